/**
 * The name index behind the ward resolver: every current unit, former unit and former district by its
 * folded name, plus the old → new shares. Built once from the reference data; pure.
 */
import { tokenize } from './address-text.ts';
import type { NewUnit, OldDistrict, OldUnit, ReferenceData, Transfer, Wording } from './reference-data.ts';

export type Entity =
  | { kind: 'new'; unit: NewUnit }
  | { kind: 'old'; unit: OldUnit; district: OldDistrict }
  | { kind: 'district'; district: OldDistrict };

export interface NameEntry {
  entity: Entity;
  /** Tone key of each name word, to compare with words typed with diacritics. */
  tones: string[];
}

export interface WardIndex {
  data: ReferenceData;
  /** Folded name words joined by one space → entries. */
  byKey: Map<string, NameEntry[]>;
  /** Folded name without spaces ("hangbac") → entries; also the fuzzy-match space. */
  byCompact: Map<string, NameEntry[]>;
  /** Compact keys grouped by first letter, for typo matching. */
  compactByInitial: Map<string, string[]>;
  maxNameWords: number;
  unitByCode: Map<string, NewUnit>;
  oldByCode: Map<string, OldUnit>;
  districtByCode: Map<string, OldDistrict>;
  transfersByOld: Map<string, Transfer[]>;
  transfersByNew: Map<string, Transfer[]>;
  oldByDistrict: Map<string, OldUnit[]>;
  /** For each former district: how its former units spread over the current units (sums to 1). */
  districtSpread: Map<string, Map<string, number>>;
}

/**
 * Relative likelihood that a residential address of a split former unit lies in a given destination,
 * read from the resolution's wording only: an area-only transfer (`mot_phan_dien_tich`) carries no
 * population; a transfer of part of the area with all of the population carries nearly everyone.
 */
export const WORDING_WEIGHT: Record<Wording, number> = {
  toan_bo: 1,
  mot_phan: 1,
  phan_con_lai: 1,
  mot_phan_dien_tich: 0.15,
  mot_phan_dien_tich_toan_bo_dan_so: 6,
};

/** Share of a former unit's residents per destination (sums to 1). */
export function destinationShares(transfers: readonly Transfer[]): Map<string, number> {
  const total = transfers.reduce((s, t) => s + WORDING_WEIGHT[t.wording], 0);
  return new Map(transfers.map((t) => [t.newCode, WORDING_WEIGHT[t.wording] / total]));
}

/** Short abbreviations people use for a few former districts (documented in README). */
const DISTRICT_ALIASES: Record<string, string[]> = {
  'tu liem': ['Bắc Từ Liêm', 'Nam Từ Liêm'],
  hbt: ['Hai Bà Trưng'],
  btl: ['Bắc Từ Liêm'],
  ntl: ['Nam Từ Liêm'],
};

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function buildWardIndex(data: ReferenceData): WardIndex {
  const byKey = new Map<string, NameEntry[]>();
  let maxNameWords = 1;
  const add = (name: string, entity: Entity) => {
    const words = tokenize(name);
    const key = words.map((w) => w.fold).join(' ');
    const existing = byKey.get(key);
    if (existing?.some((e) => sameEntity(e.entity, entity))) return;
    push(byKey, key, { entity, tones: words.map((w) => w.tone) });
    maxNameWords = Math.max(maxNameWords, words.length);
  };

  const districtByCode = new Map(data.districts.map((d) => [d.oldDistrictCode, d]));
  for (const unit of data.units) add(unit.shortName, { kind: 'new', unit });
  for (const unit of data.oldUnits) {
    const district = districtByCode.get(unit.oldDistrictCode)!;
    add(unit.shortName, { kind: 'old', unit, district });
  }
  for (const district of data.districts) add(district.shortName, { kind: 'district', district });
  for (const [alias, names] of Object.entries(DISTRICT_ALIASES)) {
    for (const n of names) {
      const district = data.districts.find((d) => d.shortName === n);
      if (district) add(alias, { kind: 'district', district });
    }
  }
  // "Cổ Nhuế" alone stands for both "Cổ Nhuế 1" and "Cổ Nhuế 2" when no unit has the bare name.
  const numbered = new Map<string, Entity[]>();
  for (const [key, entries] of byKey) {
    const m = /^(.*\D) \d+$/.exec(key);
    if (m) for (const e of entries) push(numbered, m[1]!, e.entity);
  }
  for (const [bare, entities] of numbered) {
    if (byKey.has(bare)) continue;
    for (const entity of entities) {
      const name = entity.kind === 'district' ? entity.district.shortName : entity.unit.shortName;
      add(name.replace(/\s+\d+$/, ''), entity);
    }
  }

  // "Văn Miếu" or "Quốc Tử Giám" alone for "Văn Miếu - Quốc Tử Giám" (beside any unit bearing that name).
  const parts: [string, Entity][] = [];
  for (const entries of byKey.values()) {
    for (const e of entries) {
      if (e.entity.kind === 'district' || !e.entity.unit.shortName.includes(' - ')) continue;
      for (const part of e.entity.unit.shortName.split(' - ')) parts.push([part, e.entity]);
    }
  }
  for (const [part, entity] of parts) add(part, entity);

  const byCompact = new Map<string, NameEntry[]>();
  for (const [key, entries] of byKey) for (const e of entries) push(byCompact, key.replace(/ /g, ''), e);
  const compactByInitial = new Map<string, string[]>();
  for (const k of [...byCompact.keys()].sort()) push(compactByInitial, k[0]!, k);

  const transfersByOld = new Map<string, Transfer[]>();
  const transfersByNew = new Map<string, Transfer[]>();
  for (const t of data.transfers) {
    push(transfersByOld, t.oldCode, t);
    push(transfersByNew, t.newCode, t);
  }
  const oldByDistrict = new Map<string, OldUnit[]>();
  for (const u of data.oldUnits) push(oldByDistrict, u.oldDistrictCode, u);
  const districtSpread = new Map<string, Map<string, number>>();
  for (const [code, units] of oldByDistrict) {
    const spread = new Map<string, number>();
    for (const u of units) {
      for (const [newCode, share] of destinationShares(transfersByOld.get(u.oldCode) ?? [])) {
        spread.set(newCode, (spread.get(newCode) ?? 0) + share / units.length);
      }
    }
    districtSpread.set(code, spread);
  }

  return {
    data,
    byKey,
    byCompact,
    compactByInitial,
    maxNameWords,
    unitByCode: new Map(data.units.map((u) => [u.newCode, u])),
    oldByCode: new Map(data.oldUnits.map((u) => [u.oldCode, u])),
    districtByCode,
    transfersByOld,
    transfersByNew,
    oldByDistrict,
    districtSpread,
  };
}

function sameEntity(a: Entity, b: Entity): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'district' && b.kind === 'district') return a.district.oldDistrictCode === b.district.oldDistrictCode;
  if (a.kind === 'new' && b.kind === 'new') return a.unit.newCode === b.unit.newCode;
  if (a.kind === 'old' && b.kind === 'old') return a.unit.oldCode === b.unit.oldCode;
  return false;
}

