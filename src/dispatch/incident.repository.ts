import type { Queryable } from '../db/db.ts';
import type { IncidentSource, IncidentStatus, IncidentType, LinkKind } from './model.ts';

export interface IncidentRow {
  id: string;
  code: string;
  type: IncidentType;
  priority: number;
  status: IncidentStatus;
  source: IncidentSource;
  ward_code: string | null;
  address_text: string | null;
  lat: number | null;
  lon: number | null;
  reporter_name: string | null;
  callback_phone: string | null;
  description: string | null;
  is_demo: boolean;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  received_at: Date;
  shown_at: Date | null;
  shown_by: string | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  dispatched_at: Date | null;
  dispatched_by: string | null;
  first_enroute_at: Date | null;
  first_on_scene_at: Date | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  closed_at: Date | null;
  closed_by: string | null;
  merged_into: string | null;
  timeline_seq: number;
  timeline_head: string | null;
}

export interface LinkRow {
  incident_id: string;
  kind: LinkKind;
  ref_id: string;
  via_incident_id: string | null;
  created_at: Date;
}

export interface IncidentFilter {
  /** Ward scope of the caller: a ward officer's ward, or null for city-wide. */
  scope: string | null;
  /** Default: every status but closed (closed incidents are listed only when asked for). */
  status?: IncidentStatus[];
  type?: IncidentType[];
  ward?: string;
  since?: Date;
  /** Default 500. */
  limit?: number;
}

/** Columns that may be set through `setTimes` (status time stamps and who set them). */
const TIME_COLUMNS = new Set([
  'shown_at', 'shown_by', 'acknowledged_at', 'acknowledged_by', 'dispatched_at', 'dispatched_by', 'first_enroute_at',
  'first_on_scene_at', 'resolved_at', 'resolved_by', 'closed_at', 'closed_by',
]);

export function createIncidentRepository() {
  return {
    /** Next human code for `year`: SC-2026-000123. Atomic on both adapters. */
    async nextCode(tx: Queryable, year: number): Promise<string> {
      const [row] = await tx.query<{ last: number }>(
        `insert into incident_code_seq (year, last) values ($1, 1)
         on conflict (year) do update set last = incident_code_seq.last + 1 returning last`,
        [year],
      );
      return `SC-${year}-${String(row!.last).padStart(6, '0')}`;
    },

    async insert(tx: Queryable, r: Omit<IncidentRow, 'timeline_seq' | 'timeline_head' | 'shown_at' | 'shown_by' | 'acknowledged_at' | 'acknowledged_by' | 'dispatched_at' | 'dispatched_by' | 'first_enroute_at' | 'first_on_scene_at' | 'resolved_at' | 'resolved_by' | 'closed_at' | 'closed_by' | 'merged_into'>) {
      await tx.query(
        `insert into incidents (id, code, type, priority, status, source, ward_code, address_text, lat, lon, reporter_name,
           callback_phone, description, is_demo, created_by, created_at, updated_at, received_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
        [r.id, r.code, r.type, r.priority, r.status, r.source, r.ward_code, r.address_text, r.lat, r.lon, r.reporter_name,
          r.callback_phone, r.description, r.is_demo, r.created_by, r.created_at, r.updated_at, r.received_at],
      );
    },

    async get(q: Queryable, id: string, opts: { forUpdate?: boolean } = {}): Promise<IncidentRow | undefined> {
      const rows = await q.query<IncidentRow>(`select * from incidents where id = $1${opts.forUpdate ? ' for update' : ''}`, [id]);
      return rows[0];
    },

    async list(q: Queryable, f: IncidentFilter): Promise<IncidentRow[]> {
      const where: string[] = [];
      const params: unknown[] = [];
      const p = (v: unknown) => {
        params.push(v);
        return `$${params.length}`;
      };
      if (f.scope) where.push(`ward_code = ${p(f.scope)}`);
      if (f.ward) where.push(`ward_code = ${p(f.ward)}`);
      if (f.status?.length) where.push(`status = any(${p(f.status)}::text[])`);
      else where.push(`status <> 'closed'`);
      if (f.type?.length) where.push(`type = any(${p(f.type)}::text[])`);
      if (f.since) where.push(`received_at >= ${p(f.since)}`);
      const sql = `select * from incidents where ${where.join(' and ')} order by priority asc, received_at asc limit ${p(f.limit ?? 500)}`;
      return q.query<IncidentRow>(sql, params);
    },

    async setStatus(tx: Queryable, id: string, status: IncidentStatus, at: Date) {
      await tx.query('update incidents set status = $2, updated_at = $3 where id = $1', [id, status, at]);
    },

    /** Sets time stamp columns that are still null (first occurrence wins), e.g. { acknowledged_at, acknowledged_by }. */
    async setTimesIfNull(tx: Queryable, id: string, at: Date, cols: Record<string, Date | string>) {
      const entries = Object.entries(cols);
      for (const [k] of entries) if (!TIME_COLUMNS.has(k)) throw new Error(`not a time column: ${k}`);
      if (!entries.length) return;
      // Each pair (x_at, x_by) is set together when x_at is still null.
      const sets = entries.map(([k], i) => {
        const atCol = k.endsWith('_by') ? k.replace(/_by$/, '_at') : k;
        return `${k} = case when ${atCol} is null then $${i + 3} else ${k} end`;
      });
      await tx.query(`update incidents set ${sets.join(', ')}, updated_at = $2 where id = $1`, [id, at, ...entries.map(([, v]) => v)]);
    },

    /** Overwrites a time stamp (used when an incident is reopened: resolved_at is cleared). */
    async clearTimes(tx: Queryable, id: string, cols: string[]) {
      for (const k of cols) if (!TIME_COLUMNS.has(k)) throw new Error(`not a time column: ${k}`);
      if (!cols.length) return;
      await tx.query(`update incidents set ${cols.map((c) => `${c} = null`).join(', ')} where id = $1`, [id]);
    },

    async setMergedInto(tx: Queryable, id: string, into: string, at: Date) {
      await tx.query('update incidents set merged_into = $2, updated_at = $3 where id = $1', [id, into, at]);
    },

    async addLink(tx: Queryable, l: { incidentId: string; kind: LinkKind; refId: string; viaIncidentId?: string | null; at: Date }) {
      const rows = await tx.query(
        `insert into incident_links (incident_id, kind, ref_id, via_incident_id, created_at) values ($1, $2, $3, $4, $5)
         on conflict do nothing returning incident_id`,
        [l.incidentId, l.kind, l.refId, l.viaIncidentId ?? null, l.at],
      );
      return rows.length > 0;
    },

    async links(q: Queryable, incidentId: string): Promise<LinkRow[]> {
      return q.query<LinkRow>('select * from incident_links where incident_id = $1 order by created_at, kind, ref_id', [incidentId]);
    },

    /** Open incidents received within [from, to] (for duplicate detection), excluding merged ones. */
    async openBetween(q: Queryable, from: Date, to: Date, excludeId: string): Promise<IncidentRow[]> {
      return q.query<IncidentRow>(
        `select * from incidents where received_at between $1 and $2 and id <> $3 and merged_into is null and status <> 'closed'
         order by received_at`,
        [from, to, excludeId],
      );
    },

    async allIds(q: Queryable): Promise<string[]> {
      const rows = await q.query<{ id: string }>('select id from incidents order by created_at, id');
      return rows.map((r) => r.id);
    },

    async countOpenDemo(q: Queryable): Promise<number> {
      const [r] = await q.query<{ n: number }>(`select count(*)::int as n from incidents where is_demo and status <> 'closed'`);
      return r?.n ?? 0;
    },
  };
}

export type IncidentRepository = ReturnType<typeof createIncidentRepository>;
