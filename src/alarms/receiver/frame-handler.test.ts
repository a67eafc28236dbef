import { describe, expect, it } from 'vitest';
import { parseKey } from '../dc09/crypto.ts';
import { buildFrame } from '../dc09/frame-builder.ts';
import { decryptContent, parseFrame } from '../dc09/frame-parser.ts';
import { bytesOf, loadVectors } from '../dc09/test-vectors.ts';
import { decide, DEFAULT_HANDLER_OPTIONS, inspect, type Decision, type HandlerOptions } from './frame-handler.ts';
import type { AlarmAccountInfo } from './ports.ts';

const vectors = [...loadVectors('strict'), ...loadVectors('derived'), ...loadVectors('negative'), ...loadVectors('lenient')];
const byId = (id: string) => vectors.find((v) => v.id === id)!;
const NOW = new Date('2026-01-15T01:02:10Z');

function run(bytes: Uint8Array, info: AlarmAccountInfo | null | 'auto' = null, now = NOW, options: Partial<HandlerOptions> = {}): Decision | { kind: 'duh-early' } {
  const ins = inspect(bytes, 4096);
  if (ins.kind === 'ignore') return ins;
  if (ins.kind === 'duh') return { kind: 'duh-early' };
  return decide({ frame: ins.frame, account: ins.account, info: info === 'auto' ? null : info, now, transport: 'tcp', remoteAddr: null, options: { ...DEFAULT_HANDLER_OPTIONS, ...options } });
}
const accountFor = (id: string): AlarmAccountInfo => {
  const v = byId(id);
  return { account: String(v.computed!.account), key: v.key, keyFormat: v.keyFormat ?? 'hex', enabled: true };
};

describe('receiver decisions', () => {
  it('commits a plain SIA-DCS fire alarm and answers with the byte-exact ACK', () => {
    const d = run(bytesOf(byId('dv-sia-fa')));
    expect(d).toMatchObject({ kind: 'commit', frame: { account: '1234', sequence: '0001', token: 'SIA-DCS', events: [{ code: 'FA', zone: '001' }] } });
    if (d.kind === 'commit') expect(d.ack.toString('hex').toUpperCase()).toBe(byId('dv-ack-for-dv-sia-fa').rawHex);
  });

  it('commits every encrypted vector with the account key (both key conventions) and answers *ACK', () => {
    for (const id of ['dv-enc-hexkey-aes128', 'dv-enc-hexkey-aes192', 'dv-enc-hexkey-aes256', 'dv-enc-asciikey-16', 'dv-enc-asciikey-24', 'dv-enc-asciikey-32', 'dv-enc-16pad']) {
      const d = run(bytesOf(byId(id)), accountFor(id));
      expect(d, id).toMatchObject({ kind: 'commit', frame: { encrypted: true, events: [{ code: 'FA' }] } });
      if (d.kind !== 'commit') continue;
      expect(d.frame.plaintext).toContain('Nri1/FA001');
      const ack = parseFrame(d.ack);
      expect(ack).toMatchObject({ ok: true, value: { token: 'ACK', encrypted: true } });
      const key = parseKey(byId(id).key!, byId(id).keyFormat!);
      if (ack.ok && key.ok) expect(decryptContent(ack.value, key.value)).toMatchObject({ ok: true, value: { timestamp: '01:02:10,01-15-2026' } });
    }
  });

  it('accepts both encrypted NULL forms (with and without | after the pad)', () => {
    expect(run(bytesOf(byId('dv-enc-null')), accountFor('dv-enc-null'))).toMatchObject({ kind: 'commit', frame: { token: 'NULL', events: [] } });
    const py = run(bytesOf(byId('py-null-enc-asciikey')), accountFor('py-null-enc-asciikey'), new Date('2020-07-05T18:25:00Z'));
    expect(py).toMatchObject({ kind: 'commit', frame: { token: 'NULL', account: 'AAAB' } });
  });

  it('answers NAK with the receiver time when the timestamp is outside the window', () => {
    const late = run(bytesOf(byId('dv-sia-fa')), null, new Date('2026-01-15T01:02:44Z'));
    expect(late).toMatchObject({ kind: 'reply', reason: 'nak-timestamp', detail: 'too-old' });
    if (late.kind === 'reply') expect(late.response.toString('latin1')).toMatch(/"NAK"0000R0L0A0\[\]_01:02:44,01-15-2026\r$/);
    expect(run(bytesOf(byId('dv-sia-fa')), null, new Date('2026-01-15T01:01:42Z'))).toMatchObject({ kind: 'reply', detail: 'too-new' });
    expect(run(bytesOf(byId('dv-sia-fa')), null, new Date('2026-01-15T01:02:43Z'))).toMatchObject({ kind: 'commit' });
    const enc = run(bytesOf(byId('dv-enc-hexkey-aes128')), accountFor('dv-enc-hexkey-aes128'), new Date('2026-01-16T00:00:00Z'));
    expect(enc).toMatchObject({ kind: 'reply', reason: 'nak-timestamp' });
  });

  it('can skip the timestamp check for unencrypted messages', () => {
    const d = run(bytesOf(byId('dv-sia-fa')), null, new Date('2030-01-01T00:00:00Z'), { checkUnencryptedTimestamp: false });
    expect(d).toMatchObject({ kind: 'commit' });
  });

  it('answers DUH to what it cannot handle', () => {
    const duh = { kind: 'reply', reason: 'duh' };
    expect(run(bytesOf(byId('dv-enc-hexkey-aes128')), null)).toMatchObject({ ...duh, detail: 'unknown account' });
    expect(run(bytesOf(byId('dv-enc-hexkey-aes128')), { ...accountFor('dv-enc-hexkey-aes128'), key: 'AAAAAAAAAAAAAAAA', keyFormat: 'ascii' })).toMatchObject(duh);
    expect(run(bytesOf(byId('dv-enc-hexkey-aes128')), { ...accountFor('dv-enc-hexkey-aes128'), key: null })).toMatchObject(duh);
    expect(run(bytesOf(byId('dv-sia-fa')), { ...accountFor('dv-sia-fa'), enabled: false })).toMatchObject({ ...duh, detail: 'account disabled' });
    expect(run(bytesOf(byId('dv-sia-fa')), null, NOW, { acceptUnknownAccounts: false })).toMatchObject(duh);
    expect(run(bytesOf(byId('dv-ack-for-dv-sia-fa')))).toMatchObject(duh);
    expect(run(buildFrame({ token: 'SIA-DCS', sequence: 7, line: '0', account: '1234', data: '#1234|hello' }))).toMatchObject(duh);
    expect(run(buildFrame({ token: 'ADM-CID', sequence: 7, line: '0', account: '1234', data: '2110 01 015' }))).toMatchObject(duh);
    const d = run(bytesOf(byId('dv-ack-for-dv-sia-fa')));
    if (d.kind === 'reply') expect(d.response.toString('latin1')).toContain('"DUH"0001R1L1#1234[]');
  });

  it('answers DUH to an intact frame whose body cannot be read', () => {
    expect(run(buildFrame({ token: 'SIA-DCS', sequence: 1, account: '1234', data: 'Nri1/FA001', extended: ['X['] }))).toEqual({ kind: 'duh-early' });
  });

  it('sends nothing for a bad CRC or length, garbage, or a frame with wrong length in strict mode', () => {
    for (const v of loadVectors('negative')) expect(run(bytesOf(v)).kind, v.id).toBe('ignore');
    for (const v of loadVectors('lenient').filter((x) => !(x.computed?.crcValid && x.computed?.lengthValid))) {
      expect(run(bytesOf(v)).kind, v.id).toBe('ignore');
    }
  });

  it('takes the account from the data block when the header has none', () => {
    const f = buildFrame({ token: 'SIA-DCS', sequence: 4738, receiver: '0001', line: '0001', data: '#006969|Nri04/OP001' });
    const d = run(f, null, NOW);
    expect(d).toMatchObject({ kind: 'commit', frame: { account: '006969' } });
    if (d.kind === 'commit') expect(d.ack.toString('latin1')).toContain('"ACK"4738R0001L0001#006969[]');
  });
});
