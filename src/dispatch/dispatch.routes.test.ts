import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../app.ts';
import { startTestPlatform, type Session } from '../../test/support/platform.ts';
import { WARD_A, WARD_B } from './testing.ts';
import { signInStaff } from './testing-http.ts';

const SYSTEM = { username: 'system:test' };

describe('dispatch HTTP API', () => {
  let p: Platform;
  let s: Record<string, Session> = {};
  beforeAll(async () => {
    p = await startTestPlatform();
    s = await signInStaff(p, {
      dispatcher: { username: 'dp.one', role: 'dispatcher' },
      leader: { username: 'ld.one', role: 'leader' },
      kb_editor: { username: 'kb.one', role: 'kb_editor' },
      wardA: { username: 'wa.one', role: 'ward_officer', wardCode: WARD_A },
      wardB: { username: 'wb.one', role: 'ward_officer', wardCode: WARD_B },
    });
  });
  afterAll(async () => {
    await p.close();
  });

  it('lists incidents in the contract shape, ordered by priority then age', async () => {
    const low = await p.dispatch.incidents.createIncident({ source: 'call', type: 'other', wardCode: WARD_A, actor: SYSTEM });
    const high = await p.dispatch.incidents.createIncident({ source: 'alarm', type: 'fire', wardCode: WARD_A, lat: 21.032, lon: 105.85, actor: SYSTEM });
    const res = await s.dispatcher!.request({ url: '/api/v1/incidents' });
    expect(res.statusCode).toBe(200);
    const list = res.json().incidents as Array<Record<string, unknown>>;
    for (const i of list) {
      expect(i).toMatchObject({ id: expect.any(String), type: expect.any(String), status: expect.any(String), source: expect.any(String), createdAt: expect.any(String) });
      expect('wardCode' in i).toBe(true);
    }
    const ids = list.map((i) => i.id);
    expect(ids.indexOf(high.id)).toBeLessThan(ids.indexOf(low.id));
    const filtered = await s.dispatcher!.request({ url: '/api/v1/incidents?type=fire&status=new' });
    expect(filtered.json().incidents.every((i: { type: string }) => i.type === 'fire')).toBe(true);
    expect((await s.dispatcher!.request({ url: '/api/v1/incidents?status=bogus' })).statusCode).toBe(400);
  });

  it('creates incidents by hand: dispatchers city-wide, ward officers as ward reports of their own ward', async () => {
    const d = await s.dispatcher!.request({ method: 'POST', url: '/api/v1/incidents', payload: { type: 'crime', wardCode: WARD_B, addressText: 'Trước cổng chợ', callbackPhone: '0912345678' } });
    expect(d.statusCode).toBe(201);
    expect(d.json().incident).toMatchObject({ source: 'manual', wardCode: WARD_B, status: 'new', typeLabel: 'Tội phạm' });
    const w = await s.wardA!.request({ method: 'POST', url: '/api/v1/incidents', payload: { type: 'public_order', description: 'Tụ tập gây rối' } });
    expect(w.statusCode).toBe(201);
    expect(w.json().incident).toMatchObject({ source: 'ward_report', wardCode: WARD_A });
    const other = await s.wardA!.request({ method: 'POST', url: '/api/v1/incidents', payload: { type: 'public_order', wardCode: WARD_B } });
    expect(other.statusCode).toBe(403);
    const extra = await s.dispatcher!.request({ method: 'POST', url: '/api/v1/incidents', payload: { type: 'fire', isAdmin: true } });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.code).toBe('UNKNOWN_FIELD');
    const bad = await s.dispatcher!.request({ method: 'POST', url: '/api/v1/incidents', payload: { type: 'fire', lat: 95, lon: 105 } });
    expect(bad.statusCode).toBe(400);
    const leader = await s.leader!.request({ method: 'POST', url: '/api/v1/incidents', payload: { type: 'fire' } });
    expect(leader.statusCode).toBe(403);
  });

  it('labels demo data "DỮ LIỆU DEMO"', async () => {
    const demo = await p.dispatch.incidents.createIncident({ source: 'call', type: 'other', wardCode: WARD_A, isDemo: true, actor: 'demo' });
    const res = await s.dispatcher!.request({ url: `/api/v1/incidents/${demo.id}` });
    expect(res.json().incident).toMatchObject({ isDemo: true, demoLabel: 'DỮ LIỆU DEMO' });
  });

  it('recommends the nearest available unit of the right kind, ranked by estimated travel time', async () => {
    const mk = async (callSign: string, kind: string, lat: number, lon: number, wardCode: string | null = null) =>
      (await s.dispatcher!.request({ method: 'POST', url: '/api/v1/units', payload: { callSign, name: callSign, kind, agency: 'Thử', wardCode, home: { name: 'Điểm thử', lat, lon } } })).json().unit.id as string;
    const near = await mk('R-NEAR', 'fire_rescue', 21.0335, 105.85);
    const mid = await mk('R-MID', 'fire_rescue', 21.045, 105.85);
    const busy = await mk('R-BUSY', 'fire_rescue', 21.0321, 105.85);
    await mk('R-PATROL', 'police_patrol', 21.0321, 105.8501, WARD_A);
    await mk('R-OFF', 'fire_rescue', 21.0322, 105.8502);
    await s.dispatcher!.request({ method: 'PATCH', url: '/api/v1/units/' + (await p.dispatch.units.listUnits({}, { username: 'x' })).find((u) => u.callSign === 'R-OFF')!.id, payload: { status: 'off_duty' } });
    const other = await p.dispatch.incidents.createIncident({ source: 'call', type: 'fire', wardCode: WARD_B, lat: 21.0386, lon: 105.838, actor: SYSTEM });
    expect((await s.dispatcher!.request({ method: 'POST', url: `/api/v1/incidents/${other.id}/dispatch`, payload: { unitIds: [busy] } })).statusCode).toBe(200);

    const inc = await p.dispatch.incidents.createIncident({ source: 'alarm', type: 'fire', wardCode: WARD_A, lat: 21.032, lon: 105.85, actor: SYSTEM });
    const res = await s.dispatcher!.request({ url: `/api/v1/units/recommend?incidentId=${inc.id}` });
    expect(res.statusCode).toBe(200);
    const recs = res.json().recommendations as Array<{ unit: { id: string; kind: string; callSign: string }; etaSeconds: number; distanceM: number }>;
    const fire = recs.filter((r) => r.unit.kind === 'fire_rescue').map((r) => r.unit.callSign);
    expect(fire.indexOf('R-NEAR')).toBeLessThan(fire.indexOf('R-MID'));
    expect(fire).not.toContain('R-BUSY');
    expect(fire).not.toContain('R-OFF');
    expect(recs.find((r) => r.unit.id === near)!.etaSeconds).toBeLessThan(recs.find((r) => r.unit.id === mid)!.etaSeconds);
    expect(recs.some((r) => r.unit.kind === 'police_patrol')).toBe(false); // not a kind that answers a fire
    const noLoc = await p.dispatch.incidents.createIncident({ source: 'call', type: 'fire', wardCode: WARD_A, actor: SYSTEM });
    expect((await s.dispatcher!.request({ url: `/api/v1/units/recommend?incidentId=${noLoc.id}` })).json().error.code).toBe('INCIDENT_NO_LOCATION');
  });

  it('shows ward officers only their own ward in the unit list', async () => {
    const res = await s.wardA!.request({ url: '/api/v1/units' });
    expect(res.statusCode).toBe(200);
    expect(res.json().units.every((u: { wardCode: string | null; currentIncidentId: string | null }) => u.wardCode === WARD_A)).toBe(true);
  });

  it('gives leaders statistics and refuses them to ward officers', async () => {
    const res = await s.leader!.request({ url: '/api/v1/stats' });
    expect(res.statusCode).toBe(200);
    const st = res.json();
    expect(st.total).toBeGreaterThan(0);
    expect(st.byType.length).toBeGreaterThan(0);
    expect(st.standards.map((x: { key: string }) => x.key)).toEqual(['shown', 'answer', 'processing', 'turnout', 'travel']);
    expect(st.byDay[0].day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await s.wardA!.request({ url: '/api/v1/stats' })).statusCode).toBe(403);
  });

  it('publishes CAP warnings (dispatchers only) and serves them as public XML', async () => {
    const body = { category: ['Met'], event: 'Mưa lớn, ngập úng', urgency: 'Expected', severity: 'Moderate', certainty: 'Likely', headline: 'Cảnh báo ngập úng', description: 'Nguy cơ ngập tại các tuyến phố trũng.', areaDesc: 'Phường Hoàn Kiếm', wardCodes: [WARD_A], status: 'Test' };
    expect((await s.wardA!.request({ method: 'POST', url: '/api/v1/warnings', payload: body })).statusCode).toBe(403);
    const res = await s.dispatcher!.request({ method: 'POST', url: '/api/v1/warnings', payload: body });
    expect(res.statusCode).toBe(201);
    const xml = await p.app.inject({ url: res.json().warning.xmlUrl });
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-type']).toMatch(/application\/cap\+xml/);
    expect(xml.body).toContain('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">');
    expect((await p.app.inject({ url: '/api/v1/warnings/00000000-0000-4000-8000-000000000000.xml' })).statusCode).toBe(404);
    expect((await p.app.inject({ url: '/api/v1/warnings/nope.xml' })).statusCode).toBe(400);
  });
});

/**
 * ROLE × WARD MATRIX: every role × every incident endpoint × incidents in ward A, ward B and city level
 * (no ward). Allowed → 2xx; role without the right → 403; ward officer outside their ward → 404.
 */
describe('role × ward access matrix', () => {
  let p: Platform;
  let sessions: Record<string, Session> = {};
  const ROLES = ['admin', 'dispatcher', 'leader', 'kb_editor', 'wardA', 'wardB'] as const;
  const PLACES = { A: WARD_A, B: WARD_B, city: null } as const;
  type Place = keyof typeof PLACES;

  beforeAll(async () => {
    p = await startTestPlatform();
    sessions = await signInStaff(p, {
      dispatcher: { username: 'm.dispatcher', role: 'dispatcher' },
      leader: { username: 'm.leader', role: 'leader' },
      kb_editor: { username: 'm.kb', role: 'kb_editor' },
      wardA: { username: 'm.warda', role: 'ward_officer', wardCode: WARD_A },
      wardB: { username: 'm.wardb', role: 'ward_officer', wardCode: WARD_B },
    });
  });
  afterAll(async () => {
    await p.close();
  });

  const READS = ['detail', 'timeline', 'verify', 'eido', 'merge-candidates', 'recommend'] as const;
  const WRITES = ['shown', 'acknowledge', 'patch', 'dispatch', 'transition', 'merge'] as const;

  function expected(role: (typeof ROLES)[number], place: Place, write: boolean): number {
    if (role === 'kb_editor') return 403;
    if (role === 'leader') return write ? 403 : 200;
    if (role === 'wardA') return place === 'A' ? 200 : 404;
    if (role === 'wardB') return place === 'B' ? 200 : 404;
    return 200;
  }

  for (const role of ROLES) {
    for (const place of Object.keys(PLACES) as Place[]) {
      it(`${role} × incident in ${place === 'city' ? 'no ward (city level)' : `ward ${place}`}`, async () => {
        const wardCode = PLACES[place];
        // A city-level incident must stay unresolved: its point lies outside every ward (at sea), otherwise the
        // point lookup would place it in ward A when the boundaries are configured.
        const point = place === 'city' ? { lat: 20.5, lon: 107.2 } : { lat: 21.03, lon: 105.85 };
        const mk = () => p.dispatch.incidents.createIncident({ source: 'call', type: 'fire', wardCode, ...point, addressText: 'Điểm thử', actor: SYSTEM });
        const inc = await mk();
        const dup = await mk();
        const unit = await p.dispatch.units.createUnit({ callSign: `M-${role}-${place}`, name: 'Tổ thử', kind: 'fire_rescue', agency: 'Thử', wardCode, home: { name: 'Điểm thử', lat: 21.031, lon: 105.851 } }, SYSTEM);
        const s = sessions[role]!;
        const calls: Record<string, () => Promise<{ statusCode: number }>> = {
          detail: () => s.request({ url: `/api/v1/incidents/${inc.id}` }),
          timeline: () => s.request({ url: `/api/v1/incidents/${inc.id}/timeline` }),
          verify: () => s.request({ url: `/api/v1/incidents/${inc.id}/timeline/verify` }),
          eido: () => s.request({ url: `/api/v1/incidents/${inc.id}/eido` }),
          'merge-candidates': () => s.request({ url: `/api/v1/incidents/${inc.id}/merge-candidates` }),
          recommend: () => s.request({ url: `/api/v1/units/recommend?incidentId=${inc.id}` }),
          shown: () => s.request({ method: 'POST', url: `/api/v1/incidents/${inc.id}/shown` }),
          acknowledge: () => s.request({ method: 'POST', url: `/api/v1/incidents/${inc.id}/acknowledge` }),
          patch: () => s.request({ method: 'PATCH', url: `/api/v1/incidents/${inc.id}`, payload: { priority: 2 } }),
          dispatch: () => s.request({ method: 'POST', url: `/api/v1/incidents/${inc.id}/dispatch`, payload: { unitIds: [unit.id] } }),
          transition: () => s.request({ method: 'POST', url: `/api/v1/incidents/${inc.id}/transition`, payload: { status: 'acknowledged', note: 'Thu hồi' } }),
          merge: () => s.request({ method: 'POST', url: `/api/v1/incidents/${inc.id}/merge`, payload: { duplicateId: dup.id } }),
        };
        const got: Record<string, number> = {};
        const want: Record<string, number> = {};
        for (const name of [...READS, ...WRITES]) {
          got[name] = (await calls[name]!()).statusCode;
          want[name] = expected(role, place, (WRITES as readonly string[]).includes(name));
        }
        expect(got).toEqual(want);

        const list = await s.request({ url: '/api/v1/incidents?status=new,acknowledged,dispatched,closed' });
        if (role === 'kb_editor') {
          expect(list.statusCode).toBe(403);
        } else {
          const ids = (list.json().incidents as Array<{ id: string }>).map((i) => i.id);
          expect(ids.includes(inc.id)).toBe(want.detail === 200);
        }
      });
    }
  }

  it('audits every cross-ward attempt', async () => {
    const rows = await p.db.query<{ actor_username: string; target: string }>(`select * from audit_log where action = 'access.cross_ward'`);
    const byUser = (u: string) => rows.filter((r) => r.actor_username === u).length;
    // Two foreign places × 12 incident endpoints for each ward officer.
    expect(byUser('m.warda')).toBe(24);
    expect(byUser('m.wardb')).toBe(24);
    expect(rows.every((r) => /^incident:/.test(r.target))).toBe(true);
  });
});
