import { fold } from '../org/address-text.ts';
import { haversineM } from './geo.ts';
import { TYPE_FAMILY, type IncidentType } from './model.ts';

/**
 * Duplicate detection: several calls, chats and alarms about one event at one place. Two incidents are
 * proposed for merging when they are of the same type family, were received within MERGE_WINDOW_MS of each
 * other, and either lie within MERGE_RADIUS_M of each other or are in the same ward with similar address
 * text. Nothing is merged automatically: a dispatcher confirms.
 */
export const MERGE_WINDOW_MS = 30 * 60_000;
export const MERGE_RADIUS_M = 300;
export const ADDRESS_SIMILARITY_MIN = 0.5;

export interface MergeSubject {
  id: string;
  type: IncidentType;
  wardCode: string | null;
  lat: number | null;
  lon: number | null;
  addressText: string | null;
  receivedAt: Date;
}

export interface MergeCandidate {
  id: string;
  reasons: Array<'distance' | 'address'>;
  distanceM: number | null;
  addressSimilarity: number | null;
  minutesApart: number;
  score: number;
}

/** Words that say nothing about which place is meant. */
const STOP = new Set([
  'so', 'ngo', 'ngach', 'hem', 'kiet', 'duong', 'pho', 'phuong', 'xa', 'thi', 'tran', 'quan', 'huyen',
  'ha', 'noi', 'hn', 'tp', 'thon', 'khu', 'gan', 'canh', 'tai', 'o', 'cua', 'nha',
]);

/** Lower case, no diacritics (đ → d), letters and digits only, split on anything else. */
export function addressTokens(text: string): string[] {
  return fold(text).split(/[^a-z0-9]+/).filter((t) => t && !STOP.has(t));
}

/** Jaccard similarity of the token sets; house numbers and street names carry the weight. */
export function addressSimilarity(a: string, b: string): number {
  const ta = new Set(addressTokens(a));
  const tb = new Set(addressTokens(b));
  if (ta.size === 0 || tb.size === 0) return 0;
  let inter = 0;
  for (const t of ta) if (tb.has(t)) inter++;
  return inter / (ta.size + tb.size - inter);
}

export function mergeCandidates(subject: MergeSubject, others: MergeSubject[]): MergeCandidate[] {
  const out: MergeCandidate[] = [];
  for (const o of others) {
    if (o.id === subject.id) continue;
    if (TYPE_FAMILY[o.type] !== TYPE_FAMILY[subject.type]) continue;
    const apartMs = Math.abs(o.receivedAt.getTime() - subject.receivedAt.getTime());
    if (apartMs > MERGE_WINDOW_MS) continue;
    const reasons: MergeCandidate['reasons'] = [];
    let distanceM: number | null = null;
    if (subject.lat !== null && subject.lon !== null && o.lat !== null && o.lon !== null) {
      distanceM = haversineM({ lat: subject.lat, lon: subject.lon }, { lat: o.lat, lon: o.lon });
      if (distanceM <= MERGE_RADIUS_M) reasons.push('distance');
    }
    let sim: number | null = null;
    if (subject.wardCode && subject.wardCode === o.wardCode && subject.addressText && o.addressText) {
      sim = addressSimilarity(subject.addressText, o.addressText);
      if (sim >= ADDRESS_SIMILARITY_MIN) reasons.push('address');
    }
    if (!reasons.length) continue;
    const place = Math.max(distanceM !== null && distanceM <= MERGE_RADIUS_M ? 1 - distanceM / MERGE_RADIUS_M : 0, sim ?? 0);
    const time = 1 - apartMs / MERGE_WINDOW_MS;
    out.push({
      id: o.id,
      reasons,
      distanceM: distanceM === null ? null : Math.round(distanceM),
      addressSimilarity: sim === null ? null : Math.round(sim * 100) / 100,
      minutesApart: Math.round(apartMs / 6000) / 10,
      score: Math.round((0.7 * place + 0.3 * time) * 100) / 100,
    });
  }
  return out.sort((a, b) => b.score - a.score);
}
