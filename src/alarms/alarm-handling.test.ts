import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusEvent } from '../shared/bus.ts';
import { alarmPlatform, createAccount, deliver, WARD_A, WARD_B, type AlarmFixture } from './testing.ts';

type Ev = { id: string; incidentId?: string; code: string; zone: string | null; sequence: string; receivedAt: string };

describe('alarm handling', () => {
  let f: AlarmFixture;
  const bus: BusEvent[] = [];
  beforeAll(async () => {
    f = await alarmPlatform();
    await f.p.bus.subscribe('alarm.*', (e) => {
      bus.push(e);
    });
    await createAccount(f.s.admin, {
      account: 'F001',
      premise: {
        name: 'Kho hàng DEMO Tràng Tiền',
        address: 'Số 5 phố Tràng Tiền',
        wardCode: WARD_A,
        lat: 21.0245,
        lon: 105.8556,
        contacts: [{ name: 'Quản lý kho', phone: '0901000001', role: 'chủ cơ sở' }],
        zones: { '12': 'tầng 3, kho hàng' },
      },
    });
    await createAccount(f.s.admin, { account: 'F002', premise: { name: 'Cửa hàng DEMO', address: 'Phố Hàng Bông', wardCode: WARD_A } });
    await createAccount(f.s.admin, { account: 'F003', premise: { name: 'Văn phòng DEMO', address: 'Phố Quán Thánh', wardCode: WARD_B } });
  });
  afterAll(async () => {
    await f.p.close();
  });

  const incidentsOf = async (account: string) =>
    f.p.db.query<{ id: string; status: string }>(
      `select distinct i.id, i.status from incidents i join incident_links l on l.incident_id = i.id and l.kind = 'alarm_event'
       join alarm_events e on e.id::text = l.ref_id where e.account = $1`,
      [account],
    );

  it('a fire alarm creates one incident for the premise ward, with premise, zone and contacts', async () => {
    const [id] = await deliver(f.p, 'F001', 'Nri1/FA012');
    const incs = await incidentsOf('F001');
    expect(incs).toHaveLength(1);
    const inc = await f.p.dispatch.incidents.get(incs[0]!.id, { username: 'test' });
    expect(inc).toMatchObject({ source: 'alarm', type: 'fire', priority: 1, wardCode: WARD_A, lat: 21.0245, lon: 105.8556, addressText: 'Số 5 phố Tràng Tiền', status: 'new', callbackPhone: '0901000001' });
    expect(inc.description).toContain('Kho hàng DEMO Tràng Tiền');
    expect(inc.description).toContain('tầng 3, kho hàng');
    expect(inc.description).toContain('Quản lý kho');
    const events = (await f.s.dispatcher.request({ url: '/api/v1/alarm-events?account=F001' })).json().events as Ev[];
    expect(events[0]).toMatchObject({ id, code: 'FA', zone: '012', incidentId: inc.id });
  });

  it('a second fire alarm of the same premise joins the incident; another premise gets its own', async () => {
    const first = (await incidentsOf('F001'))[0]!.id;
    const [second] = await deliver(f.p, 'F001', 'Nri1/FA013');
    await deliver(f.p, 'F001', '1110 01 014', { token: 'ADM-CID' });
    expect(await incidentsOf('F001')).toHaveLength(1);
    const detail = await f.p.dispatch.incidents.detail(first, { username: 'test' });
    expect(detail.links.filter((l) => l.kind === 'alarm_event')).toHaveLength(3);
    expect(detail.timeline.filter((t) => t.action === 'linked')).toHaveLength(2);
    const ev = (await f.s.admin.request({ url: '/api/v1/alarm-events?account=F001&limit=3' })).json().events as Ev[];
    expect(ev.find((e) => e.id === second)?.incidentId).toBe(first);
    await deliver(f.p, 'F002', 'Nri1/FA001');
    const other = await incidentsOf('F002');
    expect(other).toHaveLength(1);
    expect(other[0]!.id).not.toBe(first);
    const active = (await f.s.dispatcher.request({ url: '/api/v1/alarms/active' })).json();
    const mine = active.alarms.find((a: { account: string }) => a.account === 'F001');
    expect(mine).toMatchObject({ incidentId: first, eventCount: 3, state: 'new', premise: { name: 'Kho hàng DEMO Tràng Tiền', contacts: [{ phone: '0901000001' }] } });
    expect(mine.zones).toEqual([{ zone: '012', description: 'tầng 3, kho hàng' }, { zone: '013', description: null }, { zone: '014', description: null }]);
  });

  it('Contact ID fire codes without a SIA fire code (115 pull station) still raise a fire alarm', async () => {
    await deliver(f.p, 'F003', '1115 01 003', { token: 'ADM-CID' });
    expect(await incidentsOf('F003')).toHaveLength(1);
  });

  it('a fire restore marks the alarm restored and writes "Tín hiệu khôi phục" in the incident timeline', async () => {
    const id = (await incidentsOf('F002'))[0]!.id;
    await deliver(f.p, 'F002', 'Nri1/FH001');
    const detail = await f.p.dispatch.incidents.detail(id, { username: 'test' });
    expect(detail.timeline.at(-1)).toMatchObject({ action: 'alarm_restored', data: { label: 'Tín hiệu khôi phục', code: 'FH' } });
    expect((await f.p.dispatch.incidents.verifyTimeline(id)).ok).toBe(true);
    const active = (await f.s.dispatcher.request({ url: '/api/v1/alarms/active' })).json();
    expect(active.alarms.find((a: { account: string }) => a.account === 'F002')).toMatchObject({ state: 'restored' });
  });

  it('troubles go to the trouble list, repeats are counted, matching restores clear them', async () => {
    await deliver(f.p, 'F002', 'Nri1/FT005');
    await deliver(f.p, 'F002', 'Nri1/FT005');
    await deliver(f.p, 'F002', '1301 00 000', { token: 'ADM-CID' }); // AC loss
    await deliver(f.p, 'F002', '1302 00 000', { token: 'ADM-CID' }); // low battery
    const list = async () => (await f.s.dispatcher.request({ url: '/api/v1/alarms/active' })).json().troubles.filter((t: { account: string }) => t.account === 'F002');
    const open = await list();
    expect(open.map((t: { kind: string }) => t.kind).sort()).toEqual(['ac-loss', 'fire-trouble', 'low-battery']);
    expect(open.find((t: { kind: string }) => t.kind === 'fire-trouble')).toMatchObject({ eventCount: 2, kindLabel: 'Sự cố hệ thống báo cháy' });
    await deliver(f.p, 'F002', 'Nri1/FJ005');
    await deliver(f.p, 'F002', '3301 00 000', { token: 'ADM-CID' });
    expect((await list()).map((t: { kind: string }) => t.kind)).toEqual(['low-battery']);
    await deliver(f.p, 'F002', 'Nri1/FJ006'); // another zone: clears nothing
    expect(await list()).toHaveLength(1);
    const troubles = bus.filter((e) => e.type === 'alarm.trouble').map((e) => (e.payload as { change: string }).change);
    expect(troubles).toEqual(expect.arrayContaining(['opened', 'repeated', 'cleared']));
    expect(bus.filter((e) => e.type === 'alarm.trouble').every((e) => e.wardCode === WARD_A)).toBe(true);
  });

  it('publishes alarm.updated with the ward and no personal data', async () => {
    const updated = bus.filter((e) => e.type === 'alarm.updated');
    expect(updated.map((e) => (e.payload as { change: string }).change)).toEqual(expect.arrayContaining(['opened', 'joined', 'restored']));
    const text = JSON.stringify(bus);
    for (const personal of ['0901000001', 'Quản lý kho', 'Số 5 phố Tràng Tiền']) expect(text).not.toContain(personal);
    expect(updated.find((e) => (e.payload as { account: string }).account === 'F003')?.wardCode).toBe(WARD_B);
  });

  it('keeps events of unregistered accounts and shows them to city staff as "Tài khoản chưa đăng ký"', async () => {
    await deliver(f.p, 'ABCDEF', 'Nri1/FA001');
    const admin = (await f.s.admin.request({ url: '/api/v1/alarms/active' })).json();
    expect(admin.unregistered).toEqual([expect.objectContaining({ account: 'ABCDEF', label: 'Tài khoản chưa đăng ký', fire: true, events: 1 })]);
    expect((await f.s.wardA.request({ url: '/api/v1/alarms/active' })).json().unregistered).toEqual([]);
    const ev = (await f.s.admin.request({ url: '/api/v1/alarm-events?account=ABCDEF' })).json().events;
    expect(ev[0]).toMatchObject({ code: 'FA', knownAccount: false, accountLabel: 'Tài khoản chưa đăng ký' });
    expect((await f.s.wardA.request({ url: '/api/v1/alarm-events?account=ABCDEF' })).statusCode).toBe(404);
    expect(await incidentsOf('ABCDEF')).toHaveLength(0);
  });

  it('a fire alarm after the incident was closed opens a new one', async () => {
    const [old] = await incidentsOf('F003');
    await f.p.dispatch.incidents.transition(old!.id, 'closed', { username: 'test' }, 'thử');
    await deliver(f.p, 'F003', 'Nri1/FA003');
    const now = await incidentsOf('F003');
    expect(now).toHaveLength(2);
    expect(now.filter((i) => i.status === 'new')).toHaveLength(1);
  });
});
