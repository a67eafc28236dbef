import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceData } from './reference-data.ts';
import { parseBoundaries, pointInPolygon, pointInRing } from './ward-geo.ts';

const SHARED_GEOJSON = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data/hanoi_units_2025.geojson');
const data = loadReferenceData();
const byCode = new Map(data.units.map((u) => [u.newCode, u]));
const label = (c: string) => ({ name: byCode.get(c)!.name, type: byCode.get(c)!.type });

const square = (x0: number, y0: number, s: number): [number, number][] => [
  [x0, y0],
  [x0 + s, y0],
  [x0 + s, y0 + s],
  [x0, y0 + s],
  [x0, y0],
];

describe('point in polygon', () => {
  it('finds points inside a ring and not outside it', () => {
    const ring = square(0, 0, 10);
    expect(pointInRing(ring, 5, 5)).toBe(true);
    expect(pointInRing(ring, 11, 5)).toBe(false);
    expect(pointInRing(ring, -0.001, 5)).toBe(false);
  });

  it('excludes points in a hole', () => {
    const poly = [square(0, 0, 10), square(4, 4, 2)];
    expect(pointInPolygon(poly, 5, 5)).toBe(false);
    expect(pointInPolygon(poly, 2, 2)).toBe(true);
  });

  it('handles a concave ring', () => {
    const u: [number, number][] = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]];
    expect(pointInRing(u, 1.5, 2)).toBe(false);
    expect(pointInRing(u, 0.5, 2)).toBe(true);
  });

  it('parses Polygon and MultiPolygon features and ignores unknown codes', () => {
    const doc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: '00070' }, geometry: { type: 'Polygon', coordinates: [square(105, 21, 0.01)] } },
        { type: 'Feature', properties: { code: '00082' }, geometry: { type: 'MultiPolygon', coordinates: [[square(106, 21, 0.01)], [square(106.1, 21, 0.01)]] } },
        { type: 'Feature', properties: { code: '99999' }, geometry: { type: 'Polygon', coordinates: [square(0, 0, 1)] } },
      ],
    };
    const b = parseBoundaries(doc, (c) => byCode.has(c), label);
    expect(b.size).toBe(2);
    expect(b.containing(21.005, 105.005)).toEqual(['00070']);
    expect(b.containing(21.005, 106.105)).toEqual(['00082']);
    expect(b.containing(0.5, 0.5)).toEqual([]);
    expect(b.nearest(21.005, 105.0111)!.code).toBe('00070');
    expect(b.nearest(21.005, 105.0111)!.distanceM).toBeLessThan(200);
  });

  it('rejects documents that are not a FeatureCollection of polygons', () => {
    expect(() => parseBoundaries({ type: 'Feature' }, () => true, label)).toThrow();
    expect(() => parseBoundaries({ type: 'FeatureCollection', features: [] }, () => true, label)).toThrow();
    expect(() =>
      parseBoundaries({ type: 'FeatureCollection', features: [{ properties: { code: '00070' }, geometry: { type: 'Point', coordinates: [1, 2] } }] }, () => true, label),
    ).toThrow();
  });
});

describe.skipIf(!existsSync(SHARED_GEOJSON))('shared ward boundaries (../shared/data)', () => {
  // Loaded lazily: a skipped describe still runs its body while collecting tests.
  let b: ReturnType<typeof parseBoundaries>;
  beforeAll(() => {
    b = parseBoundaries(JSON.parse(readFileSync(SHARED_GEOJSON, 'utf8')), (c) => byCode.has(c), label);
  });

  it('has one feature per current unit', () => {
    expect(b.size).toBe(126);
  });

  it("puts each unit's representative point inside the unit itself", () => {
    const wrong = data.units.filter((u) => b.containing(u.lat, u.lon)[0] !== u.newCode && !b.containing(u.lat, u.lon).includes(u.newCode));
    expect(wrong.map((u) => u.name)).toEqual([]);
  });

  it('finds nothing far outside Hanoi', () => {
    expect(b.containing(10.77, 106.7)).toEqual([]);
  });
});
