/**
 * Ward boundaries (GeoJSON, WGS84) for maps and point-in-ward lookup. Pure: the caller reads the file.
 * Ray casting with a bounding-box prefilter; rings after the first of a polygon are holes.
 * The shared polygons are simplified (~50 m), so a point near a boundary street is not decided reliably.
 */

type Ring = [number, number][];
type PolygonRings = Ring[];

interface WardShape {
  code: string;
  polygons: PolygonRings[];
  bbox: [number, number, number, number];
}

export interface WardBoundaries {
  /** GeoJSON FeatureCollection with properties { code, name, type } only. */
  geojson: { type: 'FeatureCollection'; features: unknown[] };
  /** Codes of the units whose polygon contains the point (usually one; two on a rare overlap). */
  containing(lat: number, lon: number): string[];
  /** The unit whose boundary is nearest to the point and its distance in metres (for points in gaps). */
  nearest(lat: number, lon: number): { code: string; distanceM: number } | null;
  size: number;
}

const isPos = (p: unknown): p is [number, number] =>
  Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);

function toRings(coords: unknown): PolygonRings {
  if (!Array.isArray(coords) || coords.length === 0) throw new Error('polygon without rings');
  return coords.map((ring) => {
    if (!Array.isArray(ring) || ring.length < 4 || !ring.every(isPos)) throw new Error('ring needs at least 4 positions');
    return ring.map((p) => [p[0], p[1]] as [number, number]);
  });
}

/** Even-odd ray casting on one ring. */
export function pointInRing(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPolygon(rings: PolygonRings, x: number, y: number): boolean {
  if (!rings[0] || !pointInRing(rings[0], x, y)) return false;
  for (let h = 1; h < rings.length; h++) if (pointInRing(rings[h]!, x, y)) return false;
  return true;
}

const M_PER_DEG_LAT = 111_320;

/** Distance in metres from a point to a segment, on a local equirectangular projection. */
function segmentDistanceM(lat: number, lon: number, a: [number, number], b: [number, number]): number {
  const kx = M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
  const ax = (a[0] - lon) * kx;
  const ay = (a[1] - lat) * M_PER_DEG_LAT;
  const bx = (b[0] - lon) * kx;
  const by = (b[1] - lat) * M_PER_DEG_LAT;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/**
 * Parses a FeatureCollection whose features carry `properties.code` (the current unit code) and a
 * Polygon or MultiPolygon geometry. `isKnown` filters out codes that are not current units.
 * Throws on a malformed document.
 */
export function parseBoundaries(doc: unknown, isKnown: (code: string) => boolean, label: (code: string) => { name: string; type: string }): WardBoundaries {
  const fc = doc as { type?: unknown; features?: unknown };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new Error('not a GeoJSON FeatureCollection');
  const shapes: WardShape[] = [];
  const features: unknown[] = [];
  for (const f of fc.features as { properties?: { code?: unknown }; geometry?: { type?: unknown; coordinates?: unknown } }[]) {
    const code = typeof f?.properties?.code === 'string' ? f.properties.code : null;
    if (!code || !isKnown(code) || !f.geometry) continue;
    const g = f.geometry;
    const polygons =
      g.type === 'Polygon' ? [toRings(g.coordinates)] : g.type === 'MultiPolygon' && Array.isArray(g.coordinates) ? g.coordinates.map(toRings) : null;
    if (!polygons) throw new Error(`unsupported geometry for ${code}`);
    const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const poly of polygons) {
      for (const [x, y] of poly[0]!) {
        bbox[0] = Math.min(bbox[0], x);
        bbox[1] = Math.min(bbox[1], y);
        bbox[2] = Math.max(bbox[2], x);
        bbox[3] = Math.max(bbox[3], y);
      }
    }
    shapes.push({ code, polygons, bbox });
    features.push({ type: 'Feature', properties: { code, ...label(code) }, geometry: { type: g.type, coordinates: g.coordinates } });
  }
  if (shapes.length === 0) throw new Error('no feature with a known unit code');
  return {
    geojson: { type: 'FeatureCollection', features },
    size: shapes.length,
    containing(lat, lon) {
      const out: string[] = [];
      for (const s of shapes) {
        if (lon < s.bbox[0] || lon > s.bbox[2] || lat < s.bbox[1] || lat > s.bbox[3]) continue;
        if (s.polygons.some((p) => pointInPolygon(p, lon, lat))) out.push(s.code);
      }
      return out;
    },
    nearest(lat, lon) {
      let best: { code: string; distanceM: number } | null = null;
      for (const s of shapes) {
        for (const poly of s.polygons) {
          for (const ring of poly) {
            for (let i = 1; i < ring.length; i++) {
              const d = segmentDistanceM(lat, lon, ring[i - 1]!, ring[i]!);
              if (!best || d < best.distanceM) best = { code: s.code, distanceM: d };
            }
          }
        }
      }
      return best;
    },
  };
}
