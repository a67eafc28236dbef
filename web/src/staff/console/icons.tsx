import type { IncidentType, UnitKind } from './types.ts';

// Hand-drawn 24×24 glyphs (no icon font, no external files: CSP is self-only). The same path data is used
// by React (queue, detail) and by the map's HTML markers.

export const TYPE_PATHS: Record<IncidentType, string> = {
  fire: 'M12 2.5c.6 3.2 5.5 5.3 5.5 10.5a5.5 5.5 0 0 1-11 0c0-2.6 1.4-4.3 2.9-5.6-.1 1.9.6 3.3 1.9 3.9-.6-3.4.2-6.2.7-8.8z',
  rescue: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm0 2.2a6.8 6.8 0 0 1 3.9 1.2l-2 2a4 4 0 0 0-3.8 0l-2-2A6.8 6.8 0 0 1 12 5.2zM5.2 12c0-1.4.4-2.8 1.2-3.9l2 2a4 4 0 0 0 0 3.8l-2 2A6.8 6.8 0 0 1 5.2 12zm12.4-3.9a6.8 6.8 0 0 1 0 7.8l-2-2a4 4 0 0 0 0-3.8zM12 18.8a6.8 6.8 0 0 1-3.9-1.2l2-2a4 4 0 0 0 3.8 0l2 2a6.8 6.8 0 0 1-3.9 1.2z',
  crime: 'M12 2l8 3v6c0 5-3.4 9.4-8 11-4.6-1.6-8-6-8-11V5zm-1 5v6h2V7zm0 8v2h2v-2z',
  public_order: 'M3 9h4l8-5v16l-8-5H3zm14 .2a3.5 3.5 0 0 1 0 5.6zM8 16h3l1 4H9z',
  traffic_accident:
    'M5 11l1.5-4.5A2 2 0 0 1 8.4 5h7.2a2 2 0 0 1 1.9 1.5L19 11h1v6h-2v2h-3v-2H9v2H6v-2H4v-6zm2.2 0h9.6l-1-3H8.2zM7 13a1.2 1.2 0 1 0 0 2.4A1.2 1.2 0 0 0 7 13zm10 0a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4z',
  medical: 'M9 3h6v6h6v6h-6v6H9v-6H3V9h6z',
  other: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm-1 4h2v2h-2zm0 4h2v6h-2z',
};

export const ALARM_PATH = 'M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6zm-2.2 15a2.2 2.2 0 0 0 4.4 0z';

export const KIND_PATHS: Record<UnitKind, string> = {
  fire_rescue: TYPE_PATHS.fire,
  police_patrol: 'M12 2l8 3v6c0 5-3.4 9.4-8 11-4.6-1.6-8-6-8-11V5z',
  medical_liaison: TYPE_PATHS.medical,
};

export function Glyph({ d, title, className = 'glyph' }: { d: string; title?: string; className?: string }) {
  return (
    <svg viewBox="0 0 24 24" className={className} aria-hidden={title ? undefined : true} role={title ? 'img' : undefined} focusable="false">
      {title && <title>{title}</title>}
      <path d={d} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}

/** The SVG markup for map markers (Leaflet divIcon HTML). */
export const glyphHtml = (d: string) => `<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="${d}" fill="currentColor" fill-rule="evenodd"/></svg>`;
