import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../dispatch/testing.ts';
import type { BusEvent } from '../shared/bus.ts';
import { SUPERVISOR_LOCK_KEY } from './alarm-supervisor.ts';
import type { ReceivedFrame } from './receiver/ports.ts';
import { alarmPlatform, createAccount, deliver, WARD_A, type AlarmFixture } from './testing.ts';

describe('supervision of periodic reports (fake clock)', () => {
  // Near real time: sessions are checked against the wall clock.
  const clock = testClock(new Date(Math.floor(Date.now() / 1000) * 1000));
  const t0 = clock.now().getTime();
  const at = (s: number) => new Date(t0 + s * 1000);
  let f: AlarmFixture;
  const troubles: BusEvent[] = [];

  beforeAll(async () => {
    f = await alarmPlatform({}, { now: clock.now });
    await f.p.bus.subscribe('alarm.trouble', (e) => {
      troubles.push(e);
    });
    await createAccount(f.s.admin, { account: 'AB01', heartbeatIntervalS: 60, premise: { name: 'Nhà máy DEMO', address: 'Hà Nội', wardCode: WARD_A } });
    await createAccount(f.s.admin, { account: 'AB02', premise: { name: 'Không giám sát DEMO', address: 'Hà Nội', wardCode: WARD_A } });
  });
  afterAll(async () => {
    await f.p.close();
  });

  const open = async (account: string) =>
    f.p.db.query<{ id: string; clearedReason: string | null }>(
      `select id, cleared_reason as "clearedReason" from alarm_troubles where account = $1 and kind = 'comm-loss' and cleared_at is null`,
      [account],
    );

  /** A NULL (link test) frame as the receiver stores it: refreshes last-seen, carries no event. */
  const heartbeat = async (account: string, when: Date) => {
    const frame: ReceivedFrame = {
      account, receiver: null, line: null, sequence: '0001', token: 'NULL', encrypted: false, events: [], messageTime: null,
      receivedAt: when, raw: 'NULL', plaintext: null, transport: 'udp', remoteAddr: null,
    };
    await f.p.alarms.events.commit([frame]);
  };

  it('raises "mất kết nối" once the interval + grace passed without a frame, once', async () => {
    expect(await f.p.alarms.supervisor.tick(at(60 + 29))).toEqual([]);
    const raised = await f.p.alarms.supervisor.tick(at(60 + 31));
    expect(raised?.map((r) => [r.trouble.account, r.change])).toEqual([['AB01', 'opened']]);
    expect(await f.p.alarms.supervisor.tick(at(120))).toEqual([]);
    expect(await open('AB01')).toHaveLength(1);
    expect(await open('AB02')).toHaveLength(0);
    await expect.poll(() => troubles.length).toBe(1);
    expect(troubles[0]).toMatchObject({ wardCode: WARD_A, payload: { account: 'AB01', kind: 'comm-loss', kindLabel: 'Mất kết nối', change: 'opened' } });
    const active = (await f.s.wardA.request({ url: '/api/v1/alarms/active' })).json().troubles;
    expect(active).toEqual([expect.objectContaining({ account: 'AB01', kind: 'comm-loss' })]);
  });

  it('a NULL heartbeat clears it at the next pass', async () => {
    await heartbeat('AB01', at(130));
    const cleared = await f.p.alarms.supervisor.tick(at(135));
    expect(cleared?.map((r) => r.change)).toEqual(['cleared']);
    expect(await open('AB01')).toHaveLength(0);
    // Heard at 130: due again at 130 + 60 + 30.
    expect(await f.p.alarms.supervisor.tick(at(219))).toEqual([]);
    expect((await f.p.alarms.supervisor.tick(at(221)))?.map((r) => r.change)).toEqual(['opened']);
  });

  it('any event clears it at once', async () => {
    clock.set(at(230));
    await deliver(f.p, 'AB01', 'Nri1/RP000', { at: at(230) });
    expect(await open('AB01')).toHaveLength(0);
    await expect.poll(() => troubles.filter((t) => (t.payload as { change: string }).change === 'cleared').length).toBe(2);
  });

  it('disabled or unsupervised accounts are not flagged, and an open flag clears', async () => {
    expect((await f.p.alarms.supervisor.tick(at(400)))?.map((r) => r.change)).toEqual(['opened']);
    clock.set(at(401));
    await f.s.admin.request({ method: 'PATCH', url: '/api/v1/alarm-accounts/AB01', payload: { enabled: false } });
    const r = await f.p.alarms.supervisor.tick(at(402));
    expect(r?.map((x) => x.change)).toEqual(['cleared']);
    const [row] = await f.p.db.query<{ reason: string }>(`select cleared_reason as reason from alarm_troubles where account = 'AB01' order by opened_at desc limit 1`);
    expect(row!.reason).toBe('supervision_off');
    expect(await f.p.alarms.supervisor.tick(at(10_000))).toEqual([]);
  });

  it('setting an interval starts supervision afresh (no instant alarm)', async () => {
    clock.set(at(20_000));
    await f.s.admin.request({ method: 'PATCH', url: '/api/v1/alarm-accounts/AB02', payload: { heartbeatIntervalS: 600 } });
    expect(await f.p.alarms.supervisor.tick(at(20_000 + 629))).toEqual([]);
    expect((await f.p.alarms.supervisor.tick(at(20_000 + 631)))?.map((x) => x.trouble.account)).toEqual(['AB02']);
  });

  it.runIf(process.env.TEST_DATABASE_URL)('on PostgreSQL one pass runs at a time (advisory lock)', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const gotLock = new Promise<void>((r) => (locked = r));
    const holder = f.p.db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [SUPERVISOR_LOCK_KEY]);
      locked();
      await held;
    });
    await gotLock;
    expect(await f.p.alarms.supervisor.tick(at(30_000))).toBeNull();
    release();
    await holder;
    expect(await f.p.alarms.supervisor.tick(at(30_000))).not.toBeNull();
  });
});
