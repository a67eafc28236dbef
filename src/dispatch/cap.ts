/**
 * OASIS Common Alerting Protocol 1.2 (urn:oasis:names:tc:emergency:cap:1.2) for public warnings.
 * Pure: takes the values and the send time, returns the XML text. Element order follows the CAP 1.2
 * schema sequence (alert: identifier, sender, sent, status, msgType, source?, scope, …, references?, info*;
 * info: language, category+, event, responseType*, urgency, severity, certainty, …, area*).
 */
export const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';

export const CAP_STATUS = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export const CAP_MSG_TYPE = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
export const CAP_SCOPE = ['Public', 'Restricted', 'Private'] as const;
export const CAP_CATEGORY = ['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'] as const;
export const CAP_RESPONSE_TYPE = ['Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None'] as const;
export const CAP_URGENCY = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CAP_SEVERITY = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CAP_CERTAINTY = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;

export interface CapArea {
  areaDesc: string;
  /** Closed rings of [lat, lon] (first = last). */
  polygons?: Array<Array<[number, number]>>;
  circles?: Array<{ lat: number; lon: number; radiusKm: number }>;
  geocodes?: Array<{ valueName: string; value: string }>;
}

export interface CapAlert {
  identifier: string;
  sender: string;
  sent: Date;
  status: (typeof CAP_STATUS)[number];
  msgType: (typeof CAP_MSG_TYPE)[number];
  scope: (typeof CAP_SCOPE)[number];
  note?: string;
  /** "sender,identifier,sent" triples of earlier messages (Update/Cancel). */
  references?: string[];
  incidents?: string[];
  info: {
    language: string;
    category: Array<(typeof CAP_CATEGORY)[number]>;
    event: string;
    responseType?: Array<(typeof CAP_RESPONSE_TYPE)[number]>;
    urgency: (typeof CAP_URGENCY)[number];
    severity: (typeof CAP_SEVERITY)[number];
    certainty: (typeof CAP_CERTAINTY)[number];
    effective?: Date;
    expires?: Date;
    senderName?: string;
    headline?: string;
    description?: string;
    instruction?: string;
    web?: string;
    contact?: string;
    areas: CapArea[];
  };
}

/** CAP dateTime: local time with an explicit offset, no fractional seconds, never "Z" (CAP 1.2 §3.3.2). */
export function capDateTime(d: Date, offsetMinutes = 7 * 60): string {
  const local = new Date(Math.floor(d.getTime() / 1000) * 1000 + offsetMinutes * 60_000);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const off = offsetMinutes === 0 ? '-00:00' : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${local.toISOString().slice(0, 19)}${off}`;
}

export const xmlEscape = (s: string) =>
  s
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

const el = (name: string, value: string | undefined, indent: string) => (value === undefined ? '' : `${indent}<${name}>${xmlEscape(value)}</${name}>\n`);
const coord = (n: number) => String(Math.round(n * 1e6) / 1e6);

export function buildCapXml(a: CapAlert): string {
  const i = a.info;
  let info = '  <info>\n';
  info += el('language', i.language, '    ');
  for (const c of i.category) info += el('category', c, '    ');
  info += el('event', i.event, '    ');
  for (const r of i.responseType ?? []) info += el('responseType', r, '    ');
  info += el('urgency', i.urgency, '    ');
  info += el('severity', i.severity, '    ');
  info += el('certainty', i.certainty, '    ');
  info += el('effective', i.effective && capDateTime(i.effective), '    ');
  info += el('expires', i.expires && capDateTime(i.expires), '    ');
  info += el('senderName', i.senderName, '    ');
  info += el('headline', i.headline, '    ');
  info += el('description', i.description, '    ');
  info += el('instruction', i.instruction, '    ');
  info += el('web', i.web, '    ');
  info += el('contact', i.contact, '    ');
  for (const area of i.areas) {
    info += '    <area>\n';
    info += el('areaDesc', area.areaDesc, '      ');
    for (const p of area.polygons ?? []) info += el('polygon', p.map(([lat, lon]) => `${coord(lat)},${coord(lon)}`).join(' '), '      ');
    for (const c of area.circles ?? []) info += el('circle', `${coord(c.lat)},${coord(c.lon)} ${c.radiusKm}`, '      ');
    for (const g of area.geocodes ?? []) info += `      <geocode>\n${el('valueName', g.valueName, '        ')}${el('value', g.value, '        ')}      </geocode>\n`;
    info += '    </area>\n';
  }
  info += '  </info>\n';

  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<alert xmlns="${CAP_NS}">\n` +
    el('identifier', a.identifier, '  ') +
    el('sender', a.sender, '  ') +
    el('sent', capDateTime(a.sent), '  ') +
    el('status', a.status, '  ') +
    el('msgType', a.msgType, '  ') +
    el('scope', a.scope, '  ') +
    el('note', a.note, '  ') +
    el('references', a.references?.length ? a.references.join(' ') : undefined, '  ') +
    el('incidents', a.incidents?.length ? a.incidents.join(' ') : undefined, '  ') +
    info +
    '</alert>\n'
  );
}

/** CAP identifiers and senders must not contain spaces, commas or the XML-reserved < and &. */
export const CAP_TOKEN = /^[^\s,<&]+$/;
