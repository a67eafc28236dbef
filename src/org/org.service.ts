import { readFile } from 'node:fs/promises';
import type { AuditEntry } from '../auth/audit.repository.ts';
import type { StaffUser } from '../auth/roles.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { createOrgRepository, type PoliceUnitPatch, type PoliceUnitRow } from './org.repository.ts';
import { loadReferenceData, WORDING_TEXT, type NewUnit, type ReferenceData } from './reference-data.ts';
import { parseBoundaries, type WardBoundaries } from './ward-geo.ts';
import { createWardResolver, type ResolveOptions, type WardMatch } from './ward-resolver.ts';

export interface OrgServiceDeps {
  db: Db;
  log: Logger;
  /** Ward boundaries GeoJSON (config.adminGeojson); without it, locate and boundaries are unavailable. */
  geojsonPath?: string;
  /** Records admin changes to police units. */
  audit?: { record(e: AuditEntry): Promise<void> };
  /** Reference data (defaults to the committed src/org/data). */
  data?: ReferenceData;
  now?: () => Date;
}

export interface WardSummary {
  code: string;
  name: string;
  type: NewUnit['type'];
  shortName: string;
  /** Seat of the commune government (UBND), not the police post. */
  adminCenter: string;
  lat: number;
  lon: number;
  areaKm2: number;
  population: number;
  /** Khoản of NQ 1656/NQ-UBTVQH15 Điều 1 that formed the unit. */
  clause: number;
}

export interface PoliceUnit {
  id: string;
  name: string;
  level: 'city' | 'ward';
  wardCode: string | null;
  /** Null until an admin records it: never guessed. */
  address: string | null;
  phone: string | null;
  note: string | null;
  isDemo: boolean;
  updatedBy: string | null;
  updatedAt: Date;
}

export type ResolvedMatch = WardMatch & { policeUnit: Pick<PoliceUnit, 'id' | 'name' | 'address' | 'phone'> | null };

export const BOUNDARY_PRECISION_NOTE =
  'Ranh giới là bản giản lược (sai số khoảng 50 m), chỉ dùng để tham khảo; địa chỉ gần ranh giới cần được xác nhận với UBND hoặc Công an xã/phường.';

const toSummary = (u: NewUnit): WardSummary => ({
  code: u.newCode,
  name: u.name,
  type: u.type,
  shortName: u.shortName,
  adminCenter: u.adminCenter,
  lat: u.lat,
  lon: u.lon,
  areaKm2: u.areaKm2,
  population: u.population,
  clause: u.clause,
});

export const toPoliceUnit = (r: PoliceUnitRow): PoliceUnit => ({
  id: r.id,
  name: r.name,
  level: r.level,
  wardCode: r.ward_code,
  address: r.address,
  phone: r.phone,
  note: r.note,
  isDemo: r.is_demo,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

/** Points farther than this from every polygon are "outside Hanoi" rather than "in a gap". */
const NEAREST_MAX_M = 500;

export function createOrgService(deps: OrgServiceDeps) {
  const data = deps.data ?? loadReferenceData();
  const repo = createOrgRepository(deps.db);
  const resolver = createWardResolver(data);
  const units = [...data.units].sort((a, b) => a.clause - b.clause);
  const unitByCode = new Map(data.units.map((u) => [u.newCode, u]));
  const clauseByCode = new Map(data.clauses.map((c) => [c.newCode, c]));
  const districtByCode = new Map(data.districts.map((d) => [d.oldDistrictCode, d]));
  const oldByCode = new Map(data.oldUnits.map((o) => [o.oldCode, o]));
  const now = deps.now ?? (() => new Date());
  const log = deps.log.child({ module: 'org' });

  let boundaries: Promise<{ ok: true; value: WardBoundaries; json: string } | { ok: false; reason: string }> | undefined;
  function loadBoundaries() {
    boundaries ??= (async () => {
      if (!deps.geojsonPath) return { ok: false as const, reason: 'ADMIN_GEOJSON is not set and the default file is missing' };
      try {
        const doc: unknown = JSON.parse(await readFile(deps.geojsonPath, 'utf8'));
        const value = parseBoundaries(doc, (c) => unitByCode.has(c), (c) => ({ name: unitByCode.get(c)!.name, type: unitByCode.get(c)!.type }));
        log.info({ features: value.size }, 'ward boundaries loaded');
        return { ok: true as const, value, json: JSON.stringify(value.geojson) };
      } catch (err) {
        log.warn({ err }, 'ward boundaries unavailable');
        return { ok: false as const, reason: err instanceof Error ? err.message : String(err) };
      }
    })();
    return boundaries;
  }

  async function requireBoundaries() {
    const b = await loadBoundaries();
    if (!b.ok) throw new AppError('BOUNDARIES_UNAVAILABLE');
    return b;
  }

  return {
    /** The pure resolver, for in-process reuse (the assistant). */
    resolver,

    /** Upserts the reference data and one police unit per ward (idempotent; keeps admin-set address/phone). */
    async seed() {
      const counts = await repo.seed(data);
      log.info(counts, 'organisation reference data seeded');
      return counts;
    },

    listWards(): WardSummary[] {
      return units.map(toSummary);
    },

    isWard(code: string): boolean {
      return unitByCode.has(code);
    },

    /** The unit, its police unit, the resolution clause and the former units merged into it. */
    async getWard(code: string) {
      const u = unitByCode.get(code);
      if (!u) return null;
      const police = await repo.findPoliceUnitOfWard(code);
      const clause = clauseByCode.get(code);
      const formerUnits = (resolver.index.transfersByNew.get(code) ?? []).map((t) => {
        const o = oldByCode.get(t.oldCode)!;
        const d = districtByCode.get(o.oldDistrictCode)!;
        const others = (resolver.index.transfersByOld.get(t.oldCode) ?? []).filter((x) => x.newCode !== code);
        return {
          oldCode: o.oldCode,
          name: o.name,
          type: o.type,
          district: d.name,
          districtCode: d.oldDistrictCode,
          relation: t.relation,
          wording: t.wording,
          wordingText: WORDING_TEXT[t.wording],
          remainderAfterClauses: t.remainderAfterClauses,
          /** The other current units that received part of a split former unit. */
          alsoTo: others.map((x) => ({ code: x.newCode, name: unitByCode.get(x.newCode)!.name, wording: x.wording })),
        };
      });
      return {
        ward: toSummary(u),
        policeUnit: police ? toPoliceUnit(police) : null,
        clause: clause ? { number: clause.clause, text: clause.text, resolution: data.resolution.number } : null,
        formerUnits,
      };
    },

    /** Free-text address → current units, best first, each with its police unit. */
    async resolve(q: string, opts?: ResolveOptions): Promise<{ matches: ResolvedMatch[]; notes: string[] }> {
      const r = resolver.resolve(q, opts);
      const police = new Map((await repo.policeUnitsOfWards(r.matches.map((m) => m.code))).map((p) => [p.ward_code, p]));
      return {
        matches: r.matches.map((m) => {
          const p = police.get(m.code);
          return { ...m, policeUnit: p ? { id: p.id, name: p.name, address: p.address, phone: p.phone } : null };
        }),
        notes: r.notes,
      };
    },

    /** The unit containing a WGS84 point (simplified polygons; see BOUNDARY_PRECISION_NOTE). */
    async locate(lat: number, lon: number) {
      const b = await requireBoundaries();
      const inside = b.value.containing(lat, lon);
      const summaries = inside.map((c) => toSummary(unitByCode.get(c)!));
      let nearest: (WardSummary & { distanceM: number }) | null = null;
      if (inside.length === 0) {
        const n = b.value.nearest(lat, lon);
        if (n && n.distanceM <= NEAREST_MAX_M) nearest = { ...toSummary(unitByCode.get(n.code)!), distanceM: Math.round(n.distanceM) };
      }
      return { ward: summaries[0] ?? null, candidates: summaries, nearest, note: BOUNDARY_PRECISION_NOTE };
    },

    /** Boundaries for maps as a GeoJSON string, or null when ADMIN_GEOJSON is unavailable. */
    async wardBoundaries(): Promise<string | null> {
      const b = await loadBoundaries();
      return b.ok ? b.json : null;
    },

    async boundariesAvailable(): Promise<boolean> {
      return (await loadBoundaries()).ok;
    },

    async listPoliceUnits(): Promise<PoliceUnit[]> {
      return (await repo.listPoliceUnits()).map(toPoliceUnit);
    },

    async getPoliceUnit(wardCode: string): Promise<PoliceUnit | null> {
      const row = await repo.findPoliceUnitOfWard(wardCode);
      return row ? toPoliceUnit(row) : null;
    },

    /** Admin edit of a police unit's contact details; audit-logged (which fields, not their values). */
    async updatePoliceUnit(actor: StaffUser, id: string, patch: PoliceUnitPatch, ip: string | null = null): Promise<PoliceUnit> {
      const changed = (['address', 'phone', 'note'] as const).filter((k) => patch[k] !== undefined);
      if (changed.length === 0) throw new AppError('VALIDATION', 'Vui lòng nhập ít nhất một thông tin cần cập nhật (địa chỉ, số điện thoại hoặc ghi chú).');
      const row = await repo.updatePoliceUnit(id, patch, actor.username, now());
      if (!row) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị công an này.');
      await deps.audit?.record({ actorId: actor.id, actorUsername: actor.username, action: 'police_unit.update', target: id, ip, details: { changed } });
      return toPoliceUnit(row);
    },
  };
}

export type OrgService = ReturnType<typeof createOrgService>;
