import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCapXml, capDateTime, CAP_CATEGORY, CAP_CERTAINTY, CAP_MSG_TYPE, CAP_NS, CAP_SCOPE, CAP_SEVERITY, CAP_STATUS, CAP_URGENCY, CAP_TOKEN } from './cap.ts';
import { buildEido, telUri, unresolvedRefs, EIDO_VERSION } from './eido.ts';
import { dispatchFixture, dispatcherActor, WARD_A, type DispatchFixture } from './testing.ts';

/** A small, strict XML reader for the documents we produce: elements, attributes, text, the five entities. */
interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}
function parseXml(src: string): XmlNode {
  let i = 0;
  const ws = () => {
    while (/\s/.test(src[i] ?? '')) i++;
  };
  const decode = (s: string) => {
    if (/&(?!(lt|gt|amp|apos|quot);)/.test(s)) throw new Error(`bad entity in ${s}`);
    return s.replace(/&(lt|gt|amp|apos|quot);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' })[e]!);
  };
  if (src.startsWith('<?xml')) i = src.indexOf('?>') + 2;
  const element = (): XmlNode => {
    ws();
    if (src[i] !== '<') throw new Error(`expected < at ${i}`);
    i++;
    const name = /^[A-Za-z_][\w.:-]*/.exec(src.slice(i))![0];
    i += name.length;
    const attrs: Record<string, string> = {};
    for (;;) {
      ws();
      if (src.startsWith('/>', i)) {
        i += 2;
        return { name, attrs, children: [], text: '' };
      }
      if (src[i] === '>') {
        i++;
        break;
      }
      const m = /^([A-Za-z_][\w.:-]*)="([^"<]*)"/.exec(src.slice(i));
      if (!m) throw new Error(`bad attribute at ${i}`);
      if (m[1]! in attrs) throw new Error('duplicate attribute');
      attrs[m[1]!] = decode(m[2]!);
      i += m[0].length;
    }
    const children: XmlNode[] = [];
    let text = '';
    for (;;) {
      const lt = src.indexOf('<', i);
      if (lt < 0) throw new Error(`unclosed ${name}`);
      text += src.slice(i, lt);
      i = lt;
      if (src.startsWith('</', i)) {
        const close = `</${name}>`;
        if (!src.startsWith(close, i)) throw new Error(`mismatched close for ${name} at ${i}`);
        i += close.length;
        return { name, attrs, children, text: decode(text).trim() };
      }
      children.push(element());
    }
  };
  const root = element();
  ws();
  if (i !== src.length) throw new Error('trailing content');
  return root;
}

const kids = (n: XmlNode, name: string) => n.children.filter((c) => c.name === name);
const one = (n: XmlNode, name: string) => {
  const k = kids(n, name);
  expect(k, `exactly one <${name}> in <${n.name}>`).toHaveLength(1);
  return k[0]!;
};

/** CAP 1.2 element order (schema sequences) and cardinalities we check against. */
const ALERT_ORDER = ['identifier', 'sender', 'sent', 'status', 'msgType', 'source', 'scope', 'restriction', 'addresses', 'code', 'note', 'references', 'incidents', 'info'];
const INFO_ORDER = ['language', 'category', 'event', 'responseType', 'urgency', 'severity', 'certainty', 'audience', 'eventCode', 'effective', 'onset', 'expires', 'senderName', 'headline', 'description', 'instruction', 'web', 'contact', 'parameter', 'resource', 'area'];
const AREA_ORDER = ['areaDesc', 'polygon', 'circle', 'geocode', 'altitude', 'ceiling'];
const CAP_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[-+]\d{2}:\d{2}$/;

function assertOrder(n: XmlNode, order: string[]) {
  const idx = n.children.map((c) => order.indexOf(c.name));
  expect(idx.every((x) => x >= 0), `only CAP elements in <${n.name}>: ${n.children.map((c) => c.name)}`).toBe(true);
  expect([...idx].sort((a, b) => a - b)).toEqual(idx);
}

/** Validates a CAP 1.2 alert against the required elements, enumerations and formats of the standard. */
function validateCap(xml: string) {
  const alert = parseXml(xml);
  expect(alert.name).toBe('alert');
  expect(alert.attrs.xmlns).toBe(CAP_NS);
  assertOrder(alert, ALERT_ORDER);
  expect(one(alert, 'identifier').text).toMatch(CAP_TOKEN);
  expect(one(alert, 'sender').text).toMatch(CAP_TOKEN);
  expect(one(alert, 'sent').text).toMatch(CAP_DATETIME);
  expect(CAP_STATUS).toContain(one(alert, 'status').text);
  expect(CAP_MSG_TYPE).toContain(one(alert, 'msgType').text);
  expect(CAP_SCOPE).toContain(one(alert, 'scope').text);
  for (const info of kids(alert, 'info')) {
    assertOrder(info, INFO_ORDER);
    expect(kids(info, 'category').length).toBeGreaterThanOrEqual(1);
    for (const c of kids(info, 'category')) expect(CAP_CATEGORY).toContain(c.text);
    expect(one(info, 'event').text.length).toBeGreaterThan(0);
    expect(CAP_URGENCY).toContain(one(info, 'urgency').text);
    expect(CAP_SEVERITY).toContain(one(info, 'severity').text);
    expect(CAP_CERTAINTY).toContain(one(info, 'certainty').text);
    for (const d of [...kids(info, 'effective'), ...kids(info, 'expires')]) expect(d.text).toMatch(CAP_DATETIME);
    for (const area of kids(info, 'area')) {
      assertOrder(area, AREA_ORDER);
      expect(one(area, 'areaDesc').text.length).toBeGreaterThan(0);
      for (const c of kids(area, 'circle')) expect(c.text).toMatch(/^-?\d+(\.\d+)?,-?\d+(\.\d+)? \d+(\.\d+)?$/);
      for (const g of kids(area, 'geocode')) {
        one(g, 'valueName');
        one(g, 'value');
      }
    }
  }
  return alert;
}

describe('OASIS CAP 1.2', () => {
  it('writes times with an explicit offset and no fractional seconds, never Z', () => {
    expect(capDateTime(new Date('2026-03-02T02:00:00.789Z'))).toBe('2026-03-02T09:00:00+07:00');
    expect(capDateTime(new Date('2026-03-02T02:00:00Z'), 0)).toBe('2026-03-02T02:00:00-00:00');
  });

  it('builds a structurally valid alert and escapes markup in texts', () => {
    const xml = buildCapXml({
      identifier: 'x.1',
      sender: 'x',
      sent: new Date('2026-03-02T02:00:00Z'),
      status: 'Test',
      msgType: 'Alert',
      scope: 'Public',
      info: {
        language: 'vi-VN',
        category: ['Fire', 'Safety'],
        event: 'Cháy <lớn> & khói',
        responseType: ['Avoid'],
        urgency: 'Immediate',
        severity: 'Severe',
        certainty: 'Observed',
        headline: 'Tránh khu vực "A"',
        areas: [{ areaDesc: 'Phường Hoàn Kiếm', circles: [{ lat: 21.032, lon: 105.85, radiusKm: 0.5 }], geocodes: [{ valueName: 'v', value: '00070' }] }],
      },
    });
    const a = validateCap(xml);
    expect(one(one(a, 'info'), 'event').text).toBe('Cháy <lớn> & khói');
  });
});

describe('interop through the platform services', () => {
  let f: DispatchFixture;
  beforeAll(async () => {
    f = await dispatchFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('publishes a stored public warning as CAP 1.2 with ward geocodes and references to the earlier alert', async () => {
    const inc = await f.dispatch.incidents.createIncident({ source: 'call', type: 'fire', wardCode: WARD_A, lat: 21.032, lon: 105.85, actor: dispatcherActor });
    const first = await f.dispatch.warnings.create(
      {
        status: 'Exercise', msgType: 'Alert', category: ['Fire'], event: 'Cháy nhà dân', urgency: 'Immediate', severity: 'Severe', certainty: 'Observed',
        responseType: ['Avoid'], headline: 'Cháy tại phường Hoàn Kiếm', description: 'Lực lượng chữa cháy đang xử lý.', instruction: 'Tránh xa khu vực, nhường đường cho xe chữa cháy.',
        areaDesc: 'Phường Hoàn Kiếm', wardCodes: [WARD_A], circle: { lat: 21.032, lon: 105.85, radiusKm: 0.5 }, expiresInMinutes: 120, incidentId: inc.id,
      },
      dispatcherActor,
    );
    const a = validateCap(first.xml);
    expect(one(a, 'status').text).toBe('Exercise');
    expect(one(a, 'incidents').text).toBe(inc.id);
    const info = one(a, 'info');
    expect(one(info, 'language').text).toBe('vi-VN');
    expect(one(one(one(info, 'area'), 'geocode'), 'value').text).toBe(WARD_A);
    expect(await f.dispatch.warnings.xml(first.warning.id)).toBe(first.xml);

    const cancel = await f.dispatch.warnings.create(
      { status: 'Exercise', msgType: 'Cancel', references: [first.warning.id], category: ['Fire'], event: 'Cháy nhà dân', urgency: 'Past', severity: 'Minor', certainty: 'Observed', headline: 'Kết thúc cảnh báo', description: 'Đám cháy đã được dập tắt.', areaDesc: 'Phường Hoàn Kiếm' },
      dispatcherActor,
    );
    const c = validateCap(cancel.xml);
    expect(one(c, 'references').text).toBe(`${one(a, 'sender').text},${one(a, 'identifier').text},${one(a, 'sent').text}`);
    expect((await f.dispatch.incidents.timeline(inc.id, dispatcherActor)).map((e) => e.action)).toContain('warning_published');
  });

  it('exports an incident as NENA EIDO JSON whose references all resolve', async () => {
    const inc = await f.dispatch.incidents.createIncident({
      source: 'call', type: 'traffic_accident', wardCode: WARD_A, lat: 21.03, lon: 105.85, addressText: 'Ngã tư thử nghiệm', reporter: 'Người báo tin', callbackPhone: '0912 345 678',
      description: 'Va chạm xe máy', links: [{ kind: 'call', refId: 'call-1' }], actor: dispatcherActor,
    });
    const unit = await f.dispatch.units.createUnit({ callSign: 'TT-9', name: 'Tuần tra 9', kind: 'police_patrol', agency: 'CA', wardCode: WARD_A, home: { name: 'Trụ sở', lat: 21.031, lon: 105.851 } }, dispatcherActor);
    await f.dispatch.units.dispatchUnits(inc.id, [unit.id], dispatcherActor);
    const d = await f.dispatch.incidents.detail(inc.id, dispatcherActor);
    const doc = buildEido({ incident: d.incident, links: d.links, units: d.units, timeline: d.timeline, mergedFrom: [], agencyId: 'agency.example', agent: 'dp.nguyen', now: f.clock.now(), timelineHead: d.timeline.at(-1)!.hash });

    expect(doc).toMatchObject({ eidoVersion: EIDO_VERSION, issuingElementIdentification: expect.any(String), $id: `urn:emergency:uid:incidentid:${inc.id}:agency.example` });
    expect(doc.lastUpdateTimeStamp).toMatch(/Z$/);
    const ic = doc.incidentComponent[0]!;
    expect(ic).toMatchObject({ incidentTypeCommonRegistryText: 'MVA', incidentTypeInternalCode: 'traffic_accident', internalIncidentId: inc.code, incidentStatusInternalText: ['dispatched'], incidentCommonPriorityNumber: 2 });
    expect((doc.locationComponent![0] as { locationByValue: string }).locationByValue).toContain('<gml:pos>21.03 105.85</gml:pos>');
    expect(doc.callbackComponent![0]!.callBackInformationUri).toEqual(['tel:+84912345678']);
    expect(doc.personComponent![0]!.personIncidentRoleRegistryText).toEqual(['Caller']);
    expect(doc.emergencyResourceComponent![0]).toMatchObject({ enforcementUnitIdentification: 'TT-9', primaryUnitStatusRegistryText: 'Dispatched', ETA: expect.any(String) });
    expect(doc.notesComponent!.length).toBe(d.timeline.length + 1);
    // Every component carries the common prologue.
    const components = [...doc.incidentComponent, ...doc.agencyComponent, ...doc.agentComponent, ...doc.locationComponent!, ...doc.notesComponent!, ...doc.emergencyResourceComponent!];
    for (const c of components) expect(c).toMatchObject({ $id: expect.any(String), lastUpdateTimeStamp: expect.any(String), updatedByAgencyReference: { $ref: 'agency.example' } });
    expect(unresolvedRefs(doc)).toEqual([]);
    // PIDF-LO is well-formed XML.
    expect(parseXml((doc.locationComponent![0] as { locationByValue: string }).locationByValue).name).toBe('presence');
  });

  it('writes Vietnamese phone numbers as international tel: URIs', () => {
    expect(telUri('0912.345.678')).toBe('tel:+84912345678');
    expect(telUri('+84 24 1234 5678')).toBe('tel:+842412345678');
    expect(telUri('114')).toBe('tel:114');
  });
});
