import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../app.ts';
import type { StaffUser } from '../auth/roles.ts';
import { createMemoryBus } from '../shared/bus.memory.ts';
import { createLogger } from '../shared/logger.ts';
import { startTestPlatform, type Session } from '../../test/support/platform.ts';
import { createLiveHub, LiveClient, DEFAULT_LIVE_OPTIONS, type LiveSocket } from './live.ts';
import { waitFor, WARD_A, WARD_B } from './testing.ts';
import { signInStaff } from './testing-http.ts';

interface WsClient {
  on(ev: 'message', fn: (data: Buffer) => void): void;
  on(ev: 'open' | 'close', fn: (code?: number) => void): void;
  on(ev: 'unexpected-response', fn: (req: unknown, res: { statusCode: number }) => void): void;
  on(ev: 'error', fn: (err: Error) => void): void;
  send(s: string): void;
  close(): void;
}
const WebSocket = createRequire(import.meta.url)('ws') as new (url: string, opts?: { headers?: Record<string, string> }) => WsClient;

interface Conn {
  messages: Array<{ type: string; event?: { type: string; wardCode: string | null; payload: { incident?: { id: string }; unit?: { id: string } } } }>;
  ws: WsClient;
}

function connect(url: string, headers: Record<string, string>): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const conn: Conn = { ws, messages: [] };
    ws.on('message', (d) => conn.messages.push(JSON.parse(String(d))));
    ws.on('open', () => resolve(conn));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

describe('live WebSocket channel', () => {
  let p: Platform;
  let url: string;
  let s: Record<string, Session> = {};
  beforeAll(async () => {
    p = await startTestPlatform();
    await p.listen();
    url = `ws://127.0.0.1:${(p.app.server.address() as AddressInfo).port}/api/v1/live`;
    s = await signInStaff(p, {
      dp: { username: 'live.dp', role: 'dispatcher' },
      kb: { username: 'live.kb', role: 'kb_editor' },
      a: { username: 'live.a', role: 'ward_officer', wardCode: WARD_A },
      b: { username: 'live.b', role: 'ward_officer', wardCode: WARD_B },
    });
  });
  afterAll(async () => {
    await p.close();
  });

  it('refuses a handshake without a session, from a role without access, or from another origin', async () => {
    await expect(connect(url, {})).rejects.toThrow('HTTP 401');
    await expect(connect(url, { cookie: s.kb!.cookie })).rejects.toThrow('HTTP 403');
    await expect(connect(url, { cookie: s.dp!.cookie, origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('authenticates by the session cookie and greets with the caller scope', async () => {
    const c = await connect(url, { cookie: s.a!.cookie });
    await waitFor(() => c.messages.length > 0);
    expect(c.messages[0]).toMatchObject({ type: 'hello', scope: WARD_A, user: { username: 'live.a', role: 'ward_officer' } });
    c.ws.send(JSON.stringify({ type: 'ping' }));
    await waitFor(() => c.messages.some((m) => m.type === 'pong'));
    c.ws.close();
  });

  it("sends a ward officer only their ward's events while a dispatcher gets all", async () => {
    const dp = await connect(url, { cookie: s.dp!.cookie });
    const a = await connect(url, { cookie: s.a!.cookie });
    const b = await connect(url, { cookie: s.b!.cookie });
    await waitFor(() => [dp, a, b].every((c) => c.messages.length >= 1));
    const sys = { username: 'system:test' };
    const inA = await p.dispatch.incidents.createIncident({ source: 'alarm', type: 'fire', wardCode: WARD_A, lat: 21.032, lon: 105.85, actor: sys });
    const inB = await p.dispatch.incidents.createIncident({ source: 'call', type: 'crime', wardCode: WARD_B, actor: sys });
    const city = await p.dispatch.incidents.createIncident({ source: 'chat', type: 'other', actor: sys });
    const unitA = await p.dispatch.units.createUnit({ callSign: 'LIVE-A', name: 'Tuần tra A', kind: 'police_patrol', agency: 'CA', wardCode: WARD_A, home: { name: 'Điểm', lat: 21.03, lon: 105.85 } }, sys);
    await p.dispatch.incidents.acknowledge(inB.id, sys);

    const ids = (c: Conn) => c.messages.filter((m) => m.type === 'event').map((m) => m.event!.payload.incident?.id ?? m.event!.payload.unit?.id);
    await waitFor(() => ids(dp).length >= 5);
    expect(ids(dp)).toEqual(expect.arrayContaining([inA.id, inB.id, city.id, unitA.id]));
    await new Promise((r) => setTimeout(r, 100));
    expect(new Set(ids(a))).toEqual(new Set([inA.id, unitA.id]));
    expect(new Set(ids(b))).toEqual(new Set([inB.id]));
    for (const m of [...a.messages, ...b.messages]) if (m.type === 'event') expect([WARD_A, WARD_B]).toContain(m.event!.wardCode);
    expect(b.messages.filter((m) => m.type === 'event').map((m) => m.event!.type)).toEqual(['incident.created', 'incident.updated']);
    for (const c of [dp, a, b]) c.ws.close();
    await waitFor(() => p.dispatch.hub.size === 0);
  });
});

describe('live hub internals', () => {
  const user = (wardCode: string | null): StaffUser => ({ id: 'u', username: 'u', fullName: 'U', role: wardCode ? 'ward_officer' : 'dispatcher', wardCode });

  class FakeSocket implements LiveSocket {
    readyState = 1;
    bufferedAmount = 0;
    sent: string[] = [];
    closedWith: number | null = null;
    terminated = false;
    pings = 0;
    handlers: Record<string, Array<(x?: unknown) => void>> = {};
    send(d: string) {
      this.sent.push(d);
    }
    ping() {
      this.pings++;
    }
    close(code?: number) {
      this.closedWith = code ?? 1000;
      this.readyState = 3;
      this.emit('close');
    }
    terminate() {
      this.terminated = true;
      this.readyState = 3;
      this.emit('close');
    }
    on(ev: string, fn: (x?: unknown) => void) {
      (this.handlers[ev] ??= []).push(fn);
    }
    emit(ev: string, x?: unknown) {
      for (const h of this.handlers[ev] ?? []) h(x);
    }
  }

  it('queues while the socket buffer is full, drops the oldest past the limit and tells the client', async () => {
    const sock = new FakeSocket();
    let t = 0;
    const c = new LiveClient(sock, user(null), { ...DEFAULT_LIVE_OPTIONS, highWaterBytes: 100, maxQueue: 3, maxSlowMs: 60_000 }, () => t);
    c.send('m0');
    sock.bufferedAmount = 1000;
    for (let i = 1; i <= 5; i++) c.send(`m${i}`);
    expect(sock.sent).toEqual(['m0']);
    expect(c.queued).toBe(3);
    sock.bufferedAmount = 0;
    c.flush();
    expect(sock.sent).toEqual(['m0', 'm3', 'm4', 'm5', JSON.stringify({ type: 'dropped', count: 2 })]);
  });

  it('disconnects a client that stays behind for too long', () => {
    const sock = new FakeSocket();
    let t = 0;
    const c = new LiveClient(sock, user(null), { ...DEFAULT_LIVE_OPTIONS, highWaterBytes: 100, maxQueue: 10, maxSlowMs: 1000 }, () => t);
    sock.bufferedAmount = 1000;
    c.send('x');
    t = 500;
    c.flush();
    expect(sock.closedWith).toBeNull();
    t = 1500;
    c.flush();
    expect(sock.closedWith).toBe(4008);
  });

  it('pings every heartbeat, terminates a silent client and closes one whose session ended', async () => {
    const bus = createMemoryBus();
    const hub = createLiveHub({ bus, log: createLogger('silent'), options: { heartbeatMs: 20 } });
    await hub.start();
    const silent = new FakeSocket();
    const answering = new FakeSocket();
    const expired = new FakeSocket();
    let valid = true;
    hub.add(silent, user(null));
    hub.add(answering, user(null));
    hub.add(expired, user(null), async () => valid);
    const answer = setInterval(() => answering.emit('pong'), 5);
    await waitFor(() => silent.terminated, 1000);
    expect(answering.terminated).toBe(false);
    expect(answering.pings).toBeGreaterThan(0);
    valid = false;
    await waitFor(() => expired.closedWith === 4401 || expired.terminated, 1000);
    clearInterval(answer);
    await hub.stop();
    await bus.close();
  });

  it('filters bus events by ward scope', async () => {
    const bus = createMemoryBus();
    const hub = createLiveHub({ bus, log: createLogger('silent') });
    await hub.start();
    const city = new FakeSocket();
    const wardA = new FakeSocket();
    hub.add(city, user(null));
    hub.add(wardA, user(WARD_A));
    await bus.publish('incident.created', { n: 1 }, { wardCode: WARD_B });
    await bus.publish('incident.created', { n: 2 }, { wardCode: WARD_A });
    await bus.publish('incident.created', { n: 3 }, { wardCode: null });
    await bus.publish('kb.updated', { n: 4 }, { wardCode: null });
    await waitFor(() => city.sent.length >= 4);
    const payloads = (s: FakeSocket) => s.sent.map((x) => JSON.parse(x)).filter((m) => m.type === 'event').map((m) => m.event.payload.n);
    expect(payloads(city)).toEqual([1, 2, 3]);
    expect(payloads(wardA)).toEqual([2]);
    await hub.stop();
    await bus.close();
  });
});
