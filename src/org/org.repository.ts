import type { Db, Queryable } from '../db/db.ts';
import type { ReferenceData } from './reference-data.ts';

export const CITY_POLICE_ID = 'ca-hanoi';
export const CITY_POLICE_NAME = 'Công an thành phố Hà Nội';

/** Police unit id for a current unit code: "ca-00070". */
export const wardPoliceId = (wardCode: string) => `ca-${wardCode}`;

/** "Phường Hoàn Kiếm" → "Công an phường Hoàn Kiếm". */
export const wardPoliceName = (wardName: string) => `Công an ${wardName.charAt(0).toLowerCase()}${wardName.slice(1)}`;

export interface PoliceUnitRow {
  id: string;
  name: string;
  level: 'city' | 'ward';
  ward_code: string | null;
  address: string | null;
  phone: string | null;
  note: string | null;
  is_demo: boolean;
  updated_by: string | null;
  updated_at: Date;
}

export interface PoliceUnitPatch {
  address?: string | null;
  phone?: string | null;
  note?: string | null;
}

export function createOrgRepository(db: Db) {
  return {
    /**
     * Upserts the reference rows in one transaction. Police units get their name, level and ward only:
     * address, phone and note are never written here, so values set by an admin survive every start.
     */
    async seed(data: ReferenceData) {
      const clauseText = new Map(data.clauses.map((c) => [c.newCode, c.text]));
      const districtName = new Map(data.districts.map((d) => [d.oldDistrictCode, d.name]));
      const wards = data.units.map((u) => ({
        code: u.newCode,
        name: u.name,
        type: u.type,
        short_name: u.shortName,
        admin_center: u.adminCenter,
        lat: u.lat,
        lon: u.lon,
        area_km2: u.areaKm2,
        population: u.population,
        clause: u.clause,
        clause_text: clauseText.get(u.newCode) ?? '',
        cv1027_row: u.cv1027Row,
      }));
      const former = data.oldUnits.map((o) => ({
        old_code: o.oldCode,
        type: o.type,
        name: o.name,
        short_name: o.shortName,
        district_code: o.oldDistrictCode,
        district_name: districtName.get(o.oldDistrictCode) ?? '',
      }));
      const transfers = data.transfers.map((t) => ({
        old_code: t.oldCode,
        new_code: t.newCode,
        relation: t.relation,
        wording: t.wording,
        remainder_after_clauses: t.remainderAfterClauses,
        clause: t.clause,
      }));
      const police = [
        { id: CITY_POLICE_ID, name: CITY_POLICE_NAME, level: 'city', ward_code: null },
        ...data.units.map((u) => ({ id: wardPoliceId(u.newCode), name: wardPoliceName(u.name), level: 'ward', ward_code: u.newCode })),
      ];
      await db.transaction(async (tx) => {
        await tx.query(
          `insert into wards (code, name, type, short_name, admin_center, lat, lon, area_km2, population, clause, clause_text, cv1027_row)
           select code, name, type, short_name, admin_center, lat, lon, area_km2, population, clause, clause_text, cv1027_row
           from jsonb_to_recordset($1::jsonb) as x(code text, name text, type text, short_name text, admin_center text, lat double precision,
             lon double precision, area_km2 double precision, population integer, clause integer, clause_text text, cv1027_row integer)
           on conflict (code) do update set name = excluded.name, type = excluded.type, short_name = excluded.short_name,
             admin_center = excluded.admin_center, lat = excluded.lat, lon = excluded.lon, area_km2 = excluded.area_km2,
             population = excluded.population, clause = excluded.clause, clause_text = excluded.clause_text, cv1027_row = excluded.cv1027_row`,
          [JSON.stringify(wards)],
        );
        await tx.query(
          `insert into former_units (old_code, type, name, short_name, district_code, district_name)
           select old_code, type, name, short_name, district_code, district_name
           from jsonb_to_recordset($1::jsonb) as x(old_code text, type text, name text, short_name text, district_code text, district_name text)
           on conflict (old_code) do update set type = excluded.type, name = excluded.name, short_name = excluded.short_name,
             district_code = excluded.district_code, district_name = excluded.district_name`,
          [JSON.stringify(former)],
        );
        await tx.query(
          `insert into ward_transfers (old_code, new_code, relation, wording, remainder_after_clauses, clause)
           select old_code, new_code, relation, wording, array(select jsonb_array_elements_text(remainder)::int), clause
           from jsonb_to_recordset($1::jsonb) as x(old_code text, new_code text, relation text, wording text, remainder jsonb, clause integer)
           on conflict (old_code, new_code) do update set relation = excluded.relation, wording = excluded.wording,
             remainder_after_clauses = excluded.remainder_after_clauses, clause = excluded.clause`,
          [JSON.stringify(transfers.map(({ remainder_after_clauses, ...t }) => ({ ...t, remainder: remainder_after_clauses })))],
        );
        await tx.query(
          `insert into police_units (id, name, level, ward_code)
           select id, name, level, ward_code from jsonb_to_recordset($1::jsonb) as x(id text, name text, level text, ward_code text)
           on conflict (id) do update set name = excluded.name, level = excluded.level, ward_code = excluded.ward_code`,
          [JSON.stringify(police)],
        );
      });
      return { wards: wards.length, formerUnits: former.length, transfers: transfers.length, policeUnits: police.length };
    },

    async counts(q: Queryable = db) {
      const [row] = await q.query<{ wards: number; former_units: number; transfers: number; police_units: number }>(
        `select (select count(*) from wards)::int as wards, (select count(*) from former_units)::int as former_units,
                (select count(*) from ward_transfers)::int as transfers, (select count(*) from police_units)::int as police_units`,
      );
      return row!;
    },

    listPoliceUnits() {
      return db.query<PoliceUnitRow>(`select * from police_units order by level, ward_code nulls first`);
    },

    async policeUnitsOfWards(codes: readonly string[]) {
      if (codes.length === 0) return [];
      return db.query<PoliceUnitRow>(`select * from police_units where ward_code = any($1::text[])`, [codes]);
    },

    async findPoliceUnit(id: string) {
      const [row] = await db.query<PoliceUnitRow>(`select * from police_units where id = $1`, [id]);
      return row;
    },

    async findPoliceUnitOfWard(wardCode: string) {
      const [row] = await db.query<PoliceUnitRow>(`select * from police_units where ward_code = $1`, [wardCode]);
      return row;
    },

    /** Sets only the fields present in the patch; clears the demo flag (the values are now an admin's). */
    async updatePoliceUnit(id: string, patch: PoliceUnitPatch, updatedBy: string, now: Date) {
      const [row] = await db.query<PoliceUnitRow>(
        `update police_units set
           address = case when $2::boolean then $3::text else address end,
           phone = case when $4::boolean then $5::text else phone end,
           note = case when $6::boolean then $7::text else note end,
           is_demo = false, updated_by = $8, updated_at = $9
         where id = $1 returning *`,
        [id, patch.address !== undefined, patch.address ?? null, patch.phone !== undefined, patch.phone ?? null, patch.note !== undefined, patch.note ?? null, updatedBy, now],
      );
      return row;
    },
  };
}

export type OrgRepository = ReturnType<typeof createOrgRepository>;
