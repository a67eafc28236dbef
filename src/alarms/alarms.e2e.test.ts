import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFrame } from './dc09/frame-builder.ts';
import { TcpDialer, UdpDialer } from './sim/dialer.ts';
import { alarmPlatform, createAccount, waitFor, WARD_A, WARD_B, type AlarmFixture } from './testing.ts';

interface WsClient {
  on(ev: 'message', fn: (d: unknown) => void): void;
  on(ev: 'open', fn: () => void): void;
  on(ev: 'error', fn: (err: Error) => void): void;
  close(): void;
}
const WebSocket = createRequire(import.meta.url)('ws') as new (url: string, opts?: { headers?: Record<string, string> }) => WsClient;
type LiveMsg = { type: string; event?: { type: string; wardCode: string | null; payload: Record<string, unknown> } };

function live(url: string, cookie: string): Promise<{ ws: WsClient; messages: LiveMsg[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { cookie } });
    const messages: LiveMsg[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(String(d)) as LiveMsg));
    ws.on('open', () => resolve({ ws, messages }));
    ws.on('error', reject);
  });
}

const KEY = '00112233445566778899AABBCCDDEEFF';
const token = (b: Buffer | null) => (b ? /"\*?([A-Z]+)"/.exec(b.toString('latin1'))?.[1] : null);

describe('end to end: DC-09 over real sockets into the platform', () => {
  let f: AlarmFixture;
  let ports: { tcpPort: number; udpPort: number };
  let wsUrl: string;
  let closed = false;
  beforeAll(async () => {
    f = await alarmPlatform();
    await f.p.listen();
    const pt = f.p.alarms.ports!;
    ports = { tcpPort: pt.tcpPort!, udpPort: pt.udpPort! };
    wsUrl = `ws://127.0.0.1:${(f.p.app.server.address() as AddressInfo).port}/api/v1/live`;
    await createAccount(f.s.admin, {
      account: '5A01',
      key: KEY,
      premise: { name: 'Trung tâm thương mại DEMO', address: 'Phố Tràng Tiền', wardCode: WARD_A, zones: { '3': 'tầng hầm B1' } },
    });
  });
  afterAll(async () => {
    if (!closed) await f.p.close();
  });

  it('the platform exposes the bound receiver ports (ALARM_PORT=0)', () => {
    expect(ports.tcpPort).toBeGreaterThan(0);
    expect(ports.udpPort).toBeGreaterThan(0);
  });

  it('an encrypted fire alarm over TCP is ACKed, listed by GET /alarm-events, becomes an incident and goes live to the right ward', async () => {
    const dispatcher = await live(wsUrl, f.s.dispatcher.cookie);
    const wardA = await live(wsUrl, f.s.wardA.cookie);
    const wardB = await live(wsUrl, f.s.wardB.cookie);
    await waitFor(() => [dispatcher, wardA, wardB].every((c) => c.messages.some((m) => m.type === 'hello')));
    const dialer = await TcpDialer.connect(ports.tcpPort);
    const frame = buildFrame({ token: 'SIA-DCS', sequence: 7, account: '5A01', data: '#5A01|Nri1/FA003', timestamp: new Date(), key: Buffer.from(KEY, 'hex') });
    const answer = await dialer.send(frame);
    dialer.close();
    expect(token(answer)).toBe('ACK');
    const events = (await f.s.dispatcher.request({ url: '/api/v1/alarm-events?account=5A01' })).json().events;
    expect(events[0]).toMatchObject({ sequence: '0007', code: 'FA', zone: '003', zoneDescription: 'tầng hầm B1', encrypted: true, transport: 'tcp' });
    const withIncident = await waitFor(async () => (await f.s.dispatcher.request({ url: '/api/v1/alarm-events?account=5A01' })).json().events[0].incidentId as string | undefined);
    const inc = await f.p.dispatch.incidents.get(withIncident, { username: 'test' });
    expect(inc).toMatchObject({ source: 'alarm', type: 'fire', wardCode: WARD_A, priority: 1 });
    const types = (c: { messages: LiveMsg[] }) => c.messages.filter((m) => m.type === 'event').map((m) => m.event!.type);
    await waitFor(() => types(dispatcher).includes('alarm.updated') && types(wardA).includes('alarm.updated'));
    expect(types(dispatcher)).toEqual(expect.arrayContaining(['alarm.received', 'alarm.updated', 'incident.created']));
    expect(types(wardA)).toEqual(expect.arrayContaining(['alarm.received', 'alarm.updated']));
    expect(types(wardB).filter((t) => t.startsWith('alarm.'))).toEqual([]);
    const received = wardA.messages.find((m) => m.event?.type === 'alarm.received')!.event!;
    expect(received).toMatchObject({ wardCode: WARD_A, payload: { account: '5A01', code: 'FA', zone: '003', handling: 'fire', knownAccount: true } });
    for (const c of [dispatcher, wardA, wardB]) c.ws.close();
  });

  it('a retransmission is ACKed again but stored and handled once', async () => {
    const dialer = await TcpDialer.connect(ports.tcpPort);
    const frame = buildFrame({ token: 'SIA-DCS', sequence: 8, account: '5A01', data: '#5A01|Nri1/FA004', timestamp: new Date(), key: Buffer.from(KEY, 'hex') });
    expect(token(await dialer.send(frame))).toBe('ACK');
    expect(token(await dialer.send(frame))).toBe('ACK');
    dialer.close();
    await f.p.alarms.handler.idle();
    const events = (await f.s.dispatcher.request({ url: '/api/v1/alarm-events?account=5A01' })).json().events as Array<{ sequence: string }>;
    expect(events.filter((e) => e.sequence === '0008')).toHaveLength(1);
  });

  it('UDP: NULL heartbeats and Contact ID troubles are ACKed; a wrong key gets DUH; unregistered accounts are kept', async () => {
    const udp = await UdpDialer.open(ports.udpPort);
    const nul = buildFrame({ token: 'NULL', sequence: 9, account: '5A01', data: '', timestamp: new Date(), key: Buffer.from(KEY, 'hex') });
    expect(token(await udp.send(nul))).toBe('ACK');
    const cid = buildFrame({ token: 'ADM-CID', sequence: 10, account: '5A01', data: '#5A01|1301 00 000', timestamp: new Date(), key: Buffer.from(KEY, 'hex') });
    expect(token(await udp.send(cid))).toBe('ACK');
    const wrong = buildFrame({ token: 'SIA-DCS', sequence: 11, account: '5A01', data: '#5A01|Nri1/FA003', timestamp: new Date(), key: Buffer.alloc(16, 7) });
    expect(token(await udp.send(wrong))).toBe('DUH');
    const stranger = buildFrame({ token: 'SIA-DCS', sequence: 12, account: 'BEEF01', data: '#BEEF01|Nri1/FA001', timestamp: new Date() });
    expect(token(await udp.send(stranger))).toBe('ACK');
    udp.close();
    await waitFor(async () => (await f.s.dispatcher.request({ url: '/api/v1/alarms/active' })).json().troubles.some((t: { account: string; kind: string }) => t.account === '5A01' && t.kind === 'ac-loss'));
    const active = (await f.s.admin.request({ url: '/api/v1/alarms/active' })).json();
    expect(active.unregistered.map((u: { account: string }) => u.account)).toContain('BEEF01');
    const account = (await f.s.admin.request({ url: '/api/v1/alarm-accounts/5A01' })).json().account;
    expect(account.lastSeenAt).not.toBeNull();
  });

  it('stops the receiver on close (the port is released)', async () => {
    await f.p.close();
    closed = true;
    await expect(TcpDialer.connect(ports.tcpPort)).rejects.toThrow();
  });
});
