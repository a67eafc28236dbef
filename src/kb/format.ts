/** Vietnamese formatting of amounts and dates shown to citizens. Pure; no Intl dependency. */

const HANOI_OFFSET_MS = 7 * 3600_000;

/** 20000 → "20.000 đồng"; 0 → "Miễn phí"; 1500000 → "1.500.000 đồng". */
export function formatVnd(amount: number): string {
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`invalid amount: ${amount}`);
  if (amount === 0) return 'Miễn phí';
  const digits = String(Math.round(amount));
  return `${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;
}

/** "2026-08-15" → "15/8/2026" (the way dates are written in Vietnamese administrative text). */
export function formatDateVi(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])}/${Number(m[2])}/${m[1]}`;
}

/** The calendar day in Hanoi (UTC+7, no daylight saving) at instant `now`, as "YYYY-MM-DD". */
export function hanoiDate(now: Date): string {
  return new Date(now.getTime() + HANOI_OFFSET_MS).toISOString().slice(0, 10);
}
