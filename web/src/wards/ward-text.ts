import type { WardMatch } from '../api.ts';

/** Lower-case, without diacritics, for tolerant filtering ("phuong hang bac" finds "Phường Hàng Bạc"). */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Phường Hoàn Kiếm" → "Công an phường Hoàn Kiếm". */
export function policeUnitName(wardName: string): string {
  return `Công an ${wardName.charAt(0).toLocaleLowerCase('vi') + wardName.slice(1)}`;
}

/** The wording of Nghị quyết 1656 for how a former unit went into a new one (used when the API gives only the code). */
const WORDING: Record<string, string> = {
  toan_bo: 'toàn bộ diện tích tự nhiên, quy mô dân số',
  mot_phan: 'một phần diện tích tự nhiên, quy mô dân số',
  mot_phan_dien_tich: 'một phần diện tích tự nhiên',
  mot_phan_dien_tich_toan_bo_dan_so: 'một phần diện tích tự nhiên và toàn bộ quy mô dân số',
  phan_con_lai: 'phần còn lại',
};

export function wordingText(m: WardMatch): string | null {
  if (m.via?.wordingText) return m.via.wordingText;
  const code = m.via?.wording;
  return code ? (WORDING[code] ?? code) : null;
}

/** Below this the resolver's answer is only a guess ("ask again", src/org/README.md). */
export const LIKELY = 0.5;
/** At or above this a single, unsplit match is shown as exact (the resolver caps at 0.99). */
export const EXACT = 0.95;

export interface MatchGroup {
  /** The former unit or district the matches came from, when the query named one. */
  via: WardMatch['via'];
  basis: WardMatch['basis'];
  matches: WardMatch[];
}

/** A former unit split between several current units: every destination is a candidate. */
export const isSplit = (g: MatchGroup) => g.basis !== 'former_district' && Boolean(g.via) && (g.matches.length > 1 || g.via?.relation === 'partial');

export function isExact(m: WardMatch, g: MatchGroup): boolean {
  return !isSplit(g) && g.basis !== 'former_district' && typeof m.confidence === 'number' && m.confidence >= EXACT;
}

/** Groups matches by the former unit (or district) they came from, keeping the service's order (best first). */
export function groupMatches(matches: WardMatch[]): MatchGroup[] {
  const groups: MatchGroup[] = [];
  const byKey = new Map<string, MatchGroup>();
  for (const m of matches) {
    const key = m.via ? `${m.basis ?? ''}|${m.via.oldName}|${m.via.oldDistrict ?? ''}` : `new|${m.code}`;
    let g = byKey.get(key);
    if (!g) {
      g = { via: m.via, basis: m.basis, matches: [] };
      byKey.set(key, g);
      groups.push(g);
    }
    g.matches.push(m);
  }
  return groups;
}

/**
 * Splits the groups into the ones to show (any match at least LIKELY — with all its siblings, so a split
 * unit keeps every destination) and the less likely rest. When nothing is likely, everything is shown.
 */
export function partitionGroups(groups: MatchGroup[]): { shown: MatchGroup[]; others: MatchGroup[] } {
  const likely = (g: MatchGroup) => g.matches.some((m) => (m.confidence ?? 1) >= LIKELY);
  const shown = groups.filter(likely);
  if (shown.length === 0) return { shown: groups, others: [] };
  return { shown, others: groups.filter((g) => !likely(g)) };
}

export const formatNumber = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
