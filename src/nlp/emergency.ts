import { normalize, type NormalizedText } from './normalize.ts';
import { compilePhrases, findPhrases } from './phrase-matcher.ts';
import {
  HOTLINES,
  KIND_CUES,
  NOT_EMERGENCY,
  NOT_NOW,
  NOT_URGENT,
  PAST,
  URGENT,
  type EmergencyKind,
} from './emergency.lexicon.ts';

export type { EmergencyKind } from './emergency.lexicon.ts';

export interface Emergency {
  kind: EmergencyKind;
  hotline: '114' | '113' | '115';
  /** 0..1, how sure the detector is that this is an emergency happening now. */
  confidence: number;
  /** The words that triggered it (as written after normalisation). */
  cues: string[];
}

export interface EmergencyOptions {
  /** Reference time, used to tell a past date ("ngày 3/5") from today. */
  now?: Date;
  /** Reuse an already normalised message. */
  normalized?: NormalizedText;
}

const KINDS: EmergencyKind[] = ['fire', 'rescue', 'medical', 'police'];
const cuePhrases = compilePhrases(
  KINDS.flatMap((k) => KIND_CUES[k].map(([p, w]) => [p, { kind: k, weight: w }] as [string, { kind: EmergencyKind; weight: number }])),
);
const blockers = compilePhrases(NOT_EMERGENCY.map((p) => [p, true] as [string, boolean]));
const pastPhrases = compilePhrases(PAST.map((p) => [p, true] as [string, boolean]));
const notNowPhrases = compilePhrases(NOT_NOW.map((p) => [p, true] as [string, boolean]));
const urgentPhrases = compilePhrases([
  ...NOT_URGENT.map((p) => [p, ''] as [string, string]),
  ...URGENT.map((p) => [p, p] as [string, string]),
]);
/** "đang" followed by these is "đăng" written without marks (đăng ký, đăng kiểm...). */
const DANG_NOT_PRESENT = new Set(['ki', 'nhap', 'tai', 'kiem', 'bai', 'tin', 'quang']);

/** "3 hôm trước", "2 ngày trước", or a dd/mm date at least a day before `now`. */
function mentionsPastDate(n: NormalizedText, now: Date | undefined): boolean {
  if (/\b(\d+|mot|hai|ba|may|vai) (ngay|hom|tuan|thang|nam) (truoc|roi)\b/.test(n.folded)) return true;
  if (!now) return false;
  for (const m of n.folded.matchAll(/\b(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2,4}))?\b/g)) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    let year = m[3] ? Number(m[3]) : now.getFullYear();
    if (year < 100) year += 2000;
    if (day < 1 || day > 31 || month < 1 || month > 12) continue;
    const d = new Date(year, month - 1, day);
    if (now.getTime() - d.getTime() >= 36 * 3600 * 1000) return true;
  }
  return false;
}

const ONLY_HELP = /^(cứu|cuu|help|sos|cứu với|cuu voi|cứu tôi với|cuu toi voi|cứu tôi|cuu toi|cứu em với|cuu em voi|cứu với mọi người|cuu voi moi nguoi)$/;

/**
 * Is this message an emergency happening now? Returns the kind and hotline, or null.
 * Robust to slang ("cháy hàng", "cháy túi"), procedures ("thủ tục PCCC") and past events ("hôm qua bị cháy").
 */
export function detectEmergency(text: string, options: EmergencyOptions = {}): Emergency | null {
  const n = options.normalized ?? normalize(text);
  if (n.foldedSyllables.length === 0) return null;
  const used = new Array<boolean>(n.foldedSyllables.length).fill(false);
  findPhrases(n, blockers, used);
  const hits = findPhrases(n, cuePhrases, used);
  const bare = n.lower.replace(/[^\p{L}\s]/gu, ' ').replace(/\s+/g, ' ').trim();
  if (hits.length === 0) {
    return ONLY_HELP.test(bare) ? { kind: 'police', hotline: '113', confidence: 0.5, cues: [bare] } : null;
  }
  const score: Record<EmergencyKind, number> = { fire: 0, police: 0, medical: 0, rescue: 0 };
  const cues: Record<EmergencyKind, string[]> = { fire: [], police: [], medical: [], rescue: [] };
  for (const h of hits) {
    score[h.value.kind] += h.value.weight;
    cues[h.value.kind].push(n.syllables.slice(h.start, h.end).join(' '));
  }
  const urgent = findPhrases(n, urgentPhrases).filter(
    (h) => h.value !== '' && !(h.value === 'đang' && DANG_NOT_PRESENT.has(n.foldedSyllables[h.end] ?? '')),
  );
  const ongoing = urgent.some((h) => h.value === 'đang' || h.value.startsWith('cứu') || h.value === 'help' || h.value.includes('now'));
  const past = findPhrases(n, pastPhrases).length > 0 || mentionsPastDate(n, options.now);
  const notNow = findPhrases(n, notNowPhrases).length > 0;
  let boost = Math.min(1, urgent.length * 0.4) + (n.shouting ? 0.4 : 0);
  let factor = 1;
  if (past && !ongoing) factor *= 0.25;
  if (notNow && !ongoing) factor *= 0.35;
  if (!ongoing && !n.shouting && score.police > 0 && urgent.length === 0) factor *= 0.9; // crimes need "now"
  let kind: EmergencyKind = 'fire';
  for (const k of KINDS) if (score[k] > score[kind]) kind = k;
  if (past && !ongoing) boost = 0;
  const total = (score[kind] + 0.3 * (Object.values(score).reduce((a, b) => a + b, 0) - score[kind]) + boost) * factor;
  if (total < 1) return null;
  const confidence = Math.min(0.99, 1 - Math.exp(-1.2 * total));
  return { kind, hotline: HOTLINES[kind], confidence: Math.round(confidence * 100) / 100, cues: cues[kind] };
}
