import type { UnitKind } from './model.ts';

export interface Point {
  lat: number;
  lon: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function haversineM(a: Point, b: Point): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * ETA model (an explicit assumption, to be calibrated with real GPS tracks):
 * - road distance = straight-line distance × ROUTE_FACTOR. Street networks make trips longer than the
 *   straight line; 1.4 is the upper end of the circuity factors commonly reported for dense cities
 *   (1.2–1.4) and fits Hanoi's alleys, one-way streets and river crossings better than the lower end.
 * - travel time = road distance ÷ an average urban speed per unit kind: heavy fire engines 25 km/h and
 *   motorbike patrols 30 km/h in city traffic with priority lights; medical liaison cars 25 km/h.
 * These are planning averages, not measurements. No traffic, time of day or bridge closures are modelled.
 */
export const ROUTE_FACTOR = 1.4;
export const URBAN_SPEED_KMH: Record<UnitKind, number> = {
  fire_rescue: 25,
  police_patrol: 30,
  medical_liaison: 25,
};

export function estimateTravel(from: Point, to: Point, kind: UnitKind): { distanceM: number; roadDistanceM: number; etaSeconds: number } {
  const distanceM = haversineM(from, to);
  const roadDistanceM = distanceM * ROUTE_FACTOR;
  const speedMs = (URBAN_SPEED_KMH[kind] * 1000) / 3600;
  return { distanceM, roadDistanceM, etaSeconds: Math.round(roadDistanceM / speedMs) };
}

/** A point `fraction` (0..1) of the way from a to b (linear in degrees; fine at city scale). */
export function interpolate(a: Point, b: Point, fraction: number): Point {
  const f = Math.max(0, Math.min(1, fraction));
  return { lat: a.lat + (b.lat - a.lat) * f, lon: a.lon + (b.lon - a.lon) * f };
}
