import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { Feature } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import { api, ApiError, errorMessage } from '../api.ts';

export interface WardMapProps {
  /** Code of a unit to emphasise (e.g. the officer's own ward); the map zooms to it. */
  highlightCode?: string | null;
  /** Zoom to the highlighted unit (the ward page); off where a click only marks it (the console). */
  zoomToHighlight?: boolean;
  /** Called with the unit's code when a boundary is clicked. */
  onSelect?: (code: string, name: string) => void;
  /** Accessible name of the map. */
  label?: string;
}

type State = { kind: 'loading' } | { kind: 'ready'; count: number } | { kind: 'missing' } | { kind: 'error'; message: string };

const codeOf = (f: Feature) => String(f.properties?.code ?? f.id ?? '');
const nameOf = (f: Feature) => String(f.properties?.name ?? codeOf(f));

const BASE: L.PathOptions = { color: '#8e1111', weight: 1, opacity: 0.8, fillColor: '#c0392b', fillOpacity: 0.06 };
const HIGHLIGHT: L.PathOptions = { color: '#6b0d0d', weight: 3, opacity: 1, fillColor: '#d4a72c', fillOpacity: 0.35 };

/**
 * Boundaries of the 126 units from GET /api/v1/wards/boundaries, drawn without any tile layer
 * (the platform runs offline and its CSP allows no external hosts).
 */
export function WardMap({ highlightCode = null, zoomToHighlight = true, onSelect, label = 'Bản đồ ranh giới 126 xã/phường của Hà Nội' }: WardMapProps) {
  const box = useRef<HTMLDivElement>(null);
  const layerRef = useRef<L.GeoJSON | null>(null);
  const mapRef = useRef<L.Map | null>(null);
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    const c = new AbortController();
    api
      .wardBoundaries(c.signal)
      .then((fc) => {
        if (c.signal.aborted || !box.current) return;
        const map = L.map(box.current, { zoomSnap: 0.25, attributionControl: true, minZoom: 8, maxZoom: 17 });
        map.attributionControl.setPrefix(false).addAttribution('Ranh giới xã/phường: dữ liệu tổng hợp, chỉ để tham khảo');
        const layer = L.geoJSON(fc, {
          style: () => BASE,
          onEachFeature: (f, l) => {
            l.bindTooltip(nameOf(f), { sticky: true, direction: 'top' });
            l.on('click', () => selectRef.current?.(codeOf(f), nameOf(f)));
          },
        }).addTo(map);
        const bounds = layer.getBounds();
        if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8] });
        else map.setView([21.03, 105.85], 10);
        mapRef.current = map;
        layerRef.current = layer;
        setState({ kind: 'ready', count: fc.features.length });
      })
      .catch((e) => {
        if (c.signal.aborted) return;
        if (e instanceof ApiError && e.status === 404) setState({ kind: 'missing' });
        else setState({ kind: 'error', message: errorMessage(e) });
      });
    return () => {
      c.abort();
      mapRef.current?.remove();
      mapRef.current = null;
      layerRef.current = null;
    };
  }, []);

  useEffect(() => {
    const layer = layerRef.current;
    const map = mapRef.current;
    if (!layer || !map) return;
    let target: L.Path | null = null;
    layer.eachLayer((l) => {
      const path = l as L.Path & { feature?: Feature };
      const hit = Boolean(highlightCode && path.feature && codeOf(path.feature) === highlightCode);
      path.setStyle(hit ? HIGHLIGHT : BASE);
      if (hit) target = path;
    });
    if (target) {
      (target as L.Path).bringToFront();
      const b = (target as unknown as L.Polygon).getBounds();
      if (zoomToHighlight && b.isValid()) map.fitBounds(b, { padding: [24, 24], maxZoom: 14 });
    }
  }, [highlightCode, zoomToHighlight, state.kind]);

  return (
    <div className="map-wrap">
      <div ref={box} className="map" role="region" aria-label={label} tabIndex={state.kind === 'ready' ? 0 : -1} />
      {state.kind !== 'ready' && (
        <div className="map-overlay" role="status">
          {state.kind === 'loading' && 'Đang tải bản đồ ranh giới xã/phường…'}
          {state.kind === 'missing' && 'Chưa có dữ liệu ranh giới xã/phường nên chưa hiển thị được bản đồ. Quản trị viên có thể cấu hình tệp ranh giới (ADMIN_GEOJSON).'}
          {state.kind === 'error' && `Chưa tải được bản đồ: ${state.message}`}
        </div>
      )}
      {state.kind === 'ready' && <p className="map-note">Bản đồ hiển thị ranh giới {state.count} xã/phường. Di chuột hoặc chạm vào một vùng để xem tên.</p>}
    </div>
  );
}
