import type { Queryable } from '../db/db.ts';
import type { UnitKind, UnitStatus } from './model.ts';

export interface UnitRow {
  id: string;
  call_sign: string;
  name: string;
  kind: UnitKind;
  agency: string;
  ward_code: string | null;
  home_name: string;
  home_lat: number;
  home_lon: number;
  status: UnitStatus;
  lat: number;
  lon: number;
  status_since: Date;
  position_at: Date;
  current_incident_id: string | null;
  is_demo: boolean;
  created_at: Date;
}

export interface AssignmentRow {
  incident_id: string;
  unit_id: string;
  dispatched_at: Date;
  dispatched_by: string;
  enroute_at: Date | null;
  on_scene_at: Date | null;
  cleared_at: Date | null;
  eta_seconds: number | null;
  distance_m: number | null;
}

export function createUnitRepository() {
  return {
    async insert(tx: Queryable, u: Omit<UnitRow, 'current_incident_id'>) {
      await tx.query(
        `insert into units (id, call_sign, name, kind, agency, ward_code, home_name, home_lat, home_lon, status, lat, lon,
           status_since, position_at, is_demo, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [u.id, u.call_sign, u.name, u.kind, u.agency, u.ward_code, u.home_name, u.home_lat, u.home_lon, u.status, u.lat, u.lon,
          u.status_since, u.position_at, u.is_demo, u.created_at],
      );
    },

    async get(q: Queryable, id: string, opts: { forUpdate?: boolean } = {}): Promise<UnitRow | undefined> {
      const rows = await q.query<UnitRow>(`select * from units where id = $1${opts.forUpdate ? ' for update' : ''}`, [id]);
      return rows[0];
    },

    async byCallSign(q: Queryable, callSign: string): Promise<UnitRow | undefined> {
      const rows = await q.query<UnitRow>('select * from units where lower(call_sign) = lower($1)', [callSign]);
      return rows[0];
    },

    /**
     * Units visible in a ward scope: a ward's own units plus any unit currently working an incident of that
     * ward; city-wide (scope null) sees all.
     */
    async list(q: Queryable, f: { scope: string | null; kind?: UnitKind[]; status?: UnitStatus[] }): Promise<UnitRow[]> {
      const params: unknown[] = [];
      const where: string[] = [];
      const p = (v: unknown) => {
        params.push(v);
        return `$${params.length}`;
      };
      if (f.scope) {
        const s = p(f.scope);
        where.push(`(u.ward_code = ${s} or exists (select 1 from incidents i where i.id = u.current_incident_id and i.ward_code = ${s}))`);
      }
      if (f.kind?.length) where.push(`u.kind = any(${p(f.kind)}::text[])`);
      if (f.status?.length) where.push(`u.status = any(${p(f.status)}::text[])`);
      return q.query<UnitRow>(`select u.* from units u ${where.length ? `where ${where.join(' and ')}` : ''} order by u.call_sign`, params);
    },

    async available(q: Queryable, kinds: readonly UnitKind[]): Promise<UnitRow[]> {
      return q.query<UnitRow>(`select * from units where status = 'available' and kind = any($1::text[])`, [kinds]);
    },

    async setStatus(tx: Queryable, id: string, status: UnitStatus, at: Date, currentIncidentId: string | null) {
      await tx.query('update units set status = $2, status_since = $3, current_incident_id = $4 where id = $1', [id, status, at, currentIncidentId]);
    },

    async setPosition(tx: Queryable, id: string, lat: number, lon: number, at: Date) {
      await tx.query('update units set lat = $2, lon = $3, position_at = $4 where id = $1', [id, lat, lon, at]);
    },

    async insertAssignment(tx: Queryable, a: { incidentId: string; unitId: string; at: Date; by: string; etaSeconds: number | null; distanceM: number | null }) {
      await tx.query(
        `insert into incident_units (incident_id, unit_id, dispatched_at, dispatched_by, eta_seconds, distance_m) values ($1, $2, $3, $4, $5, $6)`,
        [a.incidentId, a.unitId, a.at, a.by, a.etaSeconds, a.distanceM],
      );
    },

    /** The open assignment of a unit (not cleared), if any. */
    async openAssignment(q: Queryable, unitId: string): Promise<AssignmentRow | undefined> {
      const rows = await q.query<AssignmentRow>(
        'select * from incident_units where unit_id = $1 and cleared_at is null order by dispatched_at desc limit 1',
        [unitId],
      );
      return rows[0];
    },

    async markAssignment(tx: Queryable, a: AssignmentRow, col: 'enroute_at' | 'on_scene_at' | 'cleared_at', at: Date) {
      await tx.query(
        `update incident_units set ${col} = coalesce(${col}, $4) where incident_id = $1 and unit_id = $2 and dispatched_at = $3`,
        [a.incident_id, a.unit_id, a.dispatched_at, at],
      );
    },

    async assignmentsOf(q: Queryable, incidentId: string): Promise<Array<AssignmentRow & { call_sign: string; name: string; kind: UnitKind; unit_status: UnitStatus; is_demo: boolean }>> {
      return q.query(
        `select a.*, u.call_sign, u.name, u.kind, u.status as unit_status, u.is_demo
         from incident_units a join units u on u.id = a.unit_id where a.incident_id = $1 order by a.dispatched_at, u.call_sign`,
        [incidentId],
      );
    },

    async openAssignmentsOf(q: Queryable, incidentId: string): Promise<AssignmentRow[]> {
      return q.query<AssignmentRow>('select * from incident_units where incident_id = $1 and cleared_at is null', [incidentId]);
    },
  };
}

export type UnitRepository = ReturnType<typeof createUnitRepository>;
