import { describe, expect, it } from 'vitest';
import { estimateTravel, haversineM, ROUTE_FACTOR, URBAN_SPEED_KMH } from './geo.ts';

describe('distance and ETA model', () => {
  it('computes great-circle distances (one degree of latitude ≈ 111.2 km)', () => {
    expect(haversineM({ lat: 21, lon: 105.85 }, { lat: 22, lon: 105.85 })).toBeCloseTo(111_195, -1);
    expect(haversineM({ lat: 21.03, lon: 105.85 }, { lat: 21.03, lon: 105.85 })).toBe(0);
  });

  it('estimates travel as straight line × route factor at the average urban speed of the unit kind', () => {
    const a = { lat: 21.0, lon: 105.8 };
    const b = { lat: 21.01, lon: 105.8 }; // ≈ 1112 m
    const t = estimateTravel(a, b, 'fire_rescue');
    expect(t.roadDistanceM).toBeCloseTo(t.distanceM * ROUTE_FACTOR, 6);
    expect(t.etaSeconds).toBe(Math.round(t.roadDistanceM / ((URBAN_SPEED_KMH.fire_rescue * 1000) / 3600)));
    expect(estimateTravel(a, b, 'police_patrol').etaSeconds).toBeLessThan(t.etaSeconds);
  });
});
