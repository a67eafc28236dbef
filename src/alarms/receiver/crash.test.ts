import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../db/pglite.ts';
import { buildFrame } from '../dc09/frame-builder.ts';
import { parseFrame } from '../dc09/frame-parser.ts';
import { TcpDialer } from '../sim/dialer.ts';
import { spawnReceiver, type ChildReceiver } from './child-receiver.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'alarm-crash-'));
const children: ChildReceiver[] = [];
afterAll(async () => {
  for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) await c.kill();
  rmSync(dir, { recursive: true, force: true });
});

const frameFor = (dialer: number, seq: number) => {
  const account = (0xa00 + dialer).toString(16).toUpperCase();
  return { account, seq, bytes: buildFrame({ token: 'SIA-DCS', sequence: seq, receiver: '1', line: '1', account, data: `#${account}|Nri1/FA${String(seq % 1000).padStart(3, '0')}`, timestamp: new Date() }) };
};

describe('receiver crash', () => {
  it('every frame ACKed before a SIGKILL is in the database exactly once after restart', async () => {
    const first = await spawnReceiver(['--store', 'pglite', '--data-dir', dir, '--no-udp']);
    children.push(first);
    const acked = new Set<string>();
    const sent: { account: string; seq: number; bytes: Buffer }[] = [];
    let killed = false;
    const DIALERS = 8;
    const dialers = await Promise.all(Array.from({ length: DIALERS }, () => TcpDialer.connect(first.tcpPort)));
    const loops = dialers.map(async (d, i) => {
      for (let seq = 1; !killed && seq < 9999; seq++) {
        const f = frameFor(i, seq);
        sent.push(f);
        const r = await d.send(f.bytes, 2000);
        if (!r) return; // connection gone (killed)
        const p = parseFrame(r);
        if (p.ok && p.value.token === 'ACK') acked.add(`${f.account}/${String(seq).padStart(4, '0')}`);
      }
    });
    while (acked.size < 300) await new Promise((r) => setTimeout(r, 10));
    await first.kill(); // mid-stream: frames are in flight on every connection
    killed = true;
    await Promise.all(loops);
    for (const d of dialers) d.close();
    expect(acked.size).toBeGreaterThanOrEqual(300);
    expect(sent.length).toBeGreaterThan(acked.size); // the kill really cut frames in flight

    // Restart on the same data dir; the panels retransmit everything they sent (ACKed or not).
    const second = await spawnReceiver(['--store', 'pglite', '--data-dir', dir, '--no-udp']);
    children.push(second);
    const again = await TcpDialer.connect(second.tcpPort);
    const retried = sent.filter((_, i) => i % 7 === 0);
    for (const f of retried) {
      const r = await again.send(buildFrame({ token: 'SIA-DCS', sequence: f.seq, receiver: '1', line: '1', account: f.account, data: `#${f.account}|Nri1/FA${String(f.seq % 1000).padStart(3, '0')}`, timestamp: new Date() }));
      expect(r && parseFrame(r).ok && (parseFrame(r) as { value: { token: string } }).value.token).toBe('ACK');
    }
    again.close();
    await second.stop();

    const db = await openPglite(dir);
    const rows = await db.query<{ account: string; sequence: string; n: number }>(
      'select account, sequence, count(*)::int as n from alarm_events group by account, sequence',
    );
    await db.close();
    const count = new Map(rows.map((r) => [`${r.account}/${r.sequence}`, r.n]));
    const missing = [...acked].filter((k) => !count.has(k));
    expect(missing).toEqual([]);
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
  }, 120_000);
});
