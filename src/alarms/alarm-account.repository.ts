import type { Db } from '../db/db.ts';
import type { KeyFormat } from './dc09/crypto.ts';
import type { AccountDirectory, AlarmAccountInfo } from './receiver/ports.ts';

/**
 * Alarm accounts (monitored premises) on the Db port, and the receiver's cached key lookup.
 * The accounts HTTP API builds on `upsert`/`get`; `invalidate` must be called after a change so that the
 * receiver sees a new key at once (otherwise within `cacheTtlMs`).
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

export class AlarmAccountRepository implements AccountDirectory {
  private readonly cache = new Map<string, { at: number; info: AlarmAccountInfo | null }>();

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
    const k = account.toUpperCase();
    const now = this.opts.clock();
    const hit = this.cache.get(k);
    if (hit && now - hit.at < this.opts.cacheTtlMs) return hit.info;
    const rows = await this.db.query<{ key: string | null; keyFormat: KeyFormat; enabled: boolean }>(
      'select key, key_format as "keyFormat", enabled from alarm_accounts where account = $1',
      [k],
    );
    const info = rows[0] ? { account: k, ...rows[0] } : null;
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(k, { at: now, info });
    return info;
  }

  invalidate(account?: string): void {
    if (account === undefined) this.cache.clear();
    else this.cache.delete(account.toUpperCase());
  }
}
