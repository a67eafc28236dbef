import { buildFrame } from '../dc09/frame-builder.ts';
import { TcpDialer, UdpDialer } from './dialer.ts';
import { isEncrypted, MESSAGE_KINDS, simAccount, simKey, type MessageKind, type SimOptions } from './sim-options.ts';
import { seededRandom } from '../../shared/random.ts';

/**
 * The alarm simulator: N panels sending a configurable mix of heartbeats (NULL), fire alarms, troubles and
 * restores to a DC-09 receiver at a given total rate, over TCP or UDP, encrypted or not. Each account keeps
 * one message in flight (as panels do) and remembers what it opened, so restores end real conditions.
 * Reports sent / ACK / NAK / DUH / no answer and the answer latency (p50, p99).
 */

interface TroubleSpec {
  sia: string;
  siaRestore: string;
  cid: string;
  zone: string;
}
const TROUBLES: TroubleSpec[] = [
  { sia: 'FT', siaRestore: 'FJ', cid: '373', zone: '' },
  { sia: 'AT', siaRestore: 'AR', cid: '301', zone: '000' },
  { sia: 'YT', siaRestore: 'YR', cid: '302', zone: '000' },
  { sia: 'YC', siaRestore: 'YK', cid: '350', zone: '000' },
];

export interface PanelState {
  account: string;
  key: Buffer | null;
  seq: number;
  openFires: string[];
  openTroubles: TroubleSpec[];
}

export interface SimMessage {
  kind: MessageKind;
  token: 'NULL' | 'SIA-DCS' | 'ADM-CID';
  /** Data block after `#ACCT|` (empty for NULL). */
  body: string;
}

const zone3 = (n: number) => String(n).padStart(3, '0');

/** The next message of one panel for a drawn kind (updates what the panel has open). */
export function nextMessage(p: PanelState, kind: MessageKind, format: SimOptions['format'], r: () => number): SimMessage {
  const cid = format === 'cid' || (format === 'mixed' && r() < 0.5);
  if (kind === 'heartbeat') return { kind, token: 'NULL', body: '' };
  if (kind === 'fire') {
    const zone = zone3(1 + Math.floor(r() * 16));
    if (!p.openFires.includes(zone)) p.openFires.push(zone);
    return cid ? { kind, token: 'ADM-CID', body: `1110 01 ${zone}` } : { kind, token: 'SIA-DCS', body: `Nri1/FA${zone}` };
  }
  if (kind === 'trouble') {
    const spec = { ...TROUBLES[Math.floor(r() * TROUBLES.length)]! };
    if (!spec.zone) spec.zone = zone3(1 + Math.floor(r() * 16));
    if (!p.openTroubles.some((t) => t.sia === spec.sia && t.zone === spec.zone)) p.openTroubles.push(spec);
    return cid ? { kind, token: 'ADM-CID', body: `1${spec.cid} 00 ${spec.zone}` } : { kind, token: 'SIA-DCS', body: `Nri1/${spec.sia}${spec.zone}` };
  }
  // restore: what is open (fires first), else an AC restoral that ends nothing.
  const fire = p.openFires.shift();
  if (fire) return cid ? { kind, token: 'ADM-CID', body: `3110 01 ${fire}` } : { kind, token: 'SIA-DCS', body: `Nri1/FH${fire}` };
  const t = p.openTroubles.shift();
  if (t) return cid ? { kind, token: 'ADM-CID', body: `3${t.cid} 00 ${t.zone}` } : { kind, token: 'SIA-DCS', body: `Nri1/${t.siaRestore}${t.zone}` };
  return cid ? { kind, token: 'ADM-CID', body: '3301 00 000' } : { kind, token: 'SIA-DCS', body: 'Nri1/AR000' };
}

export function pickKind(mix: Record<MessageKind, number>, r: () => number): MessageKind {
  const total = MESSAGE_KINDS.reduce((s, k) => s + mix[k], 0);
  let x = r() * total;
  for (const k of MESSAGE_KINDS) {
    x -= mix[k];
    if (x < 0) return k;
  }
  return 'heartbeat';
}

export function frameOf(p: PanelState, m: SimMessage, now: Date): Buffer {
  p.seq = (p.seq % 9999) + 1;
  return buildFrame({
    token: m.token,
    sequence: p.seq,
    account: p.account,
    data: m.token === 'NULL' ? '' : `#${p.account}|${m.body}`,
    timestamp: now,
    key: p.key,
  });
}

export type Answer = 'ack' | 'nak' | 'duh' | 'none' | 'error';

export function answerOf(b: Buffer | null): Answer {
  if (!b) return 'none';
  const t = /"\*?([A-Z]{3})"/.exec(b.toString('latin1'))?.[1];
  return t === 'ACK' ? 'ack' : t === 'NAK' ? 'nak' : t === 'DUH' ? 'duh' : 'error';
}

export interface SimStats {
  sent: number;
  ack: number;
  nak: number;
  duh: number;
  none: number;
  errors: number;
  byKind: Record<MessageKind, number>;
  /** Messages that were due but found every account busy (rate above what the accounts can carry). */
  notSent: number;
  latenciesMs: number[];
}

export interface SimSummary extends Omit<SimStats, 'latenciesMs'> {
  durationS: number;
  achievedRate: number;
  latencyMs: { p50: number | null; p99: number | null; max: number | null };
}

export const percentile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : null);

export function summarize(s: SimStats, durationS: number): SimSummary {
  const lat = [...s.latenciesMs].sort((a, b) => a - b);
  const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
  const { latenciesMs: _omit, ...rest } = s;
  return {
    ...rest,
    durationS: Math.round(durationS * 100) / 100,
    achievedRate: Math.round((s.sent / Math.max(durationS, 0.001)) * 10) / 10,
    latencyMs: { p50: round(percentile(lat, 0.5)), p99: round(percentile(lat, 0.99)), max: round(lat.at(-1) ?? null) },
  };
}

interface Link {
  send(frame: Buffer): Promise<Buffer | null>;
  close(): void;
}

async function openLink(o: SimOptions): Promise<Link> {
  if (o.transport === 'udp') {
    const d = await UdpDialer.open(o.port, o.host);
    return { send: (f) => d.send(f, o.timeoutMs), close: () => d.close() };
  }
  const d = await TcpDialer.connect(o.port, o.host);
  return {
    send: (f) => (d.closed ? Promise.reject(new Error('connection closed')) : d.send(f, o.timeoutMs)),
    close: () => d.close(),
  };
}

export interface RunHooks {
  /** Called about once a second with the running totals. */
  onProgress?: (elapsedS: number, s: SimStats) => void;
  signal?: AbortSignal;
}

/** Sends the mix for `durationS` seconds; resolves with the totals once every message was answered or timed out. */
export async function runSimulation(o: SimOptions, hooks: RunHooks = {}): Promise<SimSummary> {
  const r = seededRandom(o.seed);
  const panels: Array<PanelState & { busy: boolean; link: Link | null }> = Array.from({ length: o.accounts }, (_, i) => {
    const account = simAccount(o, i);
    return { account, key: isEncrypted(o, i) ? Buffer.from(simKey(o, account), 'hex') : null, seq: 0, openFires: [], openTroubles: [], busy: false, link: null };
  });
  const stats: SimStats = { sent: 0, ack: 0, nak: 0, duh: 0, none: 0, errors: 0, byKind: { heartbeat: 0, fire: 0, trouble: 0, restore: 0 }, notSent: 0, latenciesMs: [] };
  const inFlight = new Set<Promise<void>>();
  let next = 0;

  const sendOne = async (p: (typeof panels)[number]) => {
    p.busy = true;
    const msg = nextMessage(p, pickKind(o.mix, r), o.format, r);
    stats.sent++;
    stats.byKind[msg.kind]++;
    try {
      p.link ??= await openLink(o);
      const t0 = performance.now();
      const answer = answerOf(await p.link.send(frameOf(p, msg, new Date())));
      if (answer !== 'none' && answer !== 'error') stats.latenciesMs.push(performance.now() - t0);
      if (answer === 'error') stats.errors++;
      else stats[answer]++;
      if (answer === 'none' && o.transport === 'tcp') {
        p.link.close();
        p.link = null;
      }
    } catch {
      stats.errors++;
      p.link?.close();
      p.link = null;
    } finally {
      p.busy = false;
    }
  };

  const start = performance.now();
  const endMs = o.durationS * 1000;
  let issued = 0;
  let lastProgress = 0;
  for (;;) {
    const elapsed = performance.now() - start;
    if (elapsed >= endMs || hooks.signal?.aborted) break;
    const target = Math.floor((o.rate * elapsed) / 1000) + 1;
    while (issued < target) {
      let found: (typeof panels)[number] | null = null;
      for (let k = 0; k < panels.length; k++) {
        const p = panels[(next + k) % panels.length]!;
        if (!p.busy) {
          found = p;
          next = (next + k + 1) % panels.length;
          break;
        }
      }
      issued++;
      if (!found) {
        stats.notSent++;
        continue;
      }
      const job = sendOne(found);
      inFlight.add(job);
      void job.finally(() => inFlight.delete(job));
    }
    if (elapsed - lastProgress >= 1000) {
      lastProgress = elapsed;
      hooks.onProgress?.(elapsed / 1000, stats);
    }
    await new Promise((res) => setTimeout(res, Math.max(1, Math.min(20, 1000 / o.rate))));
  }
  await Promise.all([...inFlight]);
  const durationS = (performance.now() - start) / 1000;
  for (const p of panels) p.link?.close();
  return summarize(stats, durationS);
}
