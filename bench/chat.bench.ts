/**
 * Virtual assistant benchmark: chat messages per second and latency through the HTTP API (a real listening
 * server, the whole platform as in production: PGlite on disk in a fresh data directory — `CHAT_BENCH_DB=memory`
 * for the in-memory PGlite the tests use, PostgreSQL with TEST_DATABASE_URL —, the production log level (info)
 * written to /dev/null, rate limits on but set too high to trigger) with 200 concurrent conversations, each
 * sending a multi-turn script (procedure question and follow-ups, find-my-ward, small talk, English, an
 * unknown question that is recorded for editors, a status question). Load comes from a worker thread so that
 * the clients do not share the server's event loop (on a small machine they still share its cores: the note
 * gives how busy the server's event loop and the load generator were, and the load average). CPU time per
 * message (Linux) is the steadiest figure on a shared machine: all server threads (the process minus the load
 * generator's thread) and the main thread alone.
 * Baseline, same run: the bare language engine in-process (classify + emergency detection + entity
 * extraction) over the same message texts, one at a time — what a message costs before any state, storage,
 * HTTP or JSON.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { pino } from 'pino';
import { createPlatform } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Db } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { openPglite } from '../src/db/pglite.ts';
import { createTestDb } from '../src/db/test-db.ts';
import { createLogger } from '../src/shared/logger.ts';
import { detectEmergency, extractEntities } from '../src/nlp/index.ts';
import { progress, summarize, type BenchRow } from './harness.ts';

const SUITE = 'chat';
const CONVERSATIONS = 200;
const BASELINE = 'bare language engine in-process (classify + emergency + entities)';

/** Each conversation runs one script (chosen round-robin); all texts go through the full dialogue. */
const SCRIPTS: string[][] = [
  ['đăng ký tạm trú cần giấy tờ gì', 'còn lệ phí?', 'làm online được không?', 'mất bao lâu', 'cảm ơn'],
  ['làm căn cước', 'thế còn cho con tôi?', 'con tôi 10 tuổi', 'lệ phí bao nhiêu', 'cảm ơn nhé'],
  ['phường Hàng Bạc quận Hoàn Kiếm cũ nay thuộc phường nào', 'phường Trung Hòa cũ giờ là phường nào', 'Phường Yên Hòa', 'xin chào', 'tạm biệt'],
  ['How do I register temporary residence?', 'how much is the fee?', 'can I do it online?', 'thank you', 'bye'],
  ['thời tiết hôm nay thế nào', 'giá vàng bao nhiêu', 'không cần', 'hồ sơ của tôi đến đâu rồi', 'xin chào'],
];
const MESSAGES_PER_CONVERSATION = SCRIPTS[0]!.length;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, scripts, conversations } = workerData;
// node:http with keep-alive (one connection per conversation, like a browser tab): far less client CPU than
// fetch, which matters when the load generator shares the server's cores
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const target = new URL(url);
function post(payload) {
  return new Promise((resolve, reject) => {
    const body = Buffer.from(JSON.stringify(payload));
    const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
async function conversation(i) {
  const script = scripts[i % scripts.length];
  let conversationId;
  const lat = [];
  let errors = 0;
  for (const text of script) {
    const t0 = performance.now();
    const res = await post(conversationId ? { text, conversationId } : { text });
    const body = res.body;
    lat.push(performance.now() - t0);
    if (res.status !== 200) errors++;
    else conversationId = body.conversationId;
  }
  return { lat, errors };
}
const threadCpuMs = () => {
  try {
    const stat = require('node:fs').readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch { return null; }
};
(async () => {
  const { performance: perf } = require('node:perf_hooks');
  // open the connections first, as a browser's page load does before its first chat message: opening 200 at
  // once made some first messages wait ~1 s before they reached the server
  await Promise.all(Array.from({ length: conversations }, () => new Promise((resolve, reject) => {
    const req = http.request({ host: target.hostname, port: target.port, path: '/healthz', agent }, (res) => { res.resume(); res.on('end', resolve); });
    req.on('error', reject);
    req.end();
  })));
  const cpu0 = threadCpuMs();
  const elu0 = perf.eventLoopUtilization();
  const t0 = performance.now();
  const results = await Promise.all(Array.from({ length: conversations }, (_, i) => conversation(i)));
  const totalMs = performance.now() - t0;
  const busy = perf.eventLoopUtilization(elu0).utilization;
  const cpu1 = threadCpuMs();
  parentPort.postMessage({ totalMs, busy, cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0, latencies: results.flatMap((r) => r.lat), errors: results.reduce((a, r) => a + r.errors, 0) });
})().catch((err) => parentPort.postMessage({ error: String(err && err.stack || err) }));
`;

interface LoadResult {
  totalMs: number;
  /** Event-loop utilisation of the load generator's thread during the run (0..1). */
  busy: number;
  /** CPU time of the load generator's thread during the run (Linux), to subtract from the process's. */
  cpuMs: number | null;
  latencies: number[];
  errors: number;
  error?: string;
}

function load(url: string, conversations: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData: { url, scripts: SCRIPTS, conversations } });
    w.once('message', (m: LoadResult) => {
      void w.terminate();
      if (m.error) reject(new Error(m.error));
      else resolve(m);
    });
    w.once('error', reject);
  });
}

/** CPU time (ms) used so far by the server's main thread (Linux /proc; null elsewhere): immune to other load. */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in USER_HZ (100 on Linux)
  } catch {
    return null;
  }
}

/** As in production: PGlite on disk (DATA_DIR/pgdata) unless CHAT_BENCH_DB=memory; PostgreSQL with TEST_DATABASE_URL. */
async function openDb(dataDir: string): Promise<{ db: Db; label: string }> {
  if (process.env.TEST_DATABASE_URL) return { db: await createTestDb(), label: 'PostgreSQL' };
  if (process.env.CHAT_BENCH_DB === 'memory') return { db: await createTestDb(), label: 'embedded PGlite in memory' };
  const db = await openPglite(path.join(dataDir, 'pgdata'));
  await migrate(db);
  return { db, label: 'embedded PGlite on disk' };
}

export async function run(): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-chat-'));
  const config = loadConfig({ LOG_LEVEL: 'info', PORT: '0', ALARM_PORT: '0', SIP_PORT: '0', ADMIN_PASSWORD: 'bench-admin-password', DATA_DIR: dataDir });
  const { db, label } = await openDb(dataDir);
  const p = await createPlatform(config, {
    db,
    // the production log level, written where it costs the same as a pipe but is not read
    log: createLogger(config.logLevel, {}, pino.destination({ dest: '/dev/null', sync: true })),
    // limits stay on (their bookkeeping is part of a message's cost) but are too high to trigger
    assistant: { messagesPerMinutePerIp: 1_000_000_000, messagesPerMinutePerConversation: 1_000_000_000 },
  });
  try {
    await p.listen();
    const url = `http://127.0.0.1:${(p.app.server.address() as AddressInfo).port}/api/v1/chat/messages`;
    progress(`chat: warm-up, then ${CONVERSATIONS} concurrent conversations × ${MESSAGES_PER_CONVERSATION} messages over HTTP (${label})`);
    await load(url, 40);
    const load0 = loadavg()[0]!;
    const elu0 = performance.eventLoopUtilization();
    const cpu0 = mainThreadCpuMs();
    const proc0 = process.cpuUsage();
    const http = await load(url, CONVERSATIONS);
    const proc = process.cpuUsage(proc0);
    const cpu1 = mainThreadCpuMs();
    // every server thread (main, database thread, GC and I/O helpers): the process minus the load generator
    const serverCpuPerMessage = http.cpuMs === null ? null : ((proc.user + proc.system) / 1000 - http.cpuMs) / http.latencies.length;
    const serverBusy = performance.eventLoopUtilization(elu0).utilization;
    const cpuPerMessage = cpu0 !== null && cpu1 !== null ? (cpu1 - cpu0) / http.latencies.length : null;
    const load1 = loadavg()[0]!;
    if (http.errors) progress(`chat: ${http.errors} non-200 answers`);
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    const ms = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));
    const conditions = `server CPU per message ${ms(serverCpuPerMessage)} ms (main thread ${ms(cpuPerMessage)} ms), event loop busy ${pct(serverBusy)}, load generator ${pct(http.busy)}; load average ${load0.toFixed(2)} → ${load1.toFixed(2)} on ${availableParallelism()} CPUs`;
    progress(`chat: ${conditions}`);
    const sh = summarize(http.latencies);
    const httpRate = http.latencies.length / (http.totalMs / 1000);

    // baseline: the same texts through the bare engine, in-process, one at a time
    const engine = p.assistant.knowledge.current().engine;
    const texts = Array.from({ length: CONVERSATIONS }, (_, i) => SCRIPTS[i % SCRIPTS.length]!).flat();
    const now = new Date();
    const pipeline = (text: string) => {
      const c = engine.classify(text);
      detectEmergency(text, { now, normalized: c.normalized });
      extractEntities(text, { now });
    };
    for (const t of texts.slice(0, 200)) pipeline(t);
    const samples: number[] = [];
    const t0 = performance.now();
    for (const t of texts) {
      const s = performance.now();
      pipeline(t);
      samples.push(performance.now() - s);
    }
    const baseMs = performance.now() - t0;
    const sb = summarize(samples);
    const baseRate = samples.length / (baseMs / 1000);
    const note = `${CONVERSATIONS} concurrent conversations × ${MESSAGES_PER_CONVERSATION} messages, ${label}, one process; ${http.errors} errors; ${conditions}`;
    return [
      { suite: SUITE, metric: 'chat messages/s through HTTP', unit: 'msg/s', value: httpRate, baseline: BASELINE, baselineValue: baseRate, higherIsBetter: true, note },
      { suite: SUITE, metric: 'p50 latency per message', unit: 'ms', value: sh.p50, baseline: BASELINE, baselineValue: sb.p50, higherIsBetter: false, note },
      { suite: SUITE, metric: 'p95 latency per message', unit: 'ms', value: sh.p95, baseline: BASELINE, baselineValue: sb.p95, higherIsBetter: false, note },
      ...(serverCpuPerMessage !== null
        ? [{ suite: SUITE, metric: 'server CPU per message (all threads)', unit: 'ms', value: serverCpuPerMessage, baseline: BASELINE, baselineValue: baseMs / samples.length, higherIsBetter: false, note }]
        : []),
      ...(cpuPerMessage !== null
        ? [{ suite: SUITE, metric: 'server main-thread CPU per message', unit: 'ms', value: cpuPerMessage, baseline: BASELINE, baselineValue: baseMs / samples.length, higherIsBetter: false, note }]
        : []),
    ];
  } finally {
    await p.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
