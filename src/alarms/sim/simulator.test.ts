import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD } from '../../../test/support/platform.ts';
import { alarmPlatform, waitFor, type AlarmFixture } from '../testing.ts';
import { DEFAULT_SIM_OPTIONS, parseSimArgs, simAccount, simKey, SimUsageError } from './sim-options.ts';
import { registerSimAccounts } from './sim-register.ts';
import { seededRandom } from '../../shared/random.ts';
import { answerOf, nextMessage, pickKind, runSimulation, type PanelState } from './simulator.ts';

describe('alarm simulator options', () => {
  it('parses the documented command line', () => {
    const o = parseSimArgs(
      ['--accounts', '20', '--rate', '50', '--mix', 'heartbeat=70,fire=5,trouble=15,restore=10', '--transport', 'udp', '--encrypted', '50%', '--duration', '60', '--host', '10.0.0.5', '--port', '12128', '--register', 'http://127.0.0.1:8080/', '--user', 'admin', '--password', 'secret'],
    );
    expect(o).toMatchObject({ accounts: 20, rate: 50, transport: 'udp', encrypted: 0.5, durationS: 60, host: '10.0.0.5', port: 12128, mix: { heartbeat: 70, fire: 5, trouble: 15, restore: 10 }, register: { url: 'http://127.0.0.1:8080', user: 'admin', password: 'secret' } });
    expect(parseSimArgs(['--encrypted=25']).encrypted).toBe(0.25);
    expect(parseSimArgs(['--register', 'http://h:1'], { ALARM_SIM_PASSWORD: 'p' }).register?.password).toBe('p');
    expect(parseSimArgs([]).register).toBeNull();
    for (const bad of [['--rate', '0'], ['--mix', 'smoke=5'], ['--transport', 'sctp'], ['--encrypted', '150%'], ['--register', 'http://h'], ['--bogus', '1'], ['x'], ['--prefix', 'XYZ']]) {
      expect(() => parseSimArgs(bad), bad.join(' ')).toThrow(SimUsageError);
    }
  });

  it('derives the same accounts and keys on every run', () => {
    expect(simAccount(DEFAULT_SIM_OPTIONS, 0)).toBe('DE0001');
    expect(simAccount(DEFAULT_SIM_OPTIONS, 25)).toBe('DE001A');
    expect(simKey(DEFAULT_SIM_OPTIONS, 'DE0001')).toMatch(/^[0-9A-F]{32}$/);
    expect(simKey(DEFAULT_SIM_OPTIONS, 'DE0001')).toBe(simKey({ keySeed: 'binh-yen-demo' }, 'DE0001'));
  });

  it('restores end what the panel opened', () => {
    const r = seededRandom(7);
    const p: PanelState = { account: 'DE0001', key: null, seq: 0, openFires: [], openTroubles: [] };
    const fire = nextMessage(p, 'fire', 'sia', r);
    expect(fire.body).toMatch(/^Nri1\/FA0\d\d$/);
    expect(nextMessage(p, 'restore', 'sia', r).body).toBe(fire.body.replace('FA', 'FH'));
    const t = nextMessage(p, 'trouble', 'cid', r);
    expect(t.body).toMatch(/^13\d\d 00 \d{3}$/);
    expect(nextMessage(p, 'restore', 'cid', r).body).toBe(`3${t.body.slice(1)}`);
    expect(nextMessage(p, 'heartbeat', 'mixed', r)).toMatchObject({ token: 'NULL', body: '' });
    const counts = { heartbeat: 0, fire: 0, trouble: 0, restore: 0 };
    for (let i = 0; i < 10_000; i++) counts[pickKind({ heartbeat: 70, fire: 5, trouble: 15, restore: 10 }, r)]++;
    expect(counts.heartbeat).toBeGreaterThan(6500);
    expect(counts.fire).toBeLessThan(700);
    expect(answerOf(null)).toBe('none');
    expect(answerOf(Buffer.from('0000"*ACK"0001L0#DE0001[ABCD]'))).toBe('ack');
  });
});

describe('alarm simulator against the platform (short run)', () => {
  let f: AlarmFixture;
  let http: string;
  beforeAll(async () => {
    f = await alarmPlatform();
    await f.p.listen();
    http = `http://127.0.0.1:${(f.p.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await f.p.close();
  });

  it('registers DEMO accounts over HTTP and gets every message of the mix ACKed over TCP and UDP', async () => {
    const base = { ...DEFAULT_SIM_OPTIONS, accounts: 4, encrypted: 0.5, port: f.p.alarms.ports!.tcpPort!, register: { url: http, user: 'admin', password: ADMIN_PASSWORD } };
    const reg = await registerSimAccounts(base);
    expect(reg).toEqual({ created: 4, updated: 0, failed: [] });
    expect((await registerSimAccounts(base)).updated).toBe(4);
    const list = (await f.s.admin.request({ url: '/api/v1/alarm-accounts?q=DEMO' })).json().accounts as Array<{ account: string; hasKey: boolean; isDemo: boolean; premise: { name: string; wardCode: string | null } }>;
    expect(list.map((a) => a.account).sort()).toEqual(['DE0001', 'DE0002', 'DE0003', 'DE0004']);
    expect(list.filter((a) => a.hasKey)).toHaveLength(2);
    expect(list.every((a) => a.isDemo && a.premise.name.startsWith('DEMO') && a.premise.wardCode)).toBe(true);

    const tcp = await runSimulation({ ...base, rate: 40, durationS: 1, mix: { heartbeat: 40, fire: 20, trouble: 20, restore: 20 } });
    expect(tcp.sent).toBeGreaterThan(10);
    expect(tcp.ack).toBe(tcp.sent);
    expect(tcp.nak + tcp.duh + tcp.none + tcp.errors).toBe(0);
    expect(tcp.latencyMs.p50).not.toBeNull();
    const udp = await runSimulation({ ...base, transport: 'udp', port: f.p.alarms.ports!.udpPort!, rate: 20, durationS: 0.5, seed: 2 });
    expect(udp.ack).toBe(udp.sent);
    await f.p.alarms.handler.idle();
    // Fire messages became DEMO incidents.
    const demoIncidents = async () => ((await f.p.db.query<{ n: number }>(`select count(*)::int as n from incidents where source = 'alarm' and is_demo`))[0]!.n);
    if (tcp.byKind.fire > 0) await waitFor(async () => (await demoIncidents()) > 0);
    expect(await f.p.db.query(`select 1 from incidents where source = 'alarm' and not is_demo`)).toEqual([]);
  });
});
