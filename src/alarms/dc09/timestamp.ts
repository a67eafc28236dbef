/** DC-09 timestamps: `HH:MM:SS,MM-DD-YYYY` in UTC (GMT), written after `_`. */
const TS_RE = /^(\d{2}):(\d{2}):(\d{2}),(\d{2})-(\d{2})-(\d{4})$/;

export const isTimestampText = (s: string): boolean => TS_RE.test(s);

/** Parses a DC-09 timestamp (without `_`) as UTC; null when malformed or not a real date/time. */
export function parseTimestamp(s: string): Date | null {
  const m = TS_RE.exec(s);
  if (!m) return null;
  const [hh, mi, ss, mo, dd, yyyy] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (hh > 23 || mi > 59 || ss > 59 || mo < 1 || mo > 12 || dd < 1) return null;
  const ms = Date.UTC(yyyy, mo - 1, dd, hh, mi, ss);
  const d = new Date(ms);
  if (d.getUTCDate() !== dd || d.getUTCMonth() !== mo - 1) return null; // e.g. 02-30
  return d;
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** Formats a time as a DC-09 timestamp (without `_`), in UTC. */
export function formatTimestamp(d: Date): string {
  return (
    `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())},` +
    `${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}-${String(d.getUTCFullYear()).padStart(4, '0')}`
  );
}
