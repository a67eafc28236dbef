/**
 * DC-09 alarm receiver: sustained frames/s and receive->ACK latency over TCP and UDP, with embedded storage
 * (PGlite on disk, group commit, an event committed before its ACK) beside the same receiver with storage switched
 * off (the ceiling), in the same run. The receiver runs in its own process (src/alarms/receiver/standalone.ts) and
 * the 50 panel dialers in this one, so each gets one of the two cores.
 *
 * Two loads per configuration:
 * - saturation: 50 dialers in a closed loop (send, wait for the ACK, send the next): the most frames/s;
 * - target rate: 2,000 frames/s in all (each dialer every 25 ms); latency is measured from each frame's scheduled
 *   send time (so a slow ACK that delays the next frame counts against it: no coordinated omission).
 * Half the dialers encrypt (AES-128, hex key). All frames are SIA-DCS fire alarms with a timestamp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildFrame } from '../src/alarms/dc09/frame-builder.ts';
import { spawnReceiver, type ChildReceiver } from '../src/alarms/receiver/child-receiver.ts';
import { TcpDialer, UdpDialer } from '../src/alarms/sim/dialer.ts';
import { progress, summarize, type BenchRow } from './harness.ts';

const DIALERS = 50;
const SATURATION_MS = 5_000;
const TARGET_RATE = 2_000;
const TARGET_MS = 6_000;
const KEY_HEX = '000102030405060708090A0B0C0D0E0F';
const KEY = Buffer.from(KEY_HEX, 'hex');

type Transport = 'tcp' | 'udp';
interface Dialer {
  send(frame: Buffer, timeoutMs: number): Promise<Buffer | null>;
  close(): void;
}
interface LoadResult {
  acked: number;
  lost: number;
  seconds: number;
  latenciesMs: number[];
}

const accountOf = (phase: number, i: number) => (0x100000 + phase * 0x1000 + i).toString(16).toUpperCase();
const encrypted = (i: number) => i % 2 === 1;

function frameFor(phase: number, i: number, seq: number): Buffer {
  const account = accountOf(phase, i);
  return buildFrame({
    token: 'SIA-DCS',
    sequence: seq,
    receiver: '1',
    line: '1',
    account,
    data: `#${account}|Nri1/FA${String(seq % 1000).padStart(3, '0')}`,
    timestamp: new Date(),
    key: encrypted(i) ? KEY : null,
  });
}

async function openDialers(t: Transport, r: ChildReceiver): Promise<Dialer[]> {
  return Promise.all(
    Array.from({ length: DIALERS }, () => (t === 'tcp' ? TcpDialer.connect(r.tcpPort) : UdpDialer.open(r.udpPort!))),
  );
}

const isAck = (b: Buffer | null) => b !== null && /^[0-9A-Fa-f]{8}"\*?ACK"/.test(b.toString('latin1', 0, 16));

async function saturation(dialers: Dialer[], phase: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let acked = 0;
  let lost = 0;
  const t0 = performance.now();
  const end = t0 + SATURATION_MS;
  await Promise.all(
    dialers.map(async (d, i) => {
      for (let seq = 1; performance.now() < end; seq++) {
        const f = frameFor(phase, i, seq);
        const s = performance.now();
        const r = await d.send(f, 2000);
        if (isAck(r)) {
          acked++;
          latencies.push(performance.now() - s);
        } else lost++;
      }
    }),
  );
  return { acked, lost, seconds: (performance.now() - t0) / 1000, latenciesMs: latencies };
}

async function targetRate(dialers: Dialer[], phase: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let acked = 0;
  let lost = 0;
  const intervalMs = (1000 * DIALERS) / TARGET_RATE;
  const t0 = performance.now() + 50;
  const n = Math.floor(TARGET_MS / intervalMs);
  await Promise.all(
    dialers.map(async (d, i) => {
      const offset = (i * intervalMs) / DIALERS;
      for (let k = 0; k < n; k++) {
        const due = t0 + offset + k * intervalMs;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        // From the scheduled time when the frame left late (no coordinated omission), from the actual send when
        // it left up to 1 ms early (timers are not finer): never a negative latency.
        const from = Math.min(due, performance.now());
        const r = await d.send(frameFor(phase, i, k + 1), 2000);
        if (isAck(r)) {
          acked++;
          latencies.push(performance.now() - from);
        } else lost++;
      }
    }),
  );
  return { acked, lost, seconds: (performance.now() - t0) / 1000, latenciesMs: latencies };
}

const load = () => os.loadavg()[0]!.toFixed(1);

async function measure(t: Transport, store: 'pglite' | 'null', phaseBase: number) {
  const loadBefore = load();
  const dir = store === 'pglite' ? mkdtempSync(path.join(os.tmpdir(), 'alarm-bench-')) : null;
  const accounts = Array.from({ length: DIALERS }, (_, i) => i)
    .filter(encrypted)
    .flatMap((i) => [0, 1].flatMap((p) => ['--account', `${accountOf(phaseBase + p, i)}:${KEY_HEX}:hex`]));
  const r = await spawnReceiver(['--store', store, ...(dir ? ['--data-dir', dir] : []), ...accounts]);
  try {
    const dialers = await openDialers(t, r);
    await saturation(dialers.slice(0, 10), 9).catch(() => undefined); // warm-up (JIT, page cache)
    const sat = await saturation(dialers, phaseBase);
    const tgt = await targetRate(dialers, phaseBase + 1);
    for (const d of dialers) d.close();
    const stats = await r.stop();
    return { sat, tgt, stats, load: `${loadBefore}->${load()}` };
  } finally {
    if (r.child.exitCode === null) await r.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  let phase = 0;
  for (const t of ['tcp', 'udp'] as const) {
    progress(`alarms: ${t} with PGlite storage`);
    const withStore = await measure(t, 'pglite', (phase += 2));
    progress(`alarms: ${t} with storage off`);
    const ceiling = await measure(t, 'null', (phase += 2));
    progress(`alarms ${t}: with storage: ${JSON.stringify({ sat: withStore.sat.acked, lost: withStore.sat.lost + withStore.tgt.lost, load: withStore.load })}; ceiling: ${JSON.stringify({ sat: ceiling.sat.acked, lost: ceiling.sat.lost + ceiling.tgt.lost, load: ceiling.load })}`);
    const T = t.toUpperCase();
    const base = 'same receiver, storage off (ceiling)';
    const rate = (x: LoadResult) => x.acked / x.seconds;
    const s1 = summarize(withStore.tgt.latenciesMs);
    const s0 = summarize(ceiling.tgt.latenciesMs);
    const batches = withStore.stats ? (JSON.parse(withStore.stats) as { commits: { batches: number; frames: number; maxBatch: number } }).commits : null;
    // The machine's 1-min load average is printed because other work on the same 2 cores skews every figure.
    const note = (x: { sat: LoadResult; tgt: LoadResult; load: string }) =>
      `saturation acked ${x.sat.acked}, unanswered ${x.sat.lost}; target acked ${x.tgt.acked}, unanswered ${x.tgt.lost}; load avg ${x.load}`;
    rows.push(
      {
        suite: 'alarms', metric: `${T} max frames/s (${DIALERS} dialers, closed loop)`, unit: 'frames/s',
        value: rate(withStore.sat), baseline: base, baselineValue: rate(ceiling.sat), higherIsBetter: true,
        note: `with storage: ${note(withStore)}${batches ? `; ${batches.frames} frames in ${batches.batches} commits (largest ${batches.maxBatch})` : ''}`,
      },
      {
        suite: 'alarms', metric: `${T} frames/s achieved at ${TARGET_RATE}/s offered`, unit: 'frames/s',
        value: rate(withStore.tgt), baseline: base, baselineValue: rate(ceiling.tgt), higherIsBetter: true, note: `ceiling: ${note(ceiling)}`,
      },
      {
        suite: 'alarms', metric: `${T} p50 receive->ACK at ${TARGET_RATE}/s`, unit: 'ms',
        value: s1.p50, baseline: base, baselineValue: s0.p50, higherIsBetter: false,
      },
      {
        suite: 'alarms', metric: `${T} p99 receive->ACK at ${TARGET_RATE}/s`, unit: 'ms',
        value: s1.p99, baseline: base, baselineValue: s0.p99, higherIsBetter: false,
        note: `max ${s1.max.toFixed(1)} ms (ceiling ${s0.max.toFixed(1)} ms); target p99 < 50 ms`,
      },
      {
        suite: 'alarms', metric: `${T} p99 receive->ACK at saturation`, unit: 'ms',
        value: summarize(withStore.sat.latenciesMs).p99, baseline: base, baselineValue: summarize(ceiling.sat.latenciesMs).p99,
        higherIsBetter: false,
      },
    );
  }
  return rows;
}
