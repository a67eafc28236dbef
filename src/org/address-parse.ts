/**
 * Finds place-name mentions in free text: "P. Hàng Bạc", "phuong hang bac cu", "quận Hoàn Kiếm",
 * "phố Hàng Bạc" (a street), "nay là phường Hoàn Kiếm". A small dynamic programme picks the reading that
 * covers the most words, so "phuong mai dong" is "phường Mai Động" and not "Phương Mai" + "động".
 * Pure; bounded work for any input.
 */
import { editDistance, type Token, tokenize } from './address-text.ts';
import type { NameEntry, WardIndex } from './ward-index.ts';

export type MarkerKind = 'ward' | 'district' | 'street' | 'place';
export type MarkerType = 'phường' | 'xã' | 'thị trấn' | 'quận' | 'huyện' | 'thị xã' | 'thành phố' | null;

interface MarkerDef {
  words: string[];
  kind: MarkerKind;
  type: MarkerType;
}

/** Words written with diacritics must match these spellings; abbreviations have none. */
const MARKERS: MarkerDef[] = [
  ...['phường', 'p', 'f', 'ph'].map((w) => ({ words: [w], kind: 'ward' as const, type: 'phường' as const })),
  ...['xã', 'x'].map((w) => ({ words: [w], kind: 'ward' as const, type: 'xã' as const })),
  { words: ['thị', 'trấn'], kind: 'ward', type: 'thị trấn' },
  ...['tt', 'thitran'].map((w) => ({ words: [w], kind: 'ward' as const, type: 'thị trấn' as const })),
  ...['quận', 'q'].map((w) => ({ words: [w], kind: 'district' as const, type: 'quận' as const })),
  ...['huyện', 'h'].map((w) => ({ words: [w], kind: 'district' as const, type: 'huyện' as const })),
  { words: ['thị', 'xã'], kind: 'district', type: 'thị xã' },
  ...['tx', 'thixa'].map((w) => ({ words: [w], kind: 'district' as const, type: 'thị xã' as const })),
  { words: ['thành', 'phố'], kind: 'district', type: 'thành phố' },
  { words: ['tp'], kind: 'district', type: 'thành phố' },
  ...[['phố'], ['đường'], ['ngõ'], ['ngách'], ['hẻm'], ['kiệt'], ['số'], ['số', 'nhà'], ['đại', 'lộ'], ['quốc', 'lộ'], ['ql'], ['phan', 'đoạn']].map(
    (words) => ({ words, kind: 'street' as const, type: null }),
  ),
  ...[
    ['thôn'], ['xóm'], ['làng'], ['ấp'], ['khu'], ['khu', 'phố'], ['tổ'], ['tổ', 'dân', 'phố'], ['tdp'], ['cụm'], ['khu', 'đô', 'thị'], ['kđt'],
    ['chung', 'cư'], ['cc'], ['tòa'], ['tòa', 'nhà'], ['khu', 'tập', 'thể'], ['ktt'], ['đội'], ['chợ'], ['trường'], ['bệnh', 'viện'], ['cầu'], ['bến'],
  ].map((words) => ({ words, kind: 'place' as const, type: null })),
];

type Era = 'old' | 'new';
const ERA_PREFIX: { words: string[]; era: Era }[] = [
  { words: ['nay', 'là'], era: 'new' },
  { words: ['nay', 'thuộc'], era: 'new' },
  { words: ['hiện', 'nay', 'là'], era: 'new' },
  { words: ['bây', 'giờ', 'là'], era: 'new' },
  { words: ['mới', 'là'], era: 'new' },
  { words: ['trước', 'đây', 'là'], era: 'old' },
  { words: ['trước', 'đây'], era: 'old' },
  { words: ['trước', 'kia'], era: 'old' },
  { words: ['cũ', 'là'], era: 'old' },
];
const ERA_SUFFIX: { words: string[]; era: Era }[] = [
  { words: ['cũ'], era: 'old' },
  { words: ['mới'], era: 'new' },
];
/**
 * Words that say nothing about the ward ("Hà Nội", "Việt Nam", and the chat words around an address such as
 * "công an", "tôi", "của"); left out of the coverage ratio and never part of a misspelt (fuzzy) name.
 */
const NEUTRAL: string[][] = [
  ['hà', 'nội'], ['hn'], ['việt', 'nam'], ['vn'], ['tp'], ['thành', 'phố'],
  ['công', 'an'], ['ca'], ['tôi'], ['mình'], ['em'], ['của'], ['nào'], ['tìm'], ['gặp'], ['cán', 'bộ'], ['quản', 'lý'], ['chỗ'],
  ['ở'], ['nhà'], ['thuộc'], ['đâu'], ['không'], ['muốn'], ['cho'], ['hỏi'],
];

interface Compiled {
  folds: string[];
  tones: string[];
}
const compile = (words: string[]): Compiled => {
  const toks = words.map((w) => tokenize(w)[0]!);
  return { folds: toks.map((t) => t.fold), tones: toks.map((t) => t.tone) };
};
const MARKERS_C = MARKERS.map((m) => ({ ...m, c: compile(m.words) }));
const ERA_PREFIX_C = ERA_PREFIX.map((m) => ({ ...m, c: compile(m.words) }));
const ERA_SUFFIX_C = ERA_SUFFIX.map((m) => ({ ...m, c: compile(m.words) }));
const NEUTRAL_C = NEUTRAL.map(compile);
const MARKER_FOLDS = new Set(MARKERS_C.flatMap((m) => m.c.folds));

/** A written word matches a keyword when folded forms agree and, if the word carries marks, its spelling too. */
function matchesAt(tokens: Token[], i: number, c: Compiled): boolean {
  if (i + c.folds.length > tokens.length) return false;
  for (let k = 0; k < c.folds.length; k++) {
    const t = tokens[i + k]!;
    if (t.fold !== c.folds[k]) return false;
    if (t.marked && t.tone !== c.tones[k]) return false;
    if (k > 0 && t.hardBefore) return false;
  }
  return true;
}

export type MatchHow = 'exact' | 'compact' | 'fuzzy';

export interface NameMatch {
  start: number;
  end: number;
  entries: { entry: NameEntry; accentOk: boolean }[];
  how: MatchHow;
  distance: number;
  /** Some word of the span carries diacritics. */
  marked: boolean;
}

export interface Mention {
  name: NameMatch;
  marker: { kind: MarkerKind; type: MarkerType } | null;
  era: Era | null;
  /** Right after a house number ("số 5 Hàng Bạc", "12 Trần Phú"): most likely a street name. */
  afterNumber: boolean;
  /** Token range covered, including marker and era words. */
  start: number;
  end: number;
}

export interface ParsedAddress {
  tokens: Token[];
  mentions: Mention[];
  /** Share of meaningful words that belong to a mention (0..1). */
  coverage: number;
  /** A word such as "cũ", "trước đây" or a district marker says the text uses the pre-2025 names. */
  oldSystemHint: boolean;
}

/** Fuzzy matching is tried only on the first words, and only where exact matching found nothing. */
const FUZZY_MAX_START = 80;

function accentOk(tokens: Token[], start: number, entry: NameEntry): boolean {
  for (let k = 0; k < entry.tones.length; k++) {
    const t = tokens[start + k];
    if (t?.marked && t.tone !== entry.tones[k]) return false;
  }
  return true;
}

function nameMatchesAt(index: WardIndex, tokens: Token[], i: number, allowFuzzy: boolean, noFuzzy: readonly boolean[] = []): NameMatch[] {
  const out: NameMatch[] = [];
  let key = '';
  let compact = '';
  let marked = false;
  for (let len = 1; len <= index.maxNameWords && i + len <= tokens.length; len++) {
    const t = tokens[i + len - 1]!;
    if (len > 1 && t.hardBefore) break;
    key = len === 1 ? t.fold : `${key} ${t.fold}`;
    compact += t.fold;
    marked ||= t.marked;
    const exact = index.byKey.get(key);
    if (exact) {
      out.push({ start: i, end: i + len, entries: exact.map((entry) => ({ entry, accentOk: accentOk(tokens, i, entry) })), how: 'exact', distance: 0, marked });
      continue;
    }
    const glued = index.byCompact.get(compact);
    if (glued && compact.length >= 4) {
      // "hangbac": words glued together; the per-word spelling check does not apply.
      out.push({ start: i, end: i + len, entries: glued.map((entry) => ({ entry, accentOk: true })), how: 'compact', distance: 0, marked });
      continue;
    }
    // A misspelt name never takes in a marker word ("phường", "xã") or a chat word ("công an", "tôi"):
    // "công an phường" is not "An Thượng", "xã phường" is not "Phù Đổng".
    if (noFuzzy[i + len - 1]) allowFuzzy = false;
    if (allowFuzzy && len <= 4 && compact.length >= 5 && !t.numeric) {
      const max = compact.length >= 9 ? 2 : 1;
      let best = max + 1;
      let found: NameEntry[] = [];
      for (const k of index.compactByInitial.get(compact[0]!) ?? []) {
        if (Math.abs(k.length - compact.length) > max) continue;
        const d = editDistance(compact, k, max);
        if (d < best) {
          best = d;
          found = [...index.byCompact.get(k)!];
        } else if (d === best) found.push(...index.byCompact.get(k)!);
      }
      if (best <= max && best > 0) {
        out.push({ start: i, end: i + len, entries: found.map((entry) => ({ entry, accentOk: true })), how: 'fuzzy', distance: best, marked });
      }
    }
  }
  return out;
}

/** Does a marker of this kind fit some entry of the name? */
function compatible(kind: MarkerKind | null, m: NameMatch): boolean {
  if (kind === null) return true;
  if (kind === 'district') return m.entries.some((e) => e.entry.entity.kind === 'district');
  return m.entries.some((e) => e.entry.entity.kind !== 'district');
}

export function parseAddress(index: WardIndex, text: string): ParsedAddress {
  const tokens = tokenize(text);
  const n = tokens.length;
  const markerAt: { end: number; kind: MarkerKind; type: MarkerType }[][] = Array.from({ length: n + 1 }, () => []);
  const prefixAt: { end: number; era: Era }[][] = Array.from({ length: n + 1 }, () => []);
  const suffixAt: { end: number; era: Era }[][] = Array.from({ length: n + 1 }, () => []);
  const neutral = new Array<boolean>(n).fill(false);
  for (let i = 0; i < n; i++) {
    for (const m of MARKERS_C) if (matchesAt(tokens, i, m.c)) markerAt[i]!.push({ end: i + m.c.folds.length, kind: m.kind, type: m.type });
    for (const m of ERA_PREFIX_C) if (matchesAt(tokens, i, m.c)) prefixAt[i]!.push({ end: i + m.c.folds.length, era: m.era });
    for (const m of ERA_SUFFIX_C) {
      // the suffix may sit in brackets: "Hàng Bạc (cũ)"
      const t = tokens[i]!;
      if (t.fold === m.c.folds[0] && (!t.marked || t.tone === m.c.tones[0])) suffixAt[i]!.push({ end: i + 1, era: m.era });
    }
    for (const c of NEUTRAL_C) if (matchesAt(tokens, i, c)) for (let k = 0; k < c.folds.length; k++) neutral[i + k] = true;
  }

  const noFuzzy = tokens.map((t, k) => neutral[k]! || MARKER_FOLDS.has(t.fold));
  let names: NameMatch[][] = Array.from({ length: n + 1 }, (_, i) => (i < n ? nameMatchesAt(index, tokens, i, false) : []));
  const anyExact = names.some((l) => l.length > 0);
  const afterMarker = new Array<boolean>(n + 1).fill(false);
  for (const list of markerAt) for (const m of list) if (m.kind === 'ward' || m.kind === 'district') afterMarker[m.end] = true;
  for (let i = 0; i < Math.min(n, FUZZY_MAX_START); i++) {
    if (names[i]!.length === 0 && (!anyExact || afterMarker[i])) names[i] = nameMatchesAt(index, tokens, i, true, noFuzzy);
  }
  names = names.map((list) => list.filter((m) => m.entries.length > 0));

  // best[i]: best score for tokens[i..n); choice[i]: the mention starting at i in that reading (or null = skip).
  const best = new Array<number>(n + 1).fill(0);
  const choice = new Array<Mention | null>(n + 1).fill(null);
  for (let i = n - 1; i >= 0; i--) {
    best[i] = best[i + 1]!;
    choice[i] = null;
    const prefixes = [{ end: i, era: null as Era | null }, ...prefixAt[i]!];
    for (const p of prefixes) {
      const markers = [{ end: p.end, kind: null as MarkerKind | null, type: null as MarkerType }, ...(markerAt[p.end] ?? [])];
      for (const mk of markers) {
        for (const nm of names[mk.end] ?? []) {
          if (mk.kind && tokens[nm.start]!.hardBefore) continue;
          if (!compatible(mk.kind, nm)) continue;
          // A bare one-word name ("Láng", "Bưởi") counts only when it is (almost) the whole text.
          if (!mk.kind && nm.end - nm.start === 1 && n > 3) continue;
          const suffixes = [{ end: nm.end, era: null as Era | null }, ...(suffixAt[nm.end] ?? [])];
          for (const s of suffixes) {
            const accentBad = nm.marked && nm.entries.every((e) => !e.accentOk);
            const penalty = (nm.how === 'fuzzy' ? 0.3 * nm.distance : nm.how === 'compact' ? 0.05 : 0) + (accentBad ? 0.6 : 0);
            const score = s.end - i + (mk.kind ? 0.5 : 0) - 0.1 - penalty + best[s.end]!;
            if (score > best[i]! + 1e-9) {
              best[i] = score;
              choice[i] = {
                name: nm,
                marker: mk.kind ? { kind: mk.kind, type: mk.type } : null,
                era: s.era ?? p.era,
                afterNumber: !mk.kind && i > 0 && tokens[i - 1]!.numeric && !tokens[i]!.hardBefore,
                start: i,
                end: s.end,
              };
            }
          }
        }
      }
    }
  }

  const mentions: Mention[] = [];
  for (let i = 0; i < n; ) {
    const c = choice[i];
    if (c) {
      mentions.push(c);
      i = c.end;
    } else i++;
  }
  const covered = new Array<boolean>(n).fill(false);
  for (const m of mentions) for (let k = m.start; k < m.end; k++) covered[k] = true;
  let meaningful = 0;
  let hit = 0;
  tokens.forEach((t, k) => {
    if (covered[k]) {
      meaningful++;
      hit++;
    } else if (!neutral[k] && !t.numeric && !MARKER_FOLDS.has(t.fold)) meaningful++;
  });
  const oldSystemHint =
    mentions.some((m) => m.era === 'old' || m.marker?.kind === 'district') || prefixAt.some((l) => l.some((p) => p.era === 'old'));
  return { tokens, mentions, coverage: meaningful ? hit / meaningful : 0, oldSystemHint };
}
