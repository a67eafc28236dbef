// Time and number formatting for the console, in Vietnamese, always in Hanoi time (UTC+7).

const TZ = 'Asia/Ho_Chi_Minh';

const clock = new Intl.DateTimeFormat('vi-VN', { timeZone: TZ, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const dayClock = new Intl.DateTimeFormat('vi-VN', { timeZone: TZ, day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** 14:05:09 */
export const timeOf = (iso: string | null | undefined) => (iso ? clock.format(new Date(iso)) : '—');
const part = (parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';

/** 14:05:09 27/11 (built from parts: the vi-VN pattern differs between ICU versions, e.g. "27-11"). */
export const dateTimeOf = (iso: string | null | undefined) => {
  if (!iso) return '—';
  const p = dayClock.formatToParts(new Date(iso));
  return `${part(p, 'hour')}:${part(p, 'minute')}:${part(p, 'second')} ${part(p, 'day')}/${part(p, 'month')}`;
};

const pad = (n: number) => String(n).padStart(2, '0');

/** A ticking age or interval: "0:42", "12:05", "1:02:33" (h:mm:ss); negative values read as 0. */
export function clockDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** A duration in words for figures: "45 giây", "3 phút 20 giây", "1 giờ 5 phút". */
export function wordsDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} giây`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} phút ${s % 60} giây` : `${m} phút`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} giờ ${m % 60} phút` : `${h} giờ`;
}

/** 1.234 m / 3,4 km */
export function distance(m: number | null | undefined): string {
  if (m === null || m === undefined || !Number.isFinite(m)) return '—';
  return m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} km`;
}

export const percent = (share: number | null | undefined) =>
  share === null || share === undefined ? '—' : `${(share * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`;

export const count = (n: number) => n.toLocaleString('vi-VN');
