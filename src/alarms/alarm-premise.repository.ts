import type { Queryable } from '../db/db.ts';
import type { KeyFormat } from './dc09/crypto.ts';

/**
 * Alarm accounts as monitored premises (admin CRUD, alarm handling, supervision). The receiver's cached key
 * lookup stays in `AlarmAccountRepository`; whoever changes a row here calls its `invalidate`.
 */
export interface Contact {
  name: string;
  phone: string;
  role: string | null;
}

export type WardSource = 'code' | 'point' | 'address';

export interface PremiseRow {
  account: string;
  receiver: string | null;
  line: string | null;
  /** Secret: never returned by the API, never logged. */
  key: string | null;
  keyFormat: KeyFormat;
  enabled: boolean;
  isDemo: boolean;
  name: string;
  address: string;
  wardCode: string | null;
  wardSource: WardSource | null;
  lat: number | null;
  lon: number | null;
  contacts: Contact[];
  zones: Record<string, string>;
  heartbeatIntervalS: number | null;
  supervisionSince: Date | null;
  lastSeenAt: Date | null;
  falseAlarms: number;
  confirmedFires: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
  updatedBy: string | null;
}

export const PREMISE_COLUMNS = `account, receiver, line, key, key_format as "keyFormat", enabled, is_demo as "isDemo", name, address,
  ward_code as "wardCode", ward_source as "wardSource", lat, lon, contacts, zones, heartbeat_interval_s as "heartbeatIntervalS",
  supervision_since as "supervisionSince", last_seen_at as "lastSeenAt", false_alarms as "falseAlarms",
  confirmed_fires as "confirmedFires", created_at as "createdAt", updated_at as "updatedAt", created_by as "createdBy",
  updated_by as "updatedBy"`;

/** Settable columns (snake_case) → value. */
export type PremiseWrite = Partial<{
  receiver: string | null;
  line: string | null;
  key: string | null;
  key_format: KeyFormat;
  enabled: boolean;
  is_demo: boolean;
  name: string;
  address: string;
  ward_code: string | null;
  ward_source: WardSource | null;
  lat: number | null;
  lon: number | null;
  contacts: Contact[];
  zones: Record<string, string>;
  heartbeat_interval_s: number | null;
  supervision_since: Date;
}>;

const JSON_COLUMNS = new Set(['contacts', 'zones']);
const WRITABLE = new Set([
  'receiver', 'line', 'key', 'key_format', 'enabled', 'is_demo', 'name', 'address', 'ward_code', 'ward_source', 'lat', 'lon',
  'contacts', 'zones', 'heartbeat_interval_s', 'supervision_since',
]);

export interface PremiseFilter {
  /** Ward scope of the caller (a ward officer's ward) or null for city-wide. */
  scope: string | null;
  ward?: string;
  enabled?: boolean;
  /** Only accounts whose ward could not be determined. */
  unresolved?: boolean;
  /** Matches account, premise name or address (case-insensitive substring). */
  q?: string;
  limit: number;
}

export function createPremiseRepository() {
  return {
    /** Inserts a new account; false when the account already exists. */
    async insert(q: Queryable, account: string, w: PremiseWrite, at: Date, by: string): Promise<boolean> {
      const cols = Object.keys(w).filter((k) => WRITABLE.has(k));
      const values = cols.map((k) => encode(k, (w as Record<string, unknown>)[k]));
      const rows = await q.query(
        `insert into alarm_accounts (account, ${cols.join(', ')}, created_at, updated_at, created_by, updated_by)
         values ($1, ${cols.map((_, i) => `$${i + 2}`).join(', ')}${cols.length ? ', ' : ''}$${cols.length + 2}, $${cols.length + 2}, $${cols.length + 3}, $${cols.length + 3})
         on conflict (account) do nothing returning account`,
        [account, ...values, at, by],
      );
      return rows.length > 0;
    },

    async get(q: Queryable, account: string): Promise<PremiseRow | undefined> {
      const rows = await q.query<PremiseRow>(`select ${PREMISE_COLUMNS} from alarm_accounts where account = $1`, [account]);
      return rows[0];
    },

    async update(q: Queryable, account: string, w: PremiseWrite, at: Date, by: string): Promise<void> {
      const cols = Object.keys(w).filter((k) => WRITABLE.has(k));
      const values = cols.map((k) => encode(k, (w as Record<string, unknown>)[k]));
      const sets = cols.map((k, i) => `${k} = $${i + 2}${JSON_COLUMNS.has(k) ? '::jsonb' : ''}`);
      await q.query(
        `update alarm_accounts set ${[...sets, `updated_at = $${cols.length + 2}`, `updated_by = $${cols.length + 3}`].join(', ')} where account = $1`,
        [account, ...values, at, by],
      );
    },

    async list(q: Queryable, f: PremiseFilter): Promise<PremiseRow[]> {
      const where: string[] = ['true'];
      const params: unknown[] = [];
      const p = (v: unknown) => {
        params.push(v);
        return `$${params.length}`;
      };
      if (f.scope) where.push(`ward_code = ${p(f.scope)}`);
      if (f.ward) where.push(`ward_code = ${p(f.ward)}`);
      if (f.enabled !== undefined) where.push(`enabled = ${p(f.enabled)}`);
      if (f.unresolved) where.push('ward_code is null');
      if (f.q) {
        const like = p(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
        where.push(`(account ilike ${like} or name ilike ${like} or address ilike ${like})`);
      }
      return q.query<PremiseRow>(`select ${PREMISE_COLUMNS} from alarm_accounts where ${where.join(' and ')} order by account limit ${p(f.limit)}`, params);
    },
  };
}

export type PremiseRepository = ReturnType<typeof createPremiseRepository>;

const encode = (k: string, v: unknown) => (JSON_COLUMNS.has(k) ? JSON.stringify(v) : v);
