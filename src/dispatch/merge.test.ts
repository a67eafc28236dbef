import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressSimilarity, addressTokens, mergeCandidates, type MergeSubject } from './merge.ts';

const t0 = new Date('2026-03-02T02:00:00.000Z');
const s = (o: Partial<MergeSubject> & { id: string }): MergeSubject => ({
  type: 'fire',
  wardCode: '00070',
  lat: 21.032,
  lon: 105.85,
  addressText: null,
  receivedAt: t0,
  ...o,
});

describe('duplicate detection', () => {
  it('proposes reports of the same type family within 300 m and 30 minutes', () => {
    const subject = s({ id: 'a' });
    const c = mergeCandidates(subject, [
      s({ id: 'near', type: 'rescue', lat: 21.0335, lon: 105.85, receivedAt: new Date(t0.getTime() + 5 * 60_000) }), // ~167 m, fire family
      s({ id: 'far', lat: 21.04, lon: 105.85 }), // ~890 m
      s({ id: 'late', receivedAt: new Date(t0.getTime() + 31 * 60_000) }),
      s({ id: 'other-family', type: 'crime' }),
    ]);
    expect(c.map((x) => x.id)).toEqual(['near']);
    expect(c[0]).toMatchObject({ reasons: ['distance'], minutesApart: 5 });
    expect(c[0]!.distanceM).toBeGreaterThan(150);
    expect(c[0]!.distanceM).toBeLessThan(180);
  });

  it('proposes reports without coordinates in the same ward with a similar address', () => {
    const subject = s({ id: 'a', lat: null, lon: null, addressText: 'Số 12 ngõ 34 phố Hàng Bạc, phường Hoàn Kiếm' });
    const c = mergeCandidates(subject, [
      s({ id: 'same', lat: null, lon: null, addressText: 'so 12 ngo 34 hang bac' }),
      s({ id: 'other-street', lat: null, lon: null, addressText: 'Số 5 phố Hàng Gai' }),
      s({ id: 'other-ward', wardCode: '00004', lat: null, lon: null, addressText: 'Số 12 ngõ 34 phố Hàng Bạc' }),
    ]);
    expect(c.map((x) => x.id)).toEqual(['same']);
    expect(c[0]!.reasons).toEqual(['address']);
  });

  it('ranks closer and more recent reports first', () => {
    const c = mergeCandidates(s({ id: 'a' }), [
      s({ id: 'b', lat: 21.0345, receivedAt: new Date(t0.getTime() + 20 * 60_000) }),
      s({ id: 'c', lat: 21.0322 }),
    ]);
    expect(c.map((x) => x.id)).toEqual(['c', 'b']);
  });

  it('normalises Vietnamese addresses without diacritics and ignores filler words', () => {
    expect(addressTokens('Số 7, Ngõ Huế – Phường Hai Bà Trưng')).toEqual(['7', 'hue', 'hai', 'ba', 'trung']);
    expect(addressSimilarity('Đường Láng', 'duong lang')).toBe(1);
  });

  it('address similarity is symmetric, within [0, 1] and never throws', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const x = addressSimilarity(a, b);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
        expect(addressSimilarity(b, a)).toBe(x);
      }),
    );
  });
});
