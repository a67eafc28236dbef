import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.ts';
import { canTransition, INCIDENT_STATUSES, TRANSITIONS } from './model.ts';
import { dispatchFixture, dispatcherActor, wardActor, WARD_A, WARD_B, type DispatchFixture } from './testing.ts';

const fireAt = { source: 'call' as const, type: 'fire' as const, wardCode: WARD_A, lat: 21.032, lon: 105.85 };

describe('incident lifecycle', () => {
  let f: DispatchFixture;
  let engine: string;
  let patrolA: string;
  beforeAll(async () => {
    f = await dispatchFixture();
    engine = (await f.dispatch.units.createUnit({ callSign: 'CC-01', name: 'Xe chữa cháy 01', kind: 'fire_rescue', agency: 'PC07', home: { name: 'Trạm thử', lat: 21.03, lon: 105.84 } }, dispatcherActor)).id;
    patrolA = (await f.dispatch.units.createUnit({ callSign: 'TT-A', name: 'Tuần tra A', kind: 'police_patrol', agency: 'CA phường', wardCode: WARD_A, home: { name: 'Trụ sở thử', lat: 21.031, lon: 105.851 } }, dispatcherActor)).id;
  });
  afterAll(async () => {
    await f.close();
  });

  it('gives each incident a human code SC-YYYY-NNNNNN and the default priority of its type', async () => {
    const a = await f.dispatch.incidents.createIncident({ ...fireAt, actor: dispatcherActor });
    const b = await f.dispatch.incidents.createIncident({ ...fireAt, type: 'other', actor: dispatcherActor });
    expect(a.code).toMatch(/^SC-2026-\d{6}$/);
    expect(Number(b.code.slice(-6))).toBe(Number(a.code.slice(-6)) + 1);
    expect(a.priority).toBe(1);
    expect(b.priority).toBe(4);
    expect(a.status).toBe('new');
  });

  it('walks the whole lifecycle with every step time-stamped by the user who made it', async () => {
    const inc = await f.dispatch.incidents.createIncident({ ...fireAt, actor: { username: 'system:alarms' } });
    f.clock.advance(3_000);
    await f.dispatch.incidents.markShown(inc.id, { username: 'dp.le' });
    f.clock.advance(5_000);
    await f.dispatch.incidents.acknowledge(inc.id, { username: 'dp.le' });
    f.clock.advance(30_000);
    await f.dispatch.units.dispatchUnits(inc.id, [engine], { username: 'dp.tran' });
    f.clock.advance(70_000);
    await f.dispatch.units.updateUnit(engine, { status: 'en_route' }, { username: 'cc01.radio' });
    f.clock.advance(200_000);
    await f.dispatch.units.updateUnit(engine, { status: 'on_scene' }, { username: 'cc01.radio' });
    f.clock.advance(600_000);
    await f.dispatch.incidents.transition(inc.id, 'resolved', { username: 'dp.tran' }, 'Đã dập tắt');
    await f.dispatch.units.updateUnit(engine, { status: 'returning' }, { username: 'cc01.radio' });
    await f.dispatch.incidents.transition(inc.id, 'closed', { username: 'dp.pham' });

    const d = await f.dispatch.incidents.detail(inc.id, dispatcherActor);
    expect(d.incident.status).toBe('closed');
    expect(d.transitions.map((t) => [t.from, t.to, t.by])).toEqual([
      ['new', 'acknowledged', 'dp.le'],
      ['acknowledged', 'dispatched', 'dp.tran'],
      ['dispatched', 'en_route', 'cc01.radio'],
      ['en_route', 'on_scene', 'cc01.radio'],
      ['on_scene', 'resolved', 'dp.tran'],
      ['resolved', 'closed', 'dp.pham'],
    ]);
    expect(d.incident.times).toMatchObject({ shownBy: 'dp.le', acknowledgedBy: 'dp.le', dispatchedBy: 'dp.tran', resolvedBy: 'dp.tran', closedBy: 'dp.pham' });
    const ms = Object.fromEntries(d.standards.measures.map((m) => [m.key, m.durationMs]));
    expect(ms).toEqual({ shown: 3_000, answer: 8_000, processing: 30_000, turnout: 70_000, travel: 200_000 });
    expect(d.units[0]).toMatchObject({ callSign: 'CC-01', clearedAt: expect.any(String), etaSeconds: expect.any(Number) });
    expect((await f.dispatch.incidents.verifyTimeline(inc.id)).ok).toBe(true);
    expect((await f.dispatch.units.getUnit(engine, dispatcherActor)).status).toBe('returning');
    await f.dispatch.units.updateUnit(engine, { status: 'available' }, dispatcherActor);
  });

  it('refuses transitions outside the lifecycle and any change to a closed incident', async () => {
    const inc = await f.dispatch.incidents.createIncident({ ...fireAt, actor: dispatcherActor });
    await expect(f.dispatch.incidents.transition(inc.id, 'on_scene', dispatcherActor)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(f.dispatch.incidents.transition(inc.id, 'dispatched', dispatcherActor)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await f.dispatch.incidents.transition(inc.id, 'closed', dispatcherActor, 'Báo nhầm');
    await expect(f.dispatch.incidents.transition(inc.id, 'acknowledged', dispatcherActor)).rejects.toMatchObject({ code: 'INCIDENT_CLOSED' });
    await expect(f.dispatch.units.dispatchUnits(inc.id, [patrolA], dispatcherActor)).rejects.toMatchObject({ code: 'INCIDENT_CLOSED' });
  });

  it('allows only the documented transitions; closed is final', () => {
    for (const from of INCIDENT_STATUSES) for (const to of INCIDENT_STATUSES) expect(canTransition(from, to)).toBe(TRANSITIONS[from].includes(to));
    expect(TRANSITIONS.closed).toEqual([]);
  });

  it('acknowledges implicitly when dispatching a new incident, and refuses a busy unit', async () => {
    const inc = await f.dispatch.incidents.createIncident({ ...fireAt, type: 'crime', actor: dispatcherActor });
    const r = await f.dispatch.units.dispatchUnits(inc.id, [patrolA], dispatcherActor);
    expect(r.incident.status).toBe('dispatched');
    expect(r.incident.times.acknowledgedAt).not.toBeNull();
    expect(r.units[0]!.status).toBe('dispatched');
    const other = await f.dispatch.incidents.createIncident({ ...fireAt, type: 'crime', actor: dispatcherActor });
    await expect(f.dispatch.units.dispatchUnits(other.id, [patrolA], dispatcherActor)).rejects.toMatchObject({ code: 'UNIT_NOT_AVAILABLE' });
    // Recalling the units puts the incident back to "đã tiếp nhận" and the unit heads home.
    const back = await f.dispatch.incidents.transition(inc.id, 'acknowledged', dispatcherActor, 'Điều lực lượng khác');
    expect(back.status).toBe('acknowledged');
    expect((await f.dispatch.units.getUnit(patrolA, dispatcherActor)).status).toBe('returning');
    await f.dispatch.units.dispatchUnits(other.id, [patrolA], dispatcherActor);
    await f.dispatch.units.updateUnit(patrolA, { status: 'available' }, dispatcherActor);
  });

  it('sends any number of units to one incident; the first en route and first on scene set the incident times', async () => {
    const u2 = (await f.dispatch.units.createUnit({ callSign: 'CC-02', name: 'Xe 02', kind: 'fire_rescue', agency: 'PC07', home: { name: 'Trạm thử 2', lat: 21.02, lon: 105.84 } }, dispatcherActor)).id;
    const inc = await f.dispatch.incidents.createIncident({ ...fireAt, actor: dispatcherActor });
    await f.dispatch.units.dispatchUnits(inc.id, [engine], dispatcherActor);
    f.clock.advance(10_000);
    await f.dispatch.units.dispatchUnits(inc.id, [u2], dispatcherActor);
    f.clock.advance(10_000);
    await f.dispatch.units.updateUnit(u2, { status: 'en_route' }, dispatcherActor);
    f.clock.advance(10_000);
    await f.dispatch.units.updateUnit(engine, { status: 'en_route' }, dispatcherActor);
    const d = await f.dispatch.incidents.detail(inc.id, dispatcherActor);
    expect(d.units).toHaveLength(2);
    expect(d.incident.status).toBe('en_route');
    const first = new Date(d.incident.times.firstEnrouteAt!).getTime() - new Date(d.incident.times.dispatchedAt!).getTime();
    expect(first).toBe(20_000);
    for (const u of [engine, u2]) await f.dispatch.units.updateUnit(u, { status: 'available' }, dispatcherActor);
  });

  it('confines ward actors to their ward: other wards are not found, and the attempt is audited', async () => {
    const inB = await f.dispatch.incidents.createIncident({ ...fireAt, wardCode: WARD_B, actor: dispatcherActor });
    const officer = wardActor(WARD_A, 'ward.a.officer');
    await expect(f.dispatch.incidents.get(inB.id, officer)).rejects.toBeInstanceOf(AppError);
    await expect(f.dispatch.incidents.get(inB.id, officer)).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
    await expect(f.dispatch.incidents.acknowledge(inB.id, officer)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const audit = await f.db.query<{ target: string; outcome: string }>(`select * from audit_log where action = 'access.cross_ward' and actor_username = 'ward.a.officer'`);
    expect(audit.length).toBe(3);
    expect(audit[0]).toMatchObject({ target: `incident:${inB.id}`, outcome: 'denied' });
    const list = await f.dispatch.incidents.list({}, officer);
    expect(list.every((i) => i.wardCode === WARD_A)).toBe(true);
    // A ward report is always filed under the officer's own ward.
    const own = await f.dispatch.incidents.createIncident({ source: 'ward_report', type: 'public_order', actor: officer });
    expect(own.wardCode).toBe(WARD_A);
    await expect(f.dispatch.incidents.createIncident({ source: 'ward_report', type: 'public_order', wardCode: WARD_B, actor: officer })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('resolves the ward through the injected resolver when the caller gives none', async () => {
    const { createIncidentService } = await import('./incident.service.ts');
    const { createLogger } = await import('../shared/logger.ts');
    const svc = createIncidentService({ db: f.db, bus: f.bus, log: createLogger('silent'), now: f.clock.now, resolveWard: async (q) => (q.lat !== undefined ? WARD_B : null) });
    const inc = await svc.createIncident({ source: 'alarm', type: 'fire', lat: 21.0386, lon: 105.838, actor: 'system:alarms' });
    expect(inc.wardCode).toBe(WARD_B);
    const unresolved = await svc.createIncident({ source: 'chat', type: 'other', addressText: 'không rõ', actor: 'system:assistant' });
    expect(unresolved.wardCode).toBeNull();
  });

  it('places incidents with the organisation module: point first, then a confident address match', async () => {
    const { wardResolverFrom } = await import('./dispatch.module.ts');
    const org = {
      locate: async (lat: number) => (lat > 21.035 ? { ward: { code: WARD_B } } : lat > 21 ? { ward: null, nearest: { code: WARD_A } } : { ward: null, nearest: null }),
      resolve: async (q: string) => ({ matches: q.includes('Hoàn Kiếm') ? [{ code: WARD_A, confidence: 0.95 }] : [{ code: WARD_B, confidence: 0.4 }] }),
    };
    const resolve = wardResolverFrom(org);
    expect(await resolve({ lat: 21.0386, lon: 105.838 })).toBe(WARD_B);
    expect(await resolve({ lat: 21.01, lon: 105.8 })).toBe(WARD_A);
    expect(await resolve({ lat: 20, lon: 105, address: 'phố Hàng Bạc, Hoàn Kiếm' })).toBe(WARD_A);
    expect(await resolve({ address: 'đâu đó' })).toBeNull();
    const failing = wardResolverFrom({ ...org, locate: async () => Promise.reject(new Error('no boundaries')) });
    expect(await failing({ lat: 21.03, lon: 105.85, address: 'Hoàn Kiếm' })).toBe(WARD_A);
  });

  it('publishes incident and unit events with the ward, without personal data', async () => {
    f.events.length = 0;
    const inc = await f.dispatch.incidents.createIncident({ ...fireAt, reporter: 'Nguyễn Văn A', callbackPhone: '0912345678', addressText: 'Số 1 Hàng Bạc', actor: dispatcherActor });
    await f.dispatch.units.dispatchUnits(inc.id, [patrolA], dispatcherActor);
    await new Promise((r) => setTimeout(r, 20));
    const types = f.events.map((e) => e.type);
    expect(types).toContain('incident.created');
    expect(types).toContain('incident.updated');
    expect(types).toContain('unit.updated');
    const created = f.events.find((e) => e.type === 'incident.created')!;
    expect(created.wardCode).toBe(WARD_A);
    const text = JSON.stringify(f.events);
    expect(text).not.toContain('0912345678');
    expect(text).not.toContain('Nguyễn Văn A');
    expect(text).not.toContain('Hàng Bạc');
    await f.dispatch.units.updateUnit(patrolA, { status: 'available' }, dispatcherActor);
  });
});

describe('merging duplicates', () => {
  let f: DispatchFixture;
  beforeAll(async () => {
    f = await dispatchFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('proposes an alarm and a call about one fire and merges them keeping both timelines and all links', async () => {
    const alarm = await f.dispatch.incidents.createIncident({ ...fireAt, source: 'alarm', links: [{ kind: 'alarm_event', refId: 'ev-1' }], actor: 'system:alarms' });
    f.clock.advance(4 * 60_000);
    const call = await f.dispatch.incidents.createIncident({ ...fireAt, lat: 21.0328, lon: 105.8504, links: [{ kind: 'call', refId: 'call-9' }], actor: dispatcherActor });
    const far = await f.dispatch.incidents.createIncident({ ...fireAt, lat: 21.05, actor: dispatcherActor });
    const c = await f.dispatch.incidents.findMergeCandidates(call.id, dispatcherActor);
    expect(c.map((x) => x.id)).toEqual([alarm.id]);
    expect(c.map((x) => x.id)).not.toContain(far.id);

    const r = await f.dispatch.incidents.merge(alarm.id, call.id, dispatcherActor);
    expect(r.duplicate).toMatchObject({ status: 'closed', mergedInto: alarm.id });
    const d = await f.dispatch.incidents.detail(alarm.id, dispatcherActor);
    expect(d.links.map((l) => [l.kind, l.refId, l.viaIncidentId])).toEqual(expect.arrayContaining([['alarm_event', 'ev-1', null], ['call', 'call-9', call.id]]));
    expect(d.timeline.at(-1)).toMatchObject({ action: 'merged_from', data: { from: call.id } });
    const dupTimeline = await f.dispatch.incidents.timeline(call.id, dispatcherActor);
    expect(dupTimeline.map((e) => e.action)).toEqual(['created', 'merged_into', 'status_changed']);
    expect((await f.dispatch.incidents.verifyAll()).failures).toEqual([]);
    await expect(f.dispatch.incidents.merge(alarm.id, call.id, dispatcherActor)).rejects.toMatchObject({ code: 'INCIDENT_CLOSED' });
  });
});
