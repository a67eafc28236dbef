import { foldDiacritics } from '../nlp/index.ts';

/**
 * Small pure readers of citizen replies that the dialogue needs beyond the classifier: a choice among
 * offered options ("2", "cái thứ hai", the option's title), yes/no, skip/cancel words, and who a
 * procedure is for ("cho con tôi", "con tôi 10 tuổi").
 */

export const fold = (s: string) => foldDiacritics(s.normalize('NFC').toLowerCase()).replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ').trim();

const ORDINALS: Array<[RegExp, number]> = [
  [/^(so |cai |lua chon |phuong an |y |muc )?(thu )?(1|mot|nhat|dau|dau tien|truoc)( a| nhe| nha| ad)?$/, 0],
  [/^(so |cai |lua chon |phuong an |y |muc )?(thu )?(2|hai|sau|thu hai)( a| nhe| nha| ad)?$/, 1],
  [/^(so |cai |lua chon |phuong an |y |muc )?(thu )?(3|ba)( a| nhe| nha| ad)?$/, 2],
  [/^(so |cai |lua chon |phuong an |y |muc )?(thu )?(4|tu)( a| nhe| nha| ad)?$/, 3],
  [/^(the )?(first|1st|one)( one)?( please)?$/, 0],
  [/^(the )?(second|2nd|two|latter)( one)?( please)?$/, 1],
  [/^(the )?(third|3rd|three)( one)?( please)?$/, 2],
];

/**
 * Which of `options` the reply picks, or null. Accepts "1", "số 2", "cái thứ hai", "cái sau", "the first
 * one", or (part of) an option's title ("tạm trú", "gia hạn").
 */
export function parseChoice(reply: string, options: readonly string[]): number | null {
  const f = fold(reply).replace(/^(da |vang |u |ok |oke )+/, '').replace(/^(toi chon|chon|em chon|minh chon|i mean|i choose)\s*/, '');
  if (!f) return null;
  for (const [re, i] of ORDINALS) if (re.test(f) && i < options.length) return i;
  const folded = options.map(fold);
  const exact = folded.findIndex((o) => o === f);
  if (exact >= 0) return exact;
  // a reply that names one option only ("tạm trú" for [thường trú, tạm trú, thủ tục]); word-level containment
  const words = f.split(' ');
  if (words.length > 8) return null;
  const hits = folded
    .map((o, i) => ({ i, score: containsPhrase(o, f) ? words.length : 0 }))
    .filter((h) => h.score > 0);
  if (hits.length === 1) return hits[0]!.i;
  return null;
}

const containsPhrase = (haystack: string, needle: string) => ` ${haystack} `.includes(` ${needle} `);

const YES = /^(co|vang|da|dung|dung roi|dong y|ok|oke|okay|uh|u|yes|yeah|yep|sure|please|chuyen di|chuyen giup|nho chuyen|gap|gap can bo|duoc|duoc a|co a|vang a|da co|co nhe|co chu)( a| nhe| nha| di| luon| please)*$/;
const NO = /^(khong|ko|k|khong can|thoi|no|nope|no thanks|khong a|khong can dau|de sau|chua can)( a| nhe| nha| cam on| thanks)*$/;

export function isYes(reply: string): boolean {
  return YES.test(fold(reply));
}

export function isNo(reply: string): boolean {
  return NO.test(fold(reply));
}

const SKIP = /^(bo qua|bo|skip|khong biet|khong ro|khong nho|khong co|ko co|ko biet|k biet|khong|ko|chua ro|chiu|pass|next|tiep|tiep theo|none|no|dont know|i dont know|not sure|n a|na)( a| nhe| nha)?$/;
const CANCEL = /^(huy|huy bo|thoi|dung|dung lai|khong gui nua|thoi khong gui( nua)?|cancel|stop|quit|huy di|thoi khoi|khong gui)( a| nhe| nha| di)?$/;
const ANONYMOUS = /\b(an danh|giau ten|khong de lai|khong muon de lai|anonymous|anonymously)\b/;

export const isSkip = (reply: string) => SKIP.test(fold(reply));
export const isCancel = (reply: string) => CANCEL.test(fold(reply));
export const wantsAnonymous = (reply: string) => ANONYMOUS.test(fold(reply));

/** The citizen is now asking for someone else: a child, with or without an age. */
export interface AudienceShift {
  child: boolean;
  age?: number;
}

const CHILD = /\b(con toi|con em|con minh|con tui|con cua toi|con trai|con gai|con nho|chau|be|tre|tre em|tre con|em be|dua be|dua tre|nguoi chua thanh nien|my (child|son|daughter|kid|baby)|(for )?(a |my )?(child|children|kid|kids|son|daughter|minor|baby))\b/;
const CHILD_BARE = /^(the con |con |thi con |vay con )?(cho |lam cho |voi )?con( toi| em| minh| tui)?( thi sao| thi the nao| thi)?( a| nhe)?$/;
const AGE = /\b(\d{1,2}) ?(tuoi|t|years?|yo|year old|years old)\b/;

/** Reads "thế còn cho con tôi?", "con tôi 10 tuổi", "my son is 15" → { child, age }; null otherwise. */
export function detectAudienceShift(text: string): AudienceShift | null {
  const f = fold(text);
  const age = AGE.exec(f);
  const child = CHILD.test(f) || CHILD_BARE.test(f);
  if (!child && !age) return null;
  const n = age ? Number(age[1]) : undefined;
  return { child: child || (n !== undefined && n < 18), ...(n !== undefined ? { age: n } : {}) };
}

/** Age bounds a procedure is for, read from its title and audience text: [min, max) in years. */
export interface AgeRange {
  min: number;
  max: number;
}

/** "dưới 14 tuổi" / "chưa đủ 14 tuổi" → [0, 14); "từ đủ 14 tuổi" / "từ 14 tuổi" → [14, ∞); "trẻ em" → [0, 16). */
export function ageRangeOf(text: string): AgeRange | null {
  const f = fold(text);
  let min = 0;
  let max = Infinity;
  let found = false;
  const under = /\b(duoi|chua du|chua den) (\d{1,2}) tuoi\b/.exec(f);
  if (under) {
    max = Number(under[2]);
    found = true;
  }
  const inside = (i: number) => under !== null && i >= under.index && i < under.index + under[0].length;
  const from = [...f.matchAll(/\b(tu du|tu|tren|du) (\d{1,2}) tuoi( tro len)?\b/g)].find((m) => !inside(m.index));
  if (from) {
    min = Number(from[2]) + (from[1] === 'tren' ? 1 : 0);
    found = true;
  }
  if (!found && /\b(tre em|nguoi chua thanh nien)\b/.test(f)) {
    max = /chua thanh nien/.test(f) ? 18 : 16;
    found = true;
  }
  return found ? { min, max } : null;
}

export const inRange = (r: AgeRange, age: number) => age >= r.min && age < r.max;

const REPORT_STATUS = /\b(tra cuu|kiem tra|xem|theo doi|tinh trang|check|track|status of)\b.*\b(tin bao|to giac|trinh bao|don bao|report)\b|\b(tin bao|to giac|trinh bao|report)\b.*\b(den dau|the nao roi|xu ly chua|status)\b/;

/** "tra cứu tin báo", "tin báo của tôi đến đâu rồi", "check my report": a lookup of a report sent here. */
export const asksReportStatus = (text: string) => REPORT_STATUS.test(fold(text));
