import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildFrame } from '../dc09/frame-builder.ts';
import { parseFrame } from '../dc09/frame-parser.ts';
import { bytesOf, loadVectors } from '../dc09/test-vectors.ts';
import { TcpDialer, UdpDialer } from '../sim/dialer.ts';
import { MemoryAlarmStore } from './memory-store.ts';
import type { AlarmStore, CommitResult, ReceivedFrame } from './ports.ts';
import { createAlarmReceiver, type AlarmReceiver, type AlarmReceiverOptions, type CommittedAlarmEvent } from './receiver.ts';
import { StaticAccountDirectory } from './static-directory.ts';

const KEY_HEX = '000102030405060708090A0B0C0D0E0F';
const directory = new StaticAccountDirectory([{ account: '5555', key: KEY_HEX, keyFormat: 'hex', enabled: true }]);
let receiver: AlarmReceiver | null = null;
const cleanup: (() => void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) c();
  await receiver?.stop();
  receiver = null;
});

async function start(store: AlarmStore = new MemoryAlarmStore(), opts: Partial<AlarmReceiverOptions> = {}, events: CommittedAlarmEvent[] = []) {
  receiver = createAlarmReceiver({ store, directory, onEvent: (e) => events.push(e) }, { port: 0, ...opts });
  const ports = await receiver.start();
  return { tcpPort: ports.tcpPort!, udpPort: ports.udpPort!, store, events };
}
async function dial(port: number) {
  const d = await TcpDialer.connect(port);
  cleanup.push(() => d.close());
  return d;
}
const fire = (seq: number, account = '1234', extra: Partial<Parameters<typeof buildFrame>[0]> = {}) =>
  buildFrame({ token: 'SIA-DCS', sequence: seq, receiver: '1', line: '1', account, data: `#${account}|Nri1/FA00${seq % 10}`, timestamp: new Date(), ...extra });
const tokenOf = (b: Buffer | null) => (b ? (parseFrame(b) as { ok: true; value: { token: string } }).value.token : null);

class GatedStore implements AlarmStore {
  inner = new MemoryAlarmStore();
  release: (() => void) | null = null;
  async commit(batch: readonly ReceivedFrame[]): Promise<CommitResult[]> {
    await new Promise<void>((r) => (this.release = r));
    return this.inner.commit(batch);
  }
}

describe('alarm receiver over TCP', () => {
  it('ACKs only after the event was committed', async () => {
    const store = new GatedStore();
    const { tcpPort } = await start(store);
    const d = await dial(tcpPort);
    d.socket.write(fire(1));
    expect(await d.next(300)).toBeNull(); // commit not released: no ACK
    expect(store.release).not.toBeNull();
    expect(store.inner.frames).toHaveLength(0);
    store.release!();
    expect(tokenOf(await d.next())).toBe('ACK');
    expect(store.inner.frames).toHaveLength(1);
  });

  it('answers coalesced frames in order and byte-by-byte frames once', async () => {
    const { tcpPort, store } = await start();
    const d = await dial(tcpPort);
    d.socket.write(Buffer.concat([fire(1), fire(2), fire(3)]));
    const acks = [await d.next(), await d.next(), await d.next()].map((b) => parseFrame(b!));
    expect(acks.map((a) => a.ok && `${a.value.token}${a.value.sequence}`)).toEqual(['ACK0001', 'ACK0002', 'ACK0003']);
    const f = fire(4);
    for (const b of f) d.socket.write(Uint8Array.of(b));
    expect(tokenOf(await d.next())).toBe('ACK');
    expect(store instanceof MemoryAlarmStore && store.frames).toHaveLength(4);
  });

  it('ACKs a retransmission again but stores it once, and reports each new event once', async () => {
    const { tcpPort, store, events } = await start();
    const d = await dial(tcpPort);
    const f = fire(7);
    expect(tokenOf(await d.send(f))).toBe('ACK');
    expect(tokenOf(await d.send(f))).toBe('ACK');
    const d2 = await dial(tcpPort);
    const [a, b] = await Promise.all([d.send(fire(8)), d2.send(fire(8))]); // concurrent retransmission
    expect([tokenOf(a), tokenOf(b)]).toEqual(['ACK', 'ACK']);
    expect((store as MemoryAlarmStore).frames.map((x) => x.frame.sequence)).toEqual(['0007', '0008']);
    expect(events.map((e) => [e.sequence, e.event.code])).toEqual([['0007', 'FA'], ['0008', 'FA']]);
    expect(receiver!.stats().ingest).toMatchObject({ acked: 4, duplicates: 2 });
  });

  it('sends nothing for a bad CRC or length and keeps the connection usable', async () => {
    const { tcpPort } = await start();
    const d = await dial(tcpPort);
    // LF-framed negative vectors. (py-dc04-bad is not here: inside a TCP stream its first 58 bytes are a frame whose
    // CRC and length are right, so it is read as one; as a whole message, e.g. a UDP datagram, it is rejected.)
    for (const v of loadVectors('negative').filter((x) => x.raw.startsWith('\n'))) d.socket.write(bytesOf(v));
    d.socket.write('this is not a parsable event');
    expect(await d.next(300)).toBeNull();
    expect(tokenOf(await d.send(fire(1)))).toBe('ACK');
  });

  it('answers an encrypted message with *ACK, NAK outside the window, DUH without key', async () => {
    const { tcpPort } = await start();
    const d = await dial(tcpPort);
    const key = Buffer.from(KEY_HEX, 'hex');
    const enc = (seq: number, timestamp: Date) =>
      buildFrame({ token: 'SIA-DCS', sequence: seq, line: '0', account: '5555', data: 'Nri1/FA001', timestamp, key });
    const ack = await d.send(enc(1, new Date()));
    expect(ack?.toString('latin1')).toMatch(/^[0-9A-F]{8}"\*ACK"0001L0#5555\[[0-9A-F]{32,}$/);
    expect(tokenOf(await d.send(enc(2, new Date(Date.now() - 120_000))))).toBe('NAK');
    const noKey = buildFrame({ token: 'SIA-DCS', sequence: 3, line: '0', account: '7777', data: 'Nri1/FA001', timestamp: new Date(), key });
    expect(tokenOf(await d.send(noKey))).toBe('DUH');
  });

  it('sends no ACK when the commit fails, and ACKs the retry', async () => {
    const store = new MemoryAlarmStore();
    const { tcpPort } = await start(store);
    const d = await dial(tcpPort);
    store.failNext = true;
    expect(await d.send(fire(1), 500)).toBeNull();
    expect(tokenOf(await d.send(fire(1)))).toBe('ACK');
    expect(store.frames).toHaveLength(1);
  });

  it('refuses connections beyond the limit', async () => {
    const { tcpPort } = await start(new MemoryAlarmStore(), { tcpLimits: { maxConnections: 2 } });
    await dial(tcpPort);
    await dial(tcpPort);
    const third = await dial(tcpPort);
    expect(await third.send(fire(1), 1000)).toBeNull();
    expect(third.closed).toBe(true);
    expect(receiver!.stats().tcp).toMatchObject({ rejected: 1 });
  });

  it('drops a client that starts a frame and never finishes it (slowloris) and idle clients', async () => {
    const { tcpPort } = await start(new MemoryAlarmStore(), { tcpLimits: { frameTimeoutMs: 200, idleTimeoutMs: 400 } });
    const slow = await dial(tcpPort);
    const f = fire(1);
    slow.socket.write(f.subarray(0, 10));
    const trickle = setInterval(() => slow.socket.write('0'), 50);
    cleanup.push(() => clearInterval(trickle));
    const idle = await dial(tcpPort);
    expect(await slow.next(1500)).toBeNull();
    expect(slow.closed).toBe(true);
    expect(await idle.next(1500)).toBeNull();
    expect(idle.closed).toBe(true);
    expect(receiver!.stats().tcp).toMatchObject({ slow: 1, timedOut: 1 });
  });

  it('drops oversized frames without buffering them', async () => {
    const { tcpPort } = await start(new MemoryAlarmStore(), { tcpLimits: { maxFrameBytes: 256 } });
    const d = await dial(tcpPort);
    d.socket.write(Buffer.concat([Buffer.from('\n0000'), Buffer.alloc(10_000, 0x41)]));
    expect(tokenOf(await d.send(fire(1)))).toBe('ACK');
    expect(receiver!.stats().tcp!.junkBytes).toBeGreaterThan(10_000);
  });

  it('serves many simultaneous connections', async () => {
    const { tcpPort, store } = await start();
    const dialers = await Promise.all(Array.from({ length: 100 }, () => dial(tcpPort)));
    const acks = await Promise.all(dialers.map((d, i) => d.send(fire(1, (0x1000 + i).toString(16).toUpperCase()))));
    expect(acks.every((a) => tokenOf(a) === 'ACK')).toBe(true);
    expect((store as MemoryAlarmStore).frames).toHaveLength(100);
  });
});

describe('alarm receiver over UDP', () => {
  it('answers each datagram to its sender, on the same port number as TCP', async () => {
    const { tcpPort, udpPort, store } = await start();
    expect(udpPort).toBe(tcpPort);
    const a = await UdpDialer.open(udpPort);
    const b = await UdpDialer.open(udpPort);
    cleanup.push(() => a.close(), () => b.close());
    const [ra, rb] = await Promise.all([a.send(fire(1, 'AAA1')), b.send(fire(2, 'BBB2'))]);
    expect(ra?.toString('latin1')).toContain('"ACK"0001R1L1#AAA1[]');
    expect(rb?.toString('latin1')).toContain('"ACK"0002R1L1#BBB2[]');
    expect(tokenOf(await a.send(fire(1, 'AAA1')))).toBe('ACK'); // duplicate: ACKed again, stored once
    expect((store as MemoryAlarmStore).frames).toHaveLength(2);
  });
  it('accepts a datagram without LF/CR and answers none of the negative vectors', async () => {
    const { udpPort } = await start();
    const d = await UdpDialer.open(udpPort);
    cleanup.push(() => d.close());
    for (const v of loadVectors('negative')) expect(await d.send(bytesOf(v), 150), v.id).toBeNull();
    const f = fire(3);
    expect(tokenOf(await d.send(f.subarray(1, f.length - 1)))).toBe('ACK');
  });
});

describe('receiver lifecycle', () => {
  it('stops cleanly with connections open', async () => {
    const { tcpPort } = await start();
    await dial(tcpPort);
    await receiver!.stop();
    receiver = null;
    await expect(new Promise((resolve, reject) => net.connect(tcpPort, '127.0.0.1').once('connect', resolve).once('error', reject))).rejects.toThrow();
  });
});
