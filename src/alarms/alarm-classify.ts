import type { AlarmCategory } from './dc09/data/categories.ts';
import { SIA_CODES } from './dc09/data/sia-codes.ts';

/**
 * What the monitoring side does with one received event (pure). The receiver's category comes from the SIA
 * table; Contact ID events are also judged by their own event code, because several fire codes have no SIA
 * equivalent (CID 115 pull station, 116 duct, 118 near alarm map to `UX`) or map outside the fire family
 * (113 water flow → `WA`). Fire: SIA fire-alarm category or CID 110–118 new. Troubles: SIA trouble,
 * fire-trouble and supervisory categories and every CID 3xx new event.
 */
export const TROUBLE_KINDS = ['fire-trouble', 'ac-loss', 'low-battery', 'comm-fail', 'comm-loss', 'supervisory', 'tamper', 'trouble'] as const;
export type TroubleKind = (typeof TROUBLE_KINDS)[number];

export const TROUBLE_KIND_LABELS: Record<TroubleKind, string> = {
  'fire-trouble': 'Sự cố hệ thống báo cháy',
  'ac-loss': 'Mất điện lưới',
  'low-battery': 'Ắc quy yếu hoặc hỏng',
  'comm-fail': 'Lỗi đường truyền (thiết bị báo)',
  'comm-loss': 'Mất kết nối',
  supervisory: 'Cảnh báo giám sát',
  tamper: 'Thiết bị bị tháo, phá',
  trouble: 'Sự cố kỹ thuật',
};

export type Handling =
  | { kind: 'fire' }
  | { kind: 'fire-restore' }
  | { kind: 'trouble'; trouble: TroubleKind }
  | { kind: 'restore' }
  | { kind: 'test' }
  | { kind: 'other' };

/** The fields of a stored or received event that classification needs. */
export interface ClassifiableEvent {
  code: string;
  qualifier: string;
  category: AlarmCategory | string;
  cidCode: string | null;
  zone: string | null;
}

const FIRE_ALARM_CODES = new Set(Object.values(SIA_CODES).filter((c) => c.category === 'fire-alarm').map((c) => c.code));
/** `xH` (alarm restore) of each fire alarm family, plus Fire Restoral. */
const FIRE_RESTORE_CODES = new Set([...[...FIRE_ALARM_CODES].map((c) => `${c[0]}H`), 'FR']);

const KIND_BY_CODE: Record<string, TroubleKind> = {
  AT: 'ac-loss',
  YT: 'low-battery', XT: 'low-battery', YM: 'low-battery',
  YC: 'comm-fail', YS: 'comm-fail', LT: 'comm-fail', NT: 'comm-fail', XL: 'comm-fail',
  TT: 'tamper', ES: 'tamper', XS: 'tamper',
};

/** Contact ID event number (3 digits) → trouble kind, for 3xx codes without a telling SIA mapping. */
function kindByCid(n: number): TroubleKind | null {
  if (n === 301) return 'ac-loss';
  if (n === 302 || n === 309 || n === 311 || n === 384) return 'low-battery';
  if (n >= 350 && n <= 359) return 'comm-fail';
  if (n === 341 || n === 383) return 'tamper';
  if (n === 373) return 'fire-trouble';
  return null;
}

/** The Contact ID event number (e.g. `110`) of an ADM-CID event, else null. */
export function cidEventOf(cidCode: string | null): string | null {
  return cidCode && /^\d{4}$/.test(cidCode) ? cidCode.slice(1) : null;
}

const isCidFire = (cidEvent: string | null) => cidEvent !== null && Number(cidEvent) >= 110 && Number(cidEvent) <= 118;

export function classify(e: ClassifiableEvent): Handling {
  const cidEvent = cidEventOf(e.cidCode);
  const cidNum = cidEvent === null ? null : Number(cidEvent);
  if (e.qualifier === 'new') {
    if (e.category === 'fire-alarm' || isCidFire(cidEvent)) return { kind: 'fire' };
    const byCode = Object.hasOwn(KIND_BY_CODE, e.code) ? KIND_BY_CODE[e.code] : undefined;
    const byCid = cidNum !== null && cidNum >= 300 && cidNum <= 399 ? (kindByCid(cidNum) ?? byCode ?? categoryKind(e.category) ?? 'trouble') : null;
    if (byCid) return { kind: 'trouble', trouble: byCid };
    if (byCode && (e.category === 'trouble' || e.category === 'fire-trouble')) return { kind: 'trouble', trouble: byCode };
    const byCategory = categoryKind(e.category);
    if (byCategory) return { kind: 'trouble', trouble: byCategory };
    if (e.category === 'test') return { kind: 'test' };
    return { kind: 'other' };
  }
  if (e.qualifier === 'restore' || e.category === 'restore') {
    if (FIRE_RESTORE_CODES.has(e.code) || isCidFire(cidEvent)) return { kind: 'fire-restore' };
    return { kind: 'restore' };
  }
  return { kind: 'other' };
}

function categoryKind(category: string): TroubleKind | null {
  if (category === 'fire-trouble') return 'fire-trouble';
  if (category === 'supervisory') return 'supervisory';
  if (category === 'trouble') return 'trouble';
  return null;
}

/** Trouble code → the restore codes that end it, where the SIA family rule below does not say it. */
const RESTORE_PAIRS: Record<string, readonly string[]> = {
  AT: ['AR'], YT: ['YR'], XT: ['XR'], YM: ['YR'], YC: ['YK'], YS: ['YK'], LT: ['LR'], NT: ['NR'], XL: ['YK', 'NR'],
  ET: ['ER'], EM: ['EN'], ES: ['EJ'], YP: ['YQ'], YX: ['YZ'], YA: ['YH'], YI: ['YJ'], XQ: ['XH'], XS: ['XJ'],
  FW: ['FQ'], FS: ['FV'], FZ: ['FV'], FY: ['FJ'], AS: ['AN'], FB: ['FU'], KB: ['KU'], SB: ['SU'], TT: ['TJ', 'TR'],
};

/** Zone numbers compare without leading zeros (`012` = `12`). */
export const normZone = (z: string | null | undefined) => (z == null || z === '' ? null : z.replace(/^0+(?=.)/, ''));

export interface OpenTrouble {
  kind: TroubleKind;
  code: string | null;
  cidEvent: string | null;
  zone: string | null;
}

/**
 * Does this restore end this open trouble? Contact ID: same event number. SIA: an explicit pair (AT → AR,
 * YT → YR, ...), else the SIA family rule: same first letter, restore ending in J (trouble restore), R
 * (restoral) or U (unbypass). Zones must agree when both are given. Supervision's comm-loss is ended by
 * frames, not by restores.
 */
export function restoreClears(t: OpenTrouble, r: { code: string; cidCode: string | null; zone: string | null }): boolean {
  if (t.kind === 'comm-loss') return false;
  const zt = normZone(t.zone);
  const zr = normZone(r.zone);
  if (zt !== null && zr !== null && zt !== zr) return false;
  const rc = cidEventOf(r.cidCode);
  if (rc !== null && t.cidEvent !== null) return rc === t.cidEvent;
  if (!t.code) return false;
  const pair = Object.hasOwn(RESTORE_PAIRS, t.code) ? RESTORE_PAIRS[t.code] : undefined;
  if (pair) return pair.includes(r.code);
  return t.code[0] === r.code[0] && ['J', 'R', 'U'].includes(r.code[1] ?? '');
}

/** The premise's description of a zone (`{"12": "tầng 3, kho hàng"}` answers zone `012`), or null. */
export function zoneDescription(zones: Record<string, string> | null | undefined, zone: string | null): string | null {
  const z = normZone(zone);
  if (!zones || z === null) return null;
  for (const [k, v] of Object.entries(zones)) if (normZone(k) === z && typeof v === 'string') return v;
  return null;
}
