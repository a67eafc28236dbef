import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { Feature, FeatureCollection } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import { api, ApiError, errorMessage } from '../../api.ts';
import { ALARM_PATH, glyphHtml, KIND_PATHS, TYPE_PATHS } from './icons.tsx';
import type { Incident, Unit } from './types.ts';
import { wardLabel } from './wards.ts';
import './map.css';

// The dispatch map: the 126 ward boundaries (GET /wards/boundaries, no tile layer: offline, CSP self-only),
// incident markers (priority colour, type glyph; alarm signals ringed), unit markers (status colour, call
// sign) and a line from each working unit to its incident. Markers are HTML (divIcon) in the marker pane
// and the lines sit in their own pane, so the boundary layer stays alone in the overlay pane.

export interface ConsoleMapProps {
  incidents: Incident[];
  units: Unit[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  wardNames: Record<string, string>;
  /** The officer's ward: emphasised, and the map starts zoomed to it. */
  homeWard?: string | null;
  /** Incidents flagged overdue (ids). */
  overdue: Set<string>;
  label: string;
}

/** `count` 0: the server has no boundary file; the map still shows incidents and units by their coordinates. */
type State = { kind: 'loading' } | { kind: 'ready'; count: number } | { kind: 'error'; message: string };

const codeOf = (f: Feature) => String(f.properties?.code ?? f.id ?? '');
const nameOf = (f: Feature) => String(f.properties?.name ?? codeOf(f));

const BASE: L.PathOptions = { color: '#8e1111', weight: 1, opacity: 0.55, fillColor: '#c0392b', fillOpacity: 0.04 };
const HOME: L.PathOptions = { color: '#6b0d0d', weight: 3, opacity: 1, fillColor: '#d4a72c', fillOpacity: 0.18 };

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function incidentIcon(i: Incident, selected: boolean, overdue: boolean) {
  const cls = ['mk-inc', `prio-${i.priority}`, `st-${i.status}`, i.source === 'alarm' && 'mk-alarm', selected && 'is-selected', overdue && 'is-overdue'].filter(Boolean).join(' ');
  const size = selected ? 34 : 26;
  const html = `<span class="mk-body">${glyphHtml(TYPE_PATHS[i.type])}</span>${i.source === 'alarm' ? `<span class="mk-bell">${glyphHtml(ALARM_PATH)}</span>` : ''}`;
  return { key: `${cls}`, icon: L.divIcon({ className: cls, html, iconSize: [size, size], iconAnchor: [size / 2, size / 2] }) };
}

function unitIcon(u: Unit) {
  const cls = `mk-unit us-${u.status}`;
  const html = `<span class="mk-unit-glyph">${glyphHtml(KIND_PATHS[u.kind])}</span><span class="mk-unit-cs">${esc(u.callSign)}</span>`;
  return { key: `${cls}|${u.callSign}`, icon: L.divIcon({ className: cls, html, iconSize: undefined, iconAnchor: [9, 9] }) };
}

type Tracked = { marker: L.Marker; key: string };

export function ConsoleMap(p: ConsoleMapProps) {
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const incMarkers = useRef(new Map<string, Tracked>());
  const unitMarkers = useRef(new Map<string, Tracked>());
  const lines = useRef<L.LayerGroup | null>(null);
  const selectRef = useRef(p.onSelect);
  selectRef.current = p.onSelect;
  const [state, setState] = useState<State>({ kind: 'loading' });
  const homeWard = p.homeWard ?? null;

  useEffect(() => {
    const c = new AbortController();
    const markers = { inc: incMarkers.current, unit: unitMarkers.current };
    api
      .wardBoundaries(c.signal)
      .catch((e: unknown): FeatureCollection | null => {
        // No boundary file on the server (404): a map of markers on a blank background is still a map.
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      })
      .then((fc) => {
        if (c.signal.aborted || !box.current) return;
        const map = L.map(box.current, { zoomSnap: 0.25, minZoom: 8, maxZoom: 18, attributionControl: true, keyboard: true });
        map.attributionControl.setPrefix(false);
        if (fc) map.attributionControl.addAttribution('Ranh giới xã/phường: dữ liệu tổng hợp, chỉ để tham khảo');
        map.createPane('unit-links').style.zIndex = '450';
        const layer = L.geoJSON(fc ?? undefined, {
          style: (f) => (f && homeWard && codeOf(f) === homeWard ? HOME : BASE),
          onEachFeature: (f, l) => l.bindTooltip(nameOf(f), { sticky: true, direction: 'top' }),
        }).addTo(map);
        let fitted = false;
        if (homeWard) {
          layer.eachLayer((l) => {
            const f = (l as L.Polygon & { feature?: Feature }).feature;
            if (f && codeOf(f) === homeWard) {
              map.fitBounds((l as L.Polygon).getBounds(), { padding: [16, 16], maxZoom: 15 });
              fitted = true;
            }
          });
        }
        if (!fitted) {
          // The city is large (3,360 km²); open on the inner districts where most reports come from.
          map.fitBounds(L.latLngBounds([20.94, 105.74], [21.1, 105.93]));
        }
        // Call signs of free units clutter the city view: they show from street level, busy units always.
        const zoomClass = () => box.current?.classList.toggle('cmap-far', map.getZoom() < 14);
        map.on('zoomend', zoomClass);
        zoomClass();
        lines.current = L.layerGroup().addTo(map);
        mapRef.current = map;
        setState({ kind: 'ready', count: fc?.features.length ?? 0 });
      })
      .catch((e) => {
        if (c.signal.aborted) return;
        setState({ kind: 'error', message: errorMessage(e) });
      });
    return () => {
      c.abort();
      mapRef.current?.remove();
      mapRef.current = null;
      lines.current = null;
      markers.inc.clear();
      markers.unit.clear();
    };
  }, [homeWard]);

  // Incident markers: add, restyle, move, remove.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const seen = new Set<string>();
    for (const i of p.incidents) {
      if (i.lat === null || i.lon === null) continue;
      seen.add(i.id);
      const { key, icon } = incidentIcon(i, i.id === p.selectedId, p.overdue.has(i.id));
      const title = `${i.typeLabel} ${i.code} — ${wardLabel(p.wardNames, i.wardCode)} — ${i.statusLabel}`;
      const t = incMarkers.current.get(i.id);
      if (!t) {
        const marker = L.marker([i.lat, i.lon], { icon, title, alt: title, keyboard: true, riseOnHover: true, zIndexOffset: 1000 - i.priority * 100 });
        marker.on('click', () => selectRef.current(i.id));
        marker.addTo(map);
        incMarkers.current.set(i.id, { marker, key });
      } else {
        const ll = t.marker.getLatLng();
        if (ll.lat !== i.lat || ll.lng !== i.lon) t.marker.setLatLng([i.lat, i.lon]);
        if (t.key !== key) {
          t.marker.setIcon(icon);
          t.key = key;
        }
        t.marker.getElement()?.setAttribute('title', title);
      }
      incMarkers.current.get(i.id)!.marker.setZIndexOffset(i.id === p.selectedId ? 5000 : 1000 - i.priority * 100);
    }
    for (const [id, t] of incMarkers.current) {
      if (!seen.has(id)) {
        t.marker.remove();
        incMarkers.current.delete(id);
      }
    }
  }, [p.incidents, p.selectedId, p.overdue, p.wardNames, state.kind]);

  // Unit markers and the unit → incident lines.
  useEffect(() => {
    const map = mapRef.current;
    const group = lines.current;
    if (!map || !group) return;
    const byId = new Map(p.incidents.map((i) => [i.id, i]));
    const seen = new Set<string>();
    group.clearLayers();
    for (const u of p.units) {
      if (u.status === 'off_duty') continue;
      seen.add(u.id);
      const { key, icon } = unitIcon(u);
      const title = `${u.callSign} — ${u.statusLabel}`;
      const t = unitMarkers.current.get(u.id);
      if (!t) {
        const marker = L.marker([u.lat, u.lon], { icon, title, alt: title, keyboard: false, zIndexOffset: -500 });
        marker.on('click', () => u.currentIncidentId && selectRef.current(u.currentIncidentId));
        marker.addTo(map);
        unitMarkers.current.set(u.id, { marker, key });
      } else {
        const ll = t.marker.getLatLng();
        if (ll.lat !== u.lat || ll.lng !== u.lon) t.marker.setLatLng([u.lat, u.lon]);
        if (t.key !== key) {
          t.marker.setIcon(icon);
          t.key = key;
        }
      }
      const inc = u.currentIncidentId ? byId.get(u.currentIncidentId) : undefined;
      if (inc && inc.lat !== null && inc.lon !== null && (u.status === 'dispatched' || u.status === 'en_route')) {
        L.polyline(
          [
            [u.lat, u.lon],
            [inc.lat, inc.lon],
          ],
          { pane: 'unit-links', color: u.status === 'en_route' ? '#b24a00' : '#8a5a00', weight: 2, dashArray: '6 5', interactive: false },
        ).addTo(group);
      }
    }
    for (const [id, t] of unitMarkers.current) {
      if (!seen.has(id)) {
        t.marker.remove();
        unitMarkers.current.delete(id);
      }
    }
  }, [p.units, p.incidents, state.kind]);

  // Bring the selected incident into view (without changing the zoom the dispatcher chose).
  useEffect(() => {
    const map = mapRef.current;
    const sel = p.incidents.find((i) => i.id === p.selectedId);
    if (!map || !sel || sel.lat === null || sel.lon === null) return;
    const ll = L.latLng(sel.lat, sel.lon);
    if (!map.getBounds().pad(-0.1).contains(ll)) map.panTo(ll, { animate: !window.matchMedia('(prefers-reduced-motion: reduce)').matches });
  }, [p.selectedId, state.kind]);

  const fitAll = () => {
    const map = mapRef.current;
    if (!map) return;
    const pts = p.incidents.filter((i) => i.lat !== null && i.lon !== null).map((i) => L.latLng(i.lat!, i.lon!));
    for (const u of p.units) if (u.status !== 'off_duty') pts.push(L.latLng(u.lat, u.lon));
    if (pts.length) map.fitBounds(L.latLngBounds(pts), { padding: [24, 24], maxZoom: 15 });
  };

  const noLocation = p.incidents.filter((i) => i.lat === null || i.lon === null).length;

  return (
    <div className="map-wrap cmap">
      <div ref={box} className="map cmap-map" role="region" aria-label={p.label} tabIndex={state.kind === 'ready' ? 0 : -1} />
      {state.kind === 'ready' && (
        <button type="button" className="btn btn-light btn-sm cmap-fit" onClick={fitAll}>
          Vừa khung sự việc, lực lượng
        </button>
      )}
      {state.kind !== 'ready' && (
        <div className="map-overlay" role="status">
          {state.kind === 'loading' && 'Đang tải bản đồ ranh giới xã/phường…'}
          {state.kind === 'error' && `Chưa tải được bản đồ: ${state.message}`}
        </div>
      )}
      <p className="cmap-legend">
        <span className="visually-hidden">Chú giải: </span>
        <span className="lg lg-p1">Khẩn cấp</span>
        <span className="lg lg-p2">Cao</span>
        <span className="lg lg-p3">Bình thường</span>
        <span className="lg lg-p4">Thấp</span>
        <span className="lg lg-alarm">Báo cháy tự động</span>
        <span className="lg lg-unit us-available">Sẵn sàng</span>
        <span className="lg lg-unit us-en_route">Đang điều động</span>
        <span className="lg lg-unit us-on_scene">Tại hiện trường</span>
        {state.kind === 'ready' && (
          <span className={`map-note${noLocation || state.count === 0 ? ' map-note-warn' : ''}`}>
            {noLocation > 0
              ? `${noLocation} sự việc chưa có toạ độ, không hiện trên bản đồ`
              : state.count === 0
                ? 'Chưa có dữ liệu ranh giới xã/phường (ADMIN_GEOJSON): bản đồ chỉ hiện sự việc và lực lượng theo toạ độ'
                : `Ranh giới ${state.count} xã/phường, không dùng bản đồ nền`}
          </span>
        )}
      </p>
    </div>
  );
}
