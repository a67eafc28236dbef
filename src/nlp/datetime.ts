/** Dates and times in Vietnamese messages. Pure: relative dates are resolved against `now`. */

export interface DateEntity {
  text: string;
  start: number;
  end: number;
  /** ISO date (YYYY-MM-DD) in the local calendar of `now`. */
  date: string;
  relative: boolean;
}

export interface TimeEntity {
  text: string;
  start: number;
  end: number;
  hour: number;
  minute: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const addDays = (now: Date, days: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);

const NUM_WORDS: Record<string, number> = { mot: 1, hai: 2, ba: 3, bon: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9, muoi: 10 };

const RELATIVE: Array<[RegExp, (m: RegExpMatchArray) => number]> = [
  [/\b(hom nay|today)\b/g, () => 0],
  [/\b(hom qua|yesterday|dem qua|toi qua)\b/g, () => -1],
  [/\b(hom kia)\b/g, () => -2],
  [/\b(ngay mai|tomorrow|sang mai|chieu mai|toi mai)\b/g, () => 1],
  [/\b(ngay kia)\b/g, () => 2],
  [/\b(\d{1,2}|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi) (ngay|hom) (truoc|nua)\b/g, (m) => {
    const n = NUM_WORDS[m[1]!] ?? Number(m[1]);
    return m[3] === 'truoc' ? -n : n;
  }],
];

export function extractDates(text: string, folded: string, now: Date): DateEntity[] {
  const out: DateEntity[] = [];
  const push = (start: number, end: number, d: Date, relative: boolean) => {
    if (Number.isNaN(d.getTime()) || out.some((o) => start < o.end && end > o.start)) return;
    out.push({ text: text.slice(start, end), start, end, date: iso(d), relative });
  };
  // "ngày 5 tháng 3 năm 2026", "5 tháng 3"
  for (const m of folded.matchAll(/\b(?:ngay )?(\d{1,2}) thang (\d{1,2})(?: nam (\d{4}))?\b/g)) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    if (day < 1 || day > 31 || month < 1 || month > 12) continue;
    const year = m[3] ? Number(m[3]) : now.getFullYear();
    push(m.index!, m.index! + m[0].length, new Date(year, month - 1, day), false);
  }
  // 12/03/2026, 12-3-26, 12/3, 2026-03-12
  for (const m of folded.matchAll(/(?<![\d.\/-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d\/-])/g)) {
    push(m.index!, m.index! + m[0].length, new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])), false);
  }
  for (const m of folded.matchAll(/(?<![\d.\/-])(\d{1,2})[\/.-](\d{1,2})(?:[\/.-](\d{4}|\d{2}))?(?![\d\/-])/g)) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    if (day < 1 || day > 31 || month < 1 || month > 12) continue;
    if (!m[3] && m[0].includes('.')) continue; // "1.5" is a number
    if (/(ngo|ngach|hem|kiet|so|nha)\s*$/.test(folded.slice(Math.max(0, m.index! - 7), m.index!))) continue; // an address
    let year = m[3] ? Number(m[3]) : now.getFullYear();
    if (year < 100) year += 2000;
    const d = new Date(year, month - 1, day);
    if (d.getDate() !== day) continue;
    push(m.index!, m.index! + m[0].length, d, false);
  }
  for (const [re, days] of RELATIVE) {
    for (const m of folded.matchAll(re)) push(m.index!, m.index! + m[0].length, addDays(now, days(m)), true);
  }
  return out.sort((a, b) => a.start - b.start);
}

export function extractTimes(text: string, folded: string): TimeEntity[] {
  const out: TimeEntity[] = [];
  const re = /(?<![\d\/.])(\d{1,2})\s?(?::|h|g|gio)\s?(\d{2})?(?:\s?(?:phut|p))?(?:\s(sang|trua|chieu|toi|dem|am|pm))?(?![\d\p{L}])/gu;
  for (const m of folded.matchAll(re)) {
    let hour = Number(m[1]);
    const minute = m[2] ? Number(m[2]) : 0;
    const part = m[3];
    if ((part === 'chieu' || part === 'toi' || part === 'pm') && hour < 12) hour += 12;
    if (part === 'dem' && hour >= 9 && hour < 12) hour += 12;
    if (hour > 23 || minute > 59) continue;
    // "2h" right after a number word like "24h" (a day) is still a time; "5 giờ" too
    out.push({ text: text.slice(m.index!, m.index! + m[0].length), start: m.index!, end: m.index! + m[0].length, hour, minute });
  }
  return out;
}
