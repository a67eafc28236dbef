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

/** The wording of Nghị quyết 1656 for how a former unit went into a new one. */
const WORDING: Record<string, string> = {
  toan_bo: 'toàn bộ diện tích, dân số',
  mot_phan: 'một phần diện tích, dân số',
  mot_phan_dien_tich: 'một phần diện tích',
  mot_phan_dien_tich_toan_bo_dan_so: 'một phần diện tích, toàn bộ dân số',
  phan_con_lai: 'phần còn lại (sau khi sáp nhập một phần vào đơn vị khác)',
};

export function wordingText(m: WardMatch): string | null {
  const raw = m.via?.wording ?? m.wording ?? null;
  if (!raw) return null;
  return WORDING[raw] ?? raw;
}

/** True when the service is sure of this match; numbers are 0..1. */
export function isExact(m: WardMatch): boolean {
  if (typeof m.confidence === 'number') return m.confidence >= 0.95;
  return ['exact', 'high', 'khớp chính xác'].includes(String(m.confidence).toLowerCase());
}

export interface MatchGroup {
  /** The former unit the matches came from, when the query named one. */
  via: WardMatch['via'];
  matches: WardMatch[];
}

/** Groups matches by the former unit they came from, keeping the service's order (best first). */
export function groupMatches(matches: WardMatch[]): MatchGroup[] {
  const groups: MatchGroup[] = [];
  const byKey = new Map<string, MatchGroup>();
  for (const m of matches) {
    const key = m.via ? `${m.via.oldName}|${m.via.oldDistrict ?? ''}` : `new|${m.code}`;
    let g = byKey.get(key);
    if (!g) {
      g = { via: m.via, matches: [] };
      byKey.set(key, g);
      groups.push(g);
    }
    g.matches.push(m);
  }
  return groups;
}

export const formatNumber = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
