/**
 * Live console fan-out: event → every connected console, with 500 WebSocket clients on one server.
 * Measured path: EventBus.publish (in-memory bus) → live hub (ward-scope filter, per-client backpressure
 * queue) → socket.send. Baseline, same server, same 500 sockets, same run: a plain loop over the
 * WebSocket server's clients calling socket.send with a pre-serialised message (no bus, no scoping).
 * The two are interleaved event by event so that drift (GC, JIT warm-up) hits both alike.
 * Clients run in a worker thread so that their parsing does not share the server's event loop; both
 * threads read the same clock (performance.timeOrigin + performance.now()).
 */
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { createPlatform } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createTestDb } from '../src/db/test-db.ts';
import { createStaffUser, STAFF_PASSWORD } from '../src/dispatch/testing.ts';
import { progress, summarize, type BenchRow } from './harness.ts';

const CLIENTS = 500;
const EVENTS = 200; // per path
const WARMUP = 20; // per path, not counted
const GAP_MS = 15;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const WebSocket = require(workerData.wsPath);
const now = () => performance.timeOrigin + performance.now();
const sockets = [];
// per event key: [received, maxLatency]; per delivery latencies
const perEvent = new Map();
const deliveries = { bus: [], raw: [] };
let opened = 0;
function open(i) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(workerData.url, { headers: { cookie: workerData.cookie } });
    ws.on('open', () => { opened++; resolve(); });
    ws.on('error', reject);
    ws.on('unexpected-response', (_q, r) => reject(new Error('HTTP ' + r.statusCode)));
    ws.on('message', (data) => {
      const t = now();
      const m = JSON.parse(data);
      const b = m.type === 'event' && m.event.payload && m.event.payload.bench;
      if (!b) return;
      const lat = t - b.sentAt;
      if (!b.warmup) deliveries[b.mode].push(lat);
      const k = b.mode + ':' + b.seq;
      const e = perEvent.get(k) || { n: 0, max: 0, mode: b.mode, warmup: b.warmup };
      e.n++; if (lat > e.max) e.max = lat;
      perEvent.set(k, e);
    });
    sockets.push(ws);
  });
}
(async () => {
  for (let i = 0; i < workerData.clients; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, workerData.clients - i) }, (_, j) => open(i + j)));
  }
  parentPort.postMessage({ type: 'ready', opened });
})().catch((err) => parentPort.postMessage({ type: 'error', message: String(err) }));
parentPort.on('message', (m) => {
  if (m.type === 'count') {
    const e = perEvent.get(m.key);
    parentPort.postMessage({ type: 'count', key: m.key, n: e ? e.n : 0 });
  }
  if (m.type === 'report') {
    const all = { bus: [], raw: [] };
    let incomplete = 0;
    for (const e of perEvent.values()) {
      if (e.warmup) continue;
      if (e.n < workerData.clients) incomplete++;
      all[e.mode].push(e.max);
    }
    for (const s of sockets) s.terminate();
    parentPort.postMessage({ type: 'report', deliveries, allClients: all, incomplete });
  }
});
`;

const abs = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run(): Promise<BenchRow[]> {
  const config = loadConfig({ ADMIN_PASSWORD: 'bench-admin-password', LOG_LEVEL: 'silent', PORT: '0', ALARM_PORT: '0', SIP_PORT: '0', HOST: '127.0.0.1' });
  const p = await createPlatform(config, { db: await createTestDb() });
  await p.listen();
  const port = (p.app.server.address() as AddressInfo).port;
  await createStaffUser(p.db, { username: 'bench.dispatcher', role: 'dispatcher' });
  const login = await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'bench.dispatcher', password: STAFF_PASSWORD } });
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;

  progress(`dispatch: connecting ${CLIENTS} WebSocket consoles`);
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { url: `ws://127.0.0.1:${port}/api/v1/live`, cookie, clients: CLIENTS, wsPath: createRequire(import.meta.url).resolve('ws') },
  });
  const inbox: Array<{ type: string; [k: string]: unknown }> = [];
  worker.on('message', (m) => inbox.push(m));
  const next = async (type: string) => {
    for (;;) {
      const i = inbox.findIndex((m) => m.type === type || m.type === 'error');
      if (i >= 0) {
        const m = inbox.splice(i, 1)[0]!;
        if (m.type === 'error') throw new Error(String(m.message));
        return m;
      }
      await sleep(5);
    }
  };
  await next('ready');
  progress(`dispatch: ${p.dispatch.hub.size} consoles connected; sending ${EVENTS + WARMUP} events per path`);

  const wss = p.app.websocketServer as unknown as { clients: Set<{ readyState: number; send(s: string): void }> };
  const waitAll = async (key: string) => {
    const end = Date.now() + 10_000;
    while (Date.now() < end) {
      worker.postMessage({ type: 'count', key });
      const m = await next('count');
      if ((m.n as number) >= CLIENTS) return;
      await sleep(2);
    }
  };

  for (let seq = 0; seq < EVENTS + WARMUP; seq++) {
    const warmup = seq < WARMUP;
    // Through the platform: bus → hub (scoping, queues) → sockets.
    await p.bus.publish('incident.updated', { change: 'bench', bench: { mode: 'bus', seq, warmup, sentAt: abs() } }, { wardCode: null });
    await waitAll(`bus:${seq}`);
    await sleep(GAP_MS);
    // Baseline: raw broadcast of a pre-serialised message over the same sockets.
    const sentAt = abs();
    const msg = JSON.stringify({ type: 'event', event: { id: `raw-${seq}`, type: 'incident.updated', at: new Date().toISOString(), wardCode: null, payload: { change: 'bench', bench: { mode: 'raw', seq, warmup, sentAt } } } });
    for (const c of wss.clients) if (c.readyState === 1) c.send(msg);
    await waitAll(`raw:${seq}`);
    await sleep(GAP_MS);
  }

  worker.postMessage({ type: 'report' });
  const r = (await next('report')) as unknown as { deliveries: { bus: number[]; raw: number[] }; allClients: { bus: number[]; raw: number[] }; incomplete: number };
  await worker.terminate();
  await p.close();

  const bus = summarize(r.deliveries.bus);
  const raw = summarize(r.deliveries.raw);
  const busAll = summarize(r.allClients.bus);
  const rawAll = summarize(r.allClients.raw);
  const suite = `dispatch live fan-out (${CLIENTS} WebSocket consoles)`;
  const baseline = 'raw ws broadcast loop, same server/sockets/run';
  const note = `${EVENTS} events per path after ${WARMUP} warm-up; in-memory bus; clients in a worker thread${r.incomplete ? `; ${r.incomplete} events not seen by every client` : ''}`;
  return [
    { suite, metric: 'event → one console p50', unit: 'ms', value: bus.p50, baseline, baselineValue: raw.p50, higherIsBetter: false, note },
    { suite, metric: 'event → one console p99', unit: 'ms', value: bus.p99, baseline, baselineValue: raw.p99, higherIsBetter: false, note },
    { suite, metric: 'event → every console p50', unit: 'ms', value: busAll.p50, baseline, baselineValue: rawAll.p50, higherIsBetter: false, note },
    { suite, metric: 'event → every console p99', unit: 'ms', value: busAll.p99, baseline, baselineValue: rawAll.p99, higherIsBetter: false, note },
  ];
}
