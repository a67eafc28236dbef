import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmPlatform, createAccount, deliver, WARD_A, WARD_B, type AlarmFixture } from './testing.ts';

type Ev = { id: string; account: string; sequence: string; code: string; zone: string | null; receivedAt: string; incidentId?: string };

describe('alarm events API (contract) and operator actions', () => {
  let f: AlarmFixture;
  beforeAll(async () => {
    f = await alarmPlatform();
    await createAccount(f.s.admin, { account: 'A100', premise: { name: 'Siêu thị DEMO', address: 'Phố Hàng Bài', wardCode: WARD_A, contacts: [{ name: 'Bảo vệ', phone: '0902000002' }] } });
    await createAccount(f.s.admin, { account: 'B100', premise: { name: 'Trường học DEMO', address: 'Phố Đội Cấn', wardCode: WARD_B } });
  });
  afterAll(async () => {
    await f.p.close();
  });

  it('GET /alarm-events: the account\'s events newest first, contract fields, limit default 100, max 10,000', async () => {
    const t0 = Date.now() - 200_000;
    for (let i = 0; i < 105; i++) await deliver(f.p, 'A100', `Nri1/RP${String(i).padStart(3, '0')}`, { at: new Date(t0 + i * 1000) });
    const res = await f.s.dispatcher.request({ url: '/api/v1/alarm-events?account=A100' });
    expect(res.statusCode).toBe(200);
    const events = res.json().events as Ev[];
    expect(events).toHaveLength(100);
    for (const e of events) {
      expect(e).toMatchObject({ sequence: expect.stringMatching(/^\d{4}$/), code: 'RP', receivedAt: expect.any(String) });
      expect('zone' in e).toBe(true);
      expect(e.account).toBe('A100');
      expect(e.incidentId).toBeUndefined();
    }
    const times = events.map((e) => Date.parse(e.receivedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(events[0]!.zone).toBe('104');
    expect((await f.s.dispatcher.request({ url: '/api/v1/alarm-events?account=A100&limit=5' })).json().events).toHaveLength(5);
    expect((await f.s.dispatcher.request({ url: '/api/v1/alarm-events?account=A100&limit=10000' })).json().events).toHaveLength(105);
    for (const bad of ['limit=10001', 'limit=0', 'limit=abc', 'account=XYZ', 'account=A100&foo=1']) {
      expect((await f.s.dispatcher.request({ url: `/api/v1/alarm-events?${bad}` })).statusCode, bad).toBe(400);
    }
    expect((await f.s.dispatcher.request({ url: '/api/v1/alarm-events?account=A100&limit=1&category=test' })).json().events).toHaveLength(1);
    expect((await f.p.app.inject({ url: '/api/v1/alarm-events?account=A100' })).statusCode).toBe(401);
  });

  it('ward officers see the events of their ward\'s premises only', async () => {
    await deliver(f.p, 'B100', 'Nri1/RP001');
    expect((await f.s.wardA.request({ url: '/api/v1/alarm-events?account=B100' })).statusCode).toBe(404);
    expect((await f.s.wardB.request({ url: '/api/v1/alarm-events?account=B100' })).json().events).toHaveLength(1);
    const mine = (await f.s.wardA.request({ url: '/api/v1/alarm-events?limit=10000' })).json().events as Ev[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.account === 'A100')).toBe(true);
    expect((await f.s.leader.request({ url: '/api/v1/alarm-events?account=B100' })).statusCode).toBe(200);
    expect((await f.s.kb_editor.request({ url: '/api/v1/alarm-events?account=B100' })).statusCode).toBe(403);
  });

  it('acknowledging a fire alarm event marks the event and the alarm, audited', async () => {
    const [fa] = await deliver(f.p, 'A100', 'Nri1/FA001');
    expect((await f.s.wardB.request({ method: 'POST', url: `/api/v1/alarm-events/${fa}/acknowledge` })).statusCode).toBe(404);
    expect((await f.s.leader.request({ method: 'POST', url: `/api/v1/alarm-events/${fa}/acknowledge` })).statusCode).toBe(403);
    const res = await f.s.wardA.request({ method: 'POST', url: `/api/v1/alarm-events/${fa}/acknowledge` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ event: { id: fa, acknowledgedBy: 'al.wa' }, activation: { acknowledgedBy: 'al.wa', state: 'acknowledged' } });
    const audit = await f.p.db.query(`select 1 from audit_log where action = 'alarm_event.acknowledge' and target = $1`, [fa]);
    expect(audit).toHaveLength(1);
  });

  it('verify confirmed: the incident goes to "đã tiếp nhận" for dispatch; counted as a confirmed fire', async () => {
    const res = await f.s.dispatcher.request({ method: 'POST', url: '/api/v1/alarms/A100/verify', payload: { outcome: 'confirmed', note: 'Bảo vệ xác nhận có khói' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ activation: { outcome: 'confirmed', state: 'confirmed', verifiedBy: 'al.dp' }, incident: { status: 'acknowledged' } });
    const stats = (await f.s.dispatcher.request({ url: '/api/v1/alarm-accounts/A100/stats' })).json().stats;
    expect(stats).toMatchObject({ confirmedFires: 1, falseAlarms: { total: 0 }, fireAlarms: { total: 1 } });
    // Still active until the incident is resolved.
    const active = (await f.s.dispatcher.request({ url: '/api/v1/alarms/active' })).json().alarms;
    expect(active.find((a: { account: string }) => a.account === 'A100')).toMatchObject({ state: 'confirmed' });
    const incidentId = res.json().activation.incidentId as string;
    await f.p.dispatch.incidents.transition(incidentId, 'resolved', { username: 'test' });
    await expect.poll(async () => (await f.s.dispatcher.request({ url: '/api/v1/alarms/active' })).json().alarms.some((a: { account: string }) => a.account === 'A100')).toBe(false);
  });

  it('verify false alarm: needs a reason, closes the incident with it, counts it per premise', async () => {
    await deliver(f.p, 'B100', 'Nri1/FA002');
    const noReason = await f.s.wardB.request({ method: 'POST', url: '/api/v1/alarms/B100/verify', payload: { outcome: 'false_alarm' } });
    expect(noReason.statusCode).toBe(400);
    const badReason = await f.s.wardB.request({ method: 'POST', url: '/api/v1/alarms/B100/verify', payload: { outcome: 'false_alarm', reason: 'ma' } });
    expect(badReason.statusCode).toBe(400);
    expect((await f.s.wardA.request({ method: 'POST', url: '/api/v1/alarms/B100/verify', payload: { outcome: 'false_alarm', reason: 'dust_steam' } })).statusCode).toBe(404);
    const res = await f.s.wardB.request({ method: 'POST', url: '/api/v1/alarms/B100/verify', payload: { outcome: 'false_alarm', reason: 'dust_steam', note: 'Hơi nước từ bếp' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ activation: { outcome: 'false_alarm', falseAlarmReason: 'dust_steam', falseAlarmReasonLabel: 'Bụi/hơi nước', closeReason: 'false_alarm' }, incident: { status: 'closed' } });
    const detail = await f.p.dispatch.incidents.detail(res.json().activation.incidentId, { username: 'test' });
    expect(detail.transitions.at(-1)).toMatchObject({ to: 'closed' });
    expect(JSON.stringify(detail.timeline)).toContain('Báo cháy giả – Bụi/hơi nước');
    const again = await f.s.wardB.request({ method: 'POST', url: '/api/v1/alarms/B100/verify', payload: { outcome: 'false_alarm', reason: 'test' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALARM_NOTHING_TO_VERIFY');
    // A second false alarm from the same premise, after units were sent: resolved then closed.
    await deliver(f.p, 'B100', 'Nri1/FA002');
    const active = (await f.s.dispatcher.request({ url: '/api/v1/alarms/active' })).json().alarms.find((a: { account: string }) => a.account === 'B100');
    const unit = await f.p.dispatch.units.createUnit({ callSign: 'CC-T1', name: 'Xe thử', kind: 'fire_rescue', agency: 'Thử', wardCode: null, home: { name: 'Điểm thử', lat: 21.03, lon: 105.84 } }, { username: 'test' });
    await f.p.dispatch.units.dispatchUnits(active.incidentId, [unit.id], { username: 'test' });
    const second = await f.s.dispatcher.request({ method: 'POST', url: '/api/v1/alarms/B100/verify', payload: { outcome: 'false_alarm', reason: 'device_fault' } });
    expect(second.json().incident).toMatchObject({ status: 'closed' });
    const stats = (await f.s.wardB.request({ url: '/api/v1/alarm-accounts/B100/stats' })).json().stats;
    expect(stats.falseAlarms).toEqual({ total: 2, last30Days: 2, byReason: { dust_steam: 1, device_fault: 1 } });
    const account = (await f.s.dispatcher.request({ url: '/api/v1/alarm-accounts/B100' })).json().account;
    expect(account.falseAlarms).toBe(2);
    const audit = await f.p.db.query(`select details from audit_log where action = 'alarm.verify' and target = 'B100'`);
    expect(audit).toHaveLength(2);
  });

  it('acknowledges troubles, including supervision ones that have no event', async () => {
    await deliver(f.p, 'A100', 'Nri1/AT000');
    const t = (await f.s.dispatcher.request({ url: '/api/v1/alarms/active' })).json().troubles.find((x: { account: string }) => x.account === 'A100');
    expect((await f.s.wardB.request({ method: 'POST', url: `/api/v1/alarm-troubles/${t.id}/acknowledge` })).statusCode).toBe(404);
    const res = await f.s.wardA.request({ method: 'POST', url: `/api/v1/alarm-troubles/${t.id}/acknowledge` });
    expect(res.json().trouble).toMatchObject({ kind: 'ac-loss', kindLabel: 'Mất điện lưới', acknowledgedBy: 'al.wa' });
  });

  it('an acknowledgement stored while the bus is down still answers and is audited', async () => {
    await deliver(f.p, 'A100', 'Nri1/YT000');
    const t = (await f.s.dispatcher.request({ url: '/api/v1/alarms/active' })).json().troubles.find((x: { account: string; code: string }) => x.account === 'A100' && x.code === 'YT');
    const publish = f.p.bus.publish;
    f.p.bus.publish = async () => {
      throw new Error('bus down');
    };
    try {
      const res = await f.s.wardA.request({ method: 'POST', url: `/api/v1/alarm-troubles/${t.id}/acknowledge` });
      expect(res.statusCode).toBe(200);
      expect(res.json().trouble).toMatchObject({ kind: 'low-battery', acknowledgedBy: 'al.wa' });
    } finally {
      f.p.bus.publish = publish;
    }
    expect(await f.p.db.query(`select 1 from audit_log where action = 'alarm_trouble.acknowledge' and target = $1`, [t.id])).toHaveLength(1);
  });
});
