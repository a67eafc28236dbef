import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, normZone, restoreClears, zoneDescription, TROUBLE_KINDS } from './alarm-classify.ts';
import { interpret } from './dc09/events.ts';

const sia = (data: string) => {
  const r = interpret('SIA-DCS', { data, extended: [], timestamp: null });
  if (!r.ok) throw new Error(r.detail);
  return r.events[0]!;
};
const cid = (data: string) => {
  const r = interpret('ADM-CID', { data, extended: [], timestamp: null });
  if (!r.ok) throw new Error(r.detail);
  return r.events[0]!;
};

describe('alarm classification', () => {
  it('fire alarms: SIA fire family and every Contact ID 110-118 new event', () => {
    for (const d of ['Nri1/FA012', 'NFM001', 'NKA003', 'NSA001']) expect(classify(sia(d)).kind, d).toBe('fire');
    for (const n of [110, 111, 112, 113, 114, 115, 116, 117, 118]) expect(classify(cid(`1${n} 01 012`)).kind, String(n)).toBe('fire');
    expect(classify(cid('1119 01 012')).kind).not.toBe('fire');
    expect(classify(cid('1130 01 012')).kind).not.toBe('fire');
  });

  it('fire restores: FH/KH/SH/FR and Contact ID 3110-3118', () => {
    for (const d of ['NFH012', 'NKH001', 'NSH001', 'NFR001']) expect(classify(sia(d)).kind, d).toBe('fire-restore');
    for (const n of [110, 115, 118]) expect(classify(cid(`3${n} 01 012`)).kind).toBe('fire-restore');
  });

  it('troubles by kind: fire trouble, AC loss, battery, communications, 3xx', () => {
    expect(classify(sia('NFT005'))).toEqual({ kind: 'trouble', trouble: 'fire-trouble' });
    expect(classify(sia('NAT000'))).toEqual({ kind: 'trouble', trouble: 'ac-loss' });
    expect(classify(sia('NYT000'))).toEqual({ kind: 'trouble', trouble: 'low-battery' });
    expect(classify(sia('NYC000'))).toEqual({ kind: 'trouble', trouble: 'comm-fail' });
    expect(classify(sia('NFS001'))).toEqual({ kind: 'trouble', trouble: 'supervisory' });
    expect(classify(cid('1301 00 000'))).toEqual({ kind: 'trouble', trouble: 'ac-loss' });
    expect(classify(cid('1302 00 000'))).toEqual({ kind: 'trouble', trouble: 'low-battery' });
    expect(classify(cid('1373 01 004'))).toEqual({ kind: 'trouble', trouble: 'fire-trouble' });
    expect(classify(cid('1320 00 001')).kind).toBe('trouble');
    expect(classify(sia('NRP000')).kind).toBe('test');
    expect(classify(sia('NBA001')).kind).toBe('other');
  });

  it('restores end the matching trouble only (pairs, family rule, Contact ID number, zones)', () => {
    const t = (code: string, zone: string | null = null, cidEvent: string | null = null, kind: (typeof TROUBLE_KINDS)[number] = 'trouble') => ({ kind, code, zone, cidEvent });
    const r = (code: string, zone: string | null = null, cidCode: string | null = null) => ({ code, zone, cidCode });
    expect(restoreClears(t('AT'), r('AR'))).toBe(true);
    expect(restoreClears(t('AT'), r('YR'))).toBe(false);
    expect(restoreClears(t('FT', '005'), r('FJ', '5'))).toBe(true);
    expect(restoreClears(t('FT', '005'), r('FJ', '006'))).toBe(false);
    expect(restoreClears(t('FT', '005'), r('FJ'))).toBe(true);
    expect(restoreClears(t('UT', '002'), r('UJ', '002'))).toBe(true);
    expect(restoreClears(t('YT', null, '302'), r('YR', null, '3302'))).toBe(true);
    expect(restoreClears(t('YX', null, '308'), r('YZ', null, '3305'))).toBe(false);
    expect(restoreClears(t('UX', null, null, 'comm-loss'), r('YK'))).toBe(false);
  });

  it('zone descriptions match without leading zeros', () => {
    expect(zoneDescription({ '12': 'tầng 3, kho hàng' }, '012')).toBe('tầng 3, kho hàng');
    expect(zoneDescription({ '012': 'x' }, '12')).toBe('x');
    expect(zoneDescription({ '12': 'x' }, '120')).toBeNull();
    expect(zoneDescription({}, null)).toBeNull();
    expect(normZone('000')).toBe('0');
  });

  it('never throws on arbitrary events', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('new', 'restore', 'status', 'x'), fc.string(), fc.option(fc.string()), fc.option(fc.string()), (code, qualifier, category, cidCode, zone) => {
        const h = classify({ code, qualifier, category, cidCode, zone });
        expect(typeof h.kind).toBe('string');
        restoreClears({ kind: 'trouble', code, cidEvent: cidCode ?? null, zone }, { code, cidCode, zone });
      }),
    );
  });
});
