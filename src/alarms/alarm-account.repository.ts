import type { Db } from '../db/db.ts';
import type { KeyFormat } from './dc09/crypto.ts';
import type { AccountDirectory, AlarmAccountInfo } from './receiver/ports.ts';

/**
 * Alarm accounts (monitored premises) on the Db port, and the receiver's cached key lookup.
 * `invalidate` must be called after a change so that the receiver sees a new key (and `alarm.received` the new
 * ward) at once, otherwise within `cacheTtlMs`.
 */
export interface AlarmAccountInput {
  account: string;
  receiver?: string | null;
  line?: string | null;
  key?: string | null;
  keyFormat?: KeyFormat;
  enabled?: boolean;
  premise?: {
    name?: string;
    address?: string;
    wardCode?: string | null;
    lat?: number | null;
    lon?: number | null;
    contacts?: unknown[];
    zones?: Record<string, string>;
  };
  heartbeatIntervalS?: number | null;
}

type CacheEntry = { at: number; info: AlarmAccountInfo | null; wardCode: string | null };

export class AlarmAccountRepository implements AccountDirectory {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly db: Db,
    private readonly opts: { cacheTtlMs: number; clock: () => number } = { cacheTtlMs: 30_000, clock: Date.now },
  ) {}

  async upsert(a: AlarmAccountInput): Promise<void> {
    const p = a.premise ?? {};
    await this.db.query(
      `insert into alarm_accounts (account, receiver, line, key, key_format, enabled, name, address, ward_code, lat, lon,
         contacts, zones, heartbeat_interval_s)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14)
       on conflict (account) do update set receiver = excluded.receiver, line = excluded.line, key = excluded.key,
         key_format = excluded.key_format, enabled = excluded.enabled, name = excluded.name, address = excluded.address,
         ward_code = excluded.ward_code, lat = excluded.lat, lon = excluded.lon, contacts = excluded.contacts,
         zones = excluded.zones, heartbeat_interval_s = excluded.heartbeat_interval_s, updated_at = now()`,
      [
        a.account.toUpperCase(), a.receiver ?? null, a.line ?? null, a.key ?? null, a.keyFormat ?? 'hex', a.enabled ?? true,
        p.name ?? '', p.address ?? '', p.wardCode ?? null, p.lat ?? null, p.lon ?? null, JSON.stringify(p.contacts ?? []),
        JSON.stringify(p.zones ?? {}), a.heartbeatIntervalS ?? null,
      ],
    );
    this.invalidate(a.account);
  }

  /** AccountDirectory: cached lookup of key and state. */
  async get(account: string): Promise<AlarmAccountInfo | null> {
    return (await this.lookup(account)).info;
  }

  /** The premise's ward (null when unknown or unresolved), from the same cache as `get`. */
  async wardOf(account: string): Promise<string | null> {
    return (await this.lookup(account)).wardCode;
  }

  private async lookup(account: string): Promise<CacheEntry> {
    const k = account.toUpperCase();
    const now = this.opts.clock();
    const hit = this.cache.get(k);
    if (hit && now - hit.at < this.opts.cacheTtlMs) return hit;
    const rows = await this.db.query<{ key: string | null; keyFormat: KeyFormat; enabled: boolean; wardCode: string | null }>(
      'select key, key_format as "keyFormat", enabled, ward_code as "wardCode" from alarm_accounts where account = $1',
      [k],
    );
    const r = rows[0];
    const entry = { at: now, info: r ? { account: k, key: r.key, keyFormat: r.keyFormat, enabled: r.enabled } : null, wardCode: r?.wardCode ?? null };
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(k, entry);
    return entry;
  }

  invalidate(account?: string): void {
    if (account === undefined) this.cache.clear();
    else this.cache.delete(account.toUpperCase());
  }
}
