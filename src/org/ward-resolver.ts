/**
 * Resolves free-text Vietnamese addresses (old or new names, with or without diacritics, abbreviated,
 * inside a sentence) to the commune-level units in force since 1/7/2025. Pure and in-process: build once
 * with `createWardResolver(loadReferenceData())`, then call `resolve(text)`. Strategy and the meaning of
 * `confidence` are described in src/org/README.md.
 */
import { fold } from './address-text.ts';
import { parseAddress, type Mention, type ParsedAddress } from './address-parse.ts';
import { WORDING_TEXT, type NewUnitType, type OldDistrict, type OldUnit, type OldUnitType, type ReferenceData, type Relation, type Transfer, type Wording } from './reference-data.ts';
import { buildWardIndex, destinationShares, type Entity, type WardIndex } from './ward-index.ts';

export type MatchBasis = 'current_name' | 'former_unit' | 'former_district';

/** How a match was reached from a former unit (or a former district). Codes here are pre-2025 codes. */
export interface MatchVia {
  oldName: string;
  oldDistrict: string;
  oldDistrictCode: string;
  oldCode?: string;
  oldType?: OldUnitType;
  relation?: Relation;
  wording?: Wording;
  wordingText?: string;
  remainderAfterClauses?: number[];
}

export interface WardMatch {
  /** Code of the current unit (CV 1027, since 1/7/2025). */
  code: string;
  name: string;
  type: NewUnitType;
  shortName: string;
  /** Estimated probability (0..1) that the address lies in this unit; see README. */
  confidence: number;
  basis: MatchBasis;
  via?: MatchVia;
  /** Khoản of NQ 1656 Điều 1 that formed the unit. */
  clause: number;
  /** Seat of the commune government (UBND), not the police post. */
  adminCenter: string;
}

export interface ResolveResult {
  matches: WardMatch[];
  /** Short Vietnamese explanations for people (split units, ambiguous names, former districts). */
  notes: string[];
}

export interface ResolveOptions {
  /** Most matches returned (default 10, at most 50). */
  limit?: number;
}

interface Contribution {
  code: string;
  p: number;
  basis: MatchBasis;
  old?: OldUnit;
  transfer?: Transfer;
  district?: OldDistrict;
}

interface Reading {
  contribs: Contribution[];
  quality: number;
  notes: string[];
}

type Role = 'unit' | 'district' | 'weak' | 'either';

/** Weights of the three readings of a name (current unit, former unit, former district) by context. */
const READING_WEIGHTS = {
  eraNew: { N: 0.95, O: 0.05, R: 0.05 },
  eraOld: { N: 0.1, O: 0.6, R: 0.3 },
  inDistrict: { N: 0.15, O: 0.85, R: 0 },
  oldHint: { N: 0.45, O: 0.45, R: 0.1 },
  plain: { N: 0.75, O: 0.15, R: 0.1 },
} as const;
const HOW_QUALITY = { exact: 1, compact: 0.9, fuzzy1: 0.75, fuzzy2: 0.6 } as const;
/** Minor weight kept for a spelling that contradicts the diacritics typed ("Đông" vs "Đồng"). */
const ACCENT_MISMATCH_WEIGHT = 0.15;
/** Quality kept when every candidate contradicts the diacritics typed ("tâm hiệp" for "Tam Hiệp"). */
const ACCENT_MISMATCH_QUALITY = 0.4;
/** An unmarked name counts fully only when place names make up this share of the meaningful words. */
const UNMARKED_MIN_COVERAGE = 0.6;
const COMBINE_EPSILON = 0.02;
const MAX_CONFIDENCE = 0.99;

const entityType = (e: Entity): string => (e.kind === 'district' ? e.district.type : e.unit.type);

export function createWardResolver(data: ReferenceData) {
  const index = buildWardIndex(data);
  return {
    index,
    resolve: (text: string, opts: ResolveOptions = {}) => resolveWith(index, text, opts),
  };
}

export type WardResolver = ReturnType<typeof createWardResolver>;

export function resolveWith(index: WardIndex, text: string, opts: ResolveOptions = {}): ResolveResult {
  const limit = Math.max(1, Math.min(50, Math.floor(opts.limit ?? 10)));
  const parsed = parseAddress(index, typeof text === 'string' ? text : '');
  const roles = assignRoles(parsed);
  const districts = new Set<string>();
  parsed.mentions.forEach((m, i) => {
    if (roles[i] !== 'district') return;
    for (const d of preferAccent(m, m.name.entries.filter((e) => e.entry.entity.kind === 'district')).chosen) {
      if (d.entity.kind === 'district') districts.add(d.entity.district.oldDistrictCode);
    }
  });

  const strong: Reading[] = [];
  const weak: Reading[] = [];
  parsed.mentions.forEach((m, i) => {
    const role = roles[i]!;
    if (role === 'unit' || role === 'either') strong.push(unitReading(index, parsed, m, role, districts));
    else if (role === 'weak') weak.push(unitReading(index, parsed, m, role, districts));
  });
  if (strong.length === 0 && weak.length > 0) strong.push(...weak.splice(0));
  if (strong.length === 0) {
    parsed.mentions.forEach((m, i) => {
      if (roles[i] === 'district') strong.push(districtReading(index, parsed, m));
    });
  }
  if (strong.length === 0) {
    return { matches: [], notes: ['Không nhận ra tên xã/phường nào trong nội dung. Vui lòng ghi rõ tên phường/xã (tên mới hoặc tên cũ kèm quận/huyện cũ).'] };
  }

  const combined = combine(strong, weak);
  const quality = Math.max(...strong.map((r) => r.quality));
  const attribution = attribute([...strong, ...weak]);
  // Ties (equal shares of a split unit) go first to the unit bearing a name from the text, then by code.
  const mentionedKeys = new Set(parsed.mentions.map((m) => parsed.tokens.slice(m.name.start, m.name.end).map((t) => t.fold).join(' ')));
  const sameName = (code: string) => (mentionedKeys.has(fold(index.unitByCode.get(code)!.shortName).replace(/\s*-\s*/g, ' ')) ? 1 : 0);
  const ranked = [...combined.entries()]
    .map(([code, p]) => ({ code, p: p * quality, attr: attribution.get(code)! }))
    .sort((a, b) => {
      if (Math.abs(b.p - a.p) > 1e-12) return b.p - a.p;
      return sameName(b.code) - sameName(a.code) || a.code.localeCompare(b.code);
    })
    .slice(0, limit);

  const matches = ranked.map(({ code, p, attr }) => {
    const u = index.unitByCode.get(code)!;
    const match: WardMatch = {
      code,
      name: u.name,
      type: u.type,
      shortName: u.shortName,
      confidence: Math.round(Math.min(MAX_CONFIDENCE, p) * 1000) / 1000,
      basis: attr.basis,
      clause: u.clause,
      adminCenter: u.adminCenter,
    };
    if (attr.via) match.via = attr.via;
    return match;
  });
  return { matches, notes: [...new Set(strong.flatMap((r) => r.notes))] };
}

/** Decides for each mention whether it names a unit, a former district, a street/place, or may be either. */
function assignRoles(parsed: ParsedAddress): Role[] {
  const roles: Role[] = parsed.mentions.map((m) => {
    const hasUnit = m.name.entries.some((e) => e.entry.entity.kind !== 'district');
    const hasDistrict = m.name.entries.some((e) => e.entry.entity.kind === 'district');
    if (m.marker?.kind === 'district') return 'district';
    if (m.marker?.kind === 'ward') return 'unit';
    if (m.marker) return hasUnit ? 'weak' : 'district';
    if (!hasUnit) return 'district';
    if (m.afterNumber) return 'weak';
    return hasDistrict ? 'either' : 'unit';
  });
  // "Hàng Bạc, Hoàn Kiếm": once a unit is named, a later name that can be a district is the district.
  let unitSeen = false;
  return roles.map((r, i) => {
    if (r === 'either' && (unitSeen || roles.some((o, j) => j !== i && o === 'unit'))) return 'district';
    if (r === 'unit' || r === 'either') unitSeen = true;
    return r;
  });
}

/** Entries whose spelling agrees with the diacritics typed, or all when none does. */
function preferAccent(m: Mention, list: Mention['name']['entries']) {
  const ok = list.filter((e) => e.accentOk);
  if (!m.name.marked || ok.length === 0 || ok.length === list.length) {
    return { chosen: list.map((e) => e.entry), weights: list.map(() => 1), mismatch: m.name.marked && ok.length === 0 };
  }
  return { chosen: list.map((e) => e.entry), weights: list.map((e) => (e.accentOk ? 1 : ACCENT_MISMATCH_WEIGHT)), mismatch: false };
}

function baseQuality(parsed: ParsedAddress, m: Mention, role: Role): number {
  const how = m.name.how === 'fuzzy' ? (m.name.distance >= 2 ? HOW_QUALITY.fuzzy2 : HOW_QUALITY.fuzzy1) : HOW_QUALITY[m.name.how];
  const context = role === 'weak' ? 0.5 : m.marker || m.era ? 1 : parsed.coverage >= UNMARKED_MIN_COVERAGE ? 0.95 : 0.6;
  return how * context;
}

function unitReading(index: WardIndex, parsed: ParsedAddress, m: Mention, role: Role, districts: Set<string>): Reading {
  let quality = baseQuality(parsed, m, role);
  let list = m.name.entries.filter((e) => e.entry.entity.kind !== 'district');
  const wantType = m.marker?.kind === 'ward' ? m.marker.type : null;
  if (wantType) {
    const typed = list.filter((e) => entityType(e.entry.entity) === wantType);
    if (typed.length) list = typed;
    else quality *= 0.6;
  }
  const acc = preferAccent(m, list);
  if (acc.mismatch) quality *= ACCENT_MISMATCH_QUALITY;
  const news: { e: Entity & { kind: 'new' }; w: number }[] = [];
  let olds: { e: Entity & { kind: 'old' }; w: number }[] = [];
  acc.chosen.forEach((entry, k) => {
    const e = entry.entity;
    if (e.kind === 'new') news.push({ e, w: acc.weights[k]! });
    else if (e.kind === 'old') olds.push({ e, w: acc.weights[k]! });
  });
  const inDistrict = districts.size ? olds.filter((o) => districts.has(o.e.district.oldDistrictCode)) : [];
  if (inDistrict.length) olds = inDistrict;
  else if (districts.size) {
    const reachable = news.some((n) => [...districts].some((d) => (index.districtSpread.get(d)?.get(n.e.unit.newCode) ?? 0) > 0));
    if (!reachable) quality *= 0.7;
  }
  const districtAlt =
    role === 'either' ? preferAccent(m, m.name.entries.filter((e) => e.entry.entity.kind === 'district')) : { chosen: [], weights: [] as number[], mismatch: false };

  const w =
    m.era === 'new'
      ? READING_WEIGHTS.eraNew
      : m.era === 'old'
        ? READING_WEIGHTS.eraOld
        : inDistrict.length
          ? READING_WEIGHTS.inDistrict
          : parsed.oldSystemHint
            ? READING_WEIGHTS.oldHint
            : READING_WEIGHTS.plain;
  const present = { N: news.length ? w.N : 0, O: olds.length ? w.O : 0, R: districtAlt.chosen.length ? w.R : 0 };
  const total = present.N + present.O + present.R || 1;

  const contribs: Contribution[] = [];
  const sumN = news.reduce((s, x) => s + x.w, 0);
  for (const n of news) contribs.push({ code: n.e.unit.newCode, p: ((present.N / total) * n.w) / sumN, basis: 'current_name' });
  const sumO = olds.reduce((s, x) => s + x.w, 0);
  for (const o of olds) {
    const transfers = index.transfersByOld.get(o.e.unit.oldCode) ?? [];
    const shares = destinationShares(transfers);
    for (const t of transfers) {
      const p = (((present.O / total) * o.w) / sumO) * shares.get(t.newCode)!;
      contribs.push({ code: t.newCode, p, basis: 'former_unit', old: o.e.unit, transfer: t, district: o.e.district });
    }
  }
  const sumR = districtAlt.weights.reduce((s, x) => s + x, 0);
  districtAlt.chosen.forEach((entry, k) => {
    if (entry.entity.kind !== 'district') return;
    const d = entry.entity.district;
    for (const [code, share] of index.districtSpread.get(d.oldDistrictCode) ?? []) {
      contribs.push({ code, p: (((present.R / total) * districtAlt.weights[k]!) / sumR) * share, basis: 'former_district', district: d });
    }
  });

  const notes: string[] = [];
  addUnitNotes(index, olds, news.length > 0, present.O / total, districts.size > 0, m, notes);
  return { contribs, quality, notes };
}

function districtReading(index: WardIndex, parsed: ParsedAddress, m: Mention): Reading {
  const notes: string[] = [];
  const acc = preferAccent(m, m.name.entries.filter((e) => e.entry.entity.kind === 'district'));
  const quality = baseQuality(parsed, m, 'district') * 0.8 * (acc.mismatch ? ACCENT_MISMATCH_QUALITY : 1);
  const sum = acc.weights.reduce((s, x) => s + x, 0);
  const contribs: Contribution[] = [];
  acc.chosen.forEach((entry, k) => {
    if (entry.entity.kind !== 'district') return;
    const d = entry.entity.district;
    const spread = [...(index.districtSpread.get(d.oldDistrictCode) ?? [])].sort((a, b) => b[1] - a[1]);
    for (const [code, share] of spread) contribs.push({ code, p: (acc.weights[k]! / sum) * share, basis: 'former_district', district: d });
    const names = spread.map(([code]) => index.unitByCode.get(code)!.name.replace(/^(Phường|Xã)/, (s) => s.toLowerCase()));
    notes.push(
      `${d.name} không còn là đơn vị hành chính từ ngày 1/7/2025; địa bàn cũ nay thuộc ${names.length} xã/phường: ${names.join(', ')}. ` +
        'Vui lòng cho biết tên phường/xã (mới hoặc cũ) để tra chính xác.',
    );
  });
  return { contribs, quality, notes };
}

function addUnitNotes(
  index: WardIndex,
  olds: { e: Entity & { kind: 'old' }; w: number }[],
  hasNew: boolean,
  oldWeight: number,
  districtGiven: boolean,
  m: Mention,
  notes: string[],
) {
  if (olds.length === 0 || oldWeight < 0.3) {
    if (hasNew && olds.length && !m.era && !districtGiven) {
      notes.push('Tên này vừa là tên xã/phường hiện nay vừa là tên đơn vị cũ (trước 1/7/2025). Nếu là tên cũ, vui lòng ghi thêm “cũ” hoặc quận/huyện cũ.');
    }
    if (oldWeight < 0.3) return;
  }
  const lower = (s: string) => s.replace(/^(Phường|Xã|Thị trấn|Quận|Huyện|Thị xã)/, (x) => x.toLowerCase());
  if (olds.length > 1) {
    notes.push(
      `Có ${olds.length} đơn vị cũ trùng tên: ${olds.map((o) => `${o.e.unit.name} (${lower(o.e.district.name)})`).join('; ')}. ` +
        'Vui lòng cho biết quận/huyện cũ để tra chính xác hơn.',
    );
  }
  for (const o of olds) {
    const ts = index.transfersByOld.get(o.e.unit.oldCode) ?? [];
    if (ts.length < 2) continue;
    const parts = ts.map((t) => `${WORDING_TEXT[t.wording]} vào ${lower(index.unitByCode.get(t.newCode)!.name)}`);
    notes.push(
      `${o.e.unit.name} (${lower(o.e.district.name)}, trước 1/7/2025) đã được chia theo Nghị quyết 1656/NQ-UBTVQH15: ${parts.join('; ')}. ` +
        'Chưa thể xác định địa chỉ cụ thể thuộc phần nào; vui lòng đối chiếu với UBND hoặc Công an xã/phường.',
    );
  }
}

/** Several named units: the intersection wins (product of experts); street/place names only nudge. */
function combine(strong: Reading[], weak: Reading[]): Map<string, number> {
  const dists = strong.map(toDist);
  const codes = new Set(dists.flatMap((d) => [...d.keys()]));
  const out = new Map<string, number>();
  for (const c of codes) {
    let p = 1;
    for (const d of dists) p *= dists.length > 1 ? (d.get(c) ?? 0) + COMBINE_EPSILON : d.get(c) ?? 0;
    for (const w of weak) p *= 1 + (toDist(w).get(c) ?? 0);
    out.set(c, p);
  }
  const total = [...out.values()].reduce((s, x) => s + x, 0) || 1;
  for (const [c, p] of out) out.set(c, p / total);
  return out;
}

function toDist(r: Reading): Map<string, number> {
  const d = new Map<string, number>();
  for (const c of r.contribs) d.set(c.code, (d.get(c.code) ?? 0) + c.p);
  return d;
}

/** Per code: which reading carried most of it, and the former unit (or district) behind it. */
function attribute(readings: Reading[]): Map<string, { basis: MatchBasis; via?: MatchVia }> {
  const byCode = new Map<string, Contribution[]>();
  for (const r of readings) for (const c of r.contribs) byCode.set(c.code, [...(byCode.get(c.code) ?? []), c]);
  const out = new Map<string, { basis: MatchBasis; via?: MatchVia }>();
  for (const [code, cs] of byCode) {
    const sums = new Map<MatchBasis, number>();
    for (const c of cs) sums.set(c.basis, (sums.get(c.basis) ?? 0) + c.p);
    const basis = [...sums.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const top = cs.filter((c) => c.basis === basis).sort((a, b) => b.p - a.p)[0]!;
    let via: MatchVia | undefined;
    if (top.basis === 'former_unit' && top.old && top.transfer) {
      via = {
        oldName: top.old.name,
        oldDistrict: top.district?.name ?? '',
        oldDistrictCode: top.old.oldDistrictCode,
        oldCode: top.old.oldCode,
        oldType: top.old.type,
        relation: top.transfer.relation,
        wording: top.transfer.wording,
        wordingText: WORDING_TEXT[top.transfer.wording],
        remainderAfterClauses: top.transfer.remainderAfterClauses,
      };
    } else if (top.basis === 'former_district' && top.district) {
      via = { oldName: top.district.name, oldDistrict: top.district.name, oldDistrictCode: top.district.oldDistrictCode };
    }
    out.set(code, via ? { basis, via } : { basis });
  }
  return out;
}
