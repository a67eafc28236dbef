import { foldDiacritics } from './tone.ts';
import { extractAddresses, type AddressEntity } from './address.ts';
import { extractDates, extractTimes, type DateEntity, type TimeEntity } from './datetime.ts';

export type { AddressEntity } from './address.ts';
export type { DateEntity, TimeEntity } from './datetime.ts';

export interface Span {
  /** The text as written. */
  text: string;
  start: number;
  end: number;
}

export interface PhoneEntity extends Span {
  /** Digits only, national form ("0912345678", "02438251234"). */
  value: string;
  kind: 'mobile' | 'landline' | 'hotline';
}

export interface IdNumberEntity extends Span {
  value: string;
  /** 12-digit personal ID (CCCD / thẻ căn cước) or 9-digit old ID (CMND). */
  kind: 'cccd' | 'cmnd';
}

export interface PlateEntity extends Span {
  /** Canonical form: "29A-123.45", "30H1-234.56", "29A-1234". */
  value: string;
  vehicle: 'car' | 'motorbike';
}

export interface Entities {
  addresses: AddressEntity[];
  phones: PhoneEntity[];
  ids: IdNumberEntity[];
  plates: PlateEntity[];
  dates: DateEntity[];
  times: TimeEntity[];
}

export interface EntityOptions {
  /** Reference time for relative dates ("hôm qua", "ngày mai", "3 ngày trước"). */
  now: Date;
}

/** Folds per character so that indices in the folded text are the indices in the original. */
export function foldAligned(text: string): string {
  let out = '';
  for (const ch of text) {
    const f = foldDiacritics(ch);
    out += f.length === ch.length ? f : ch;
  }
  return out.toLowerCase();
}

const PLATE_RE = /(?<![\p{L}\d])(1[1-9]|[2-9]\d)\s?[-.]?\s?([a-z]{1,2}\d?|[a-z]\s\d)\s?[-.]?\s?(\d{3}[.,]?\d{2}|\d{4})(?![\d\p{L}])/giu;
const NUMBER_RE = /(?<![\d\p{L}])(\+?\d[\d .-]{6,16}\d)(?![\d\p{L}])/gu;

function plates(text: string, folded: string): PlateEntity[] {
  const out: PlateEntity[] = [];
  for (const m of folded.matchAll(PLATE_RE)) {
    let series = m[2]!.replace(/\s/g, '').toUpperCase();
    let digits = m[3]!.replace(/[.,]/g, '');
    // "30a12345" is the car plate 30A-123.45, not 30A1-2345
    if (/\d$/.test(series) && digits.length === 4 && /^[a-z]{1,2}\d{5}$/i.test(m[0].slice(2).replace(/[\s.-]/g, ''))) {
      digits = series.slice(-1) + digits;
      series = series.slice(0, -1);
    }
    if (series.length === 1 && digits.length === 4 && /[/:]/.test(folded.slice(m.index! - 1, m.index!))) continue;
    const value = `${m[1]}${series}-${digits.length === 5 ? `${digits.slice(0, 3)}.${digits.slice(3)}` : digits}`;
    const vehicle = /\d$/.test(series) ? 'motorbike' : 'car';
    out.push({ text: text.slice(m.index!, m.index! + m[0].length), start: m.index!, end: m.index! + m[0].length, value, vehicle });
  }
  return out;
}

function numbers(text: string, folded: string, taken: Array<[number, number]>) {
  const phones: PhoneEntity[] = [];
  const ids: IdNumberEntity[] = [];
  for (const m of folded.matchAll(NUMBER_RE)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (taken.some(([s, e]) => start < e && end > s)) continue;
    const raw = m[1]!;
    // a date like 12/03/2026 or an amount like 1.500.000 is not a phone nor an ID
    if (/^\d{1,3}([.]\d{3})+$/.test(raw)) continue;
    let digits = raw.replace(/[^\d]/g, '');
    const span = { text: text.slice(start, end), start, end };
    const before = folded.slice(Math.max(0, start - 24), start);
    const idContext = /(cccd|can cuoc|cmnd|cmt|chung minh|dinh danh|so the|id)\W*(so)?\W*$/.test(before);
    if (raw.startsWith('+84') || (/^84\d{9}$/.test(digits) && !idContext)) digits = '0' + digits.slice(2);
    if (digits.length === 12 && !raw.startsWith('+')) {
      ids.push({ ...span, value: digits, kind: 'cccd' });
    } else if (digits.length === 9 && (idContext || !/^[35789]/.test(digits))) {
      ids.push({ ...span, value: digits, kind: 'cmnd' });
    } else if (/^0[35789]\d{8}$/.test(digits)) {
      phones.push({ ...span, value: digits, kind: 'mobile' });
    } else if (/^02\d{9}$/.test(digits)) {
      phones.push({ ...span, value: digits, kind: 'landline' });
    } else if (/^(1900|1800)\d{4,6}$/.test(digits)) {
      phones.push({ ...span, value: digits, kind: 'hotline' });
    }
  }
  for (const m of folded.matchAll(/(?<![\d])(11[1345])(?![\d])/g)) {
    const start = m.index!;
    if (taken.some(([s, e]) => start < e && start + 3 > s)) continue;
    if (/(goi|so|hotline|duong day nong|call|dial)\W*$/.test(folded.slice(Math.max(0, start - 12), start))) {
      phones.push({ text: m[0], start, end: start + 3, value: m[0], kind: 'hotline' });
    }
  }
  return { phones, ids };
}

/**
 * Entities in a citizen message: addresses (number, ngõ/ngách/hẻm/kiệt, street, ward — old or new —, district),
 * phone numbers, ID numbers (12-digit CCCD, 9-digit CMND), licence plates, dates and times.
 * Positions index the NFC text. Pure: time comes from `options.now`.
 */
export function extractEntities(text: string, options: EntityOptions): Entities {
  const nfc = text.normalize('NFC');
  const folded = foldAligned(nfc);
  const foundPlates = plates(nfc, folded);
  const dates = extractDates(nfc, folded, options.now);
  const times = extractTimes(nfc, folded);
  const taken: Array<[number, number]> = [
    ...foundPlates.map((p) => [p.start, p.end] as [number, number]),
    ...dates.map((d) => [d.start, d.end] as [number, number]),
    ...times.map((t) => [t.start, t.end] as [number, number]),
  ];
  const { phones, ids } = numbers(nfc, folded, taken);
  const numberSpans = [...phones, ...ids].map((p) => [p.start, p.end] as [number, number]);
  const addresses = extractAddresses(nfc, folded, [...taken, ...numberSpans]);
  return { addresses, phones, ids, plates: foundPlates, dates, times };
}
