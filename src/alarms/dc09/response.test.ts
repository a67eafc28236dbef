import { describe, expect, it } from 'vitest';
import { parseKey } from './crypto.ts';
import { buildFrame } from './frame-builder.ts';
import { decryptContent, parseFrame } from './frame-parser.ts';
import { buildAck, buildDuh, buildNak } from './response.ts';
import { bytesOf, loadVectors } from './test-vectors.ts';

const derived = loadVectors('derived');
const byId = (id: string) => [...derived, ...loadVectors('strict')].find((v) => v.id === id)!;
const header = (id: string) => {
  const r = parseFrame(bytesOf(byId(id)));
  if (!r.ok) throw new Error(`${id}: ${r.error.code}`);
  return r.value;
};
const NOW = new Date('2026-01-15T01:02:03Z');

describe('responses', () => {
  it('ACK echoes sequence, receiver, line and account, byte-exact', () => {
    expect(buildAck(header('dv-sia-fa'), { now: NOW }).toString('hex').toUpperCase()).toBe(byId('dv-ack-for-dv-sia-fa').rawHex);
  });
  it('DUH echoes the routing, byte-exact', () => {
    expect(buildDuh(header('dv-sia-fa')).toString('hex').toUpperCase()).toBe(byId('dv-duh-for-unknown').rawHex);
  });
  it('NAK has the fixed routing and the receiver time, byte-exact', () => {
    expect(buildNak(NOW).toString('hex').toUpperCase()).toBe(byId('dv-nak-timestamp').rawHex);
    const later = new Date('2025-09-24T16:20:01Z');
    expect(buildNak(later).toString('hex').toUpperCase()).toBe(byId('fi-parse-nak').rawHex);
  });
  it('ACK to an encrypted request is *ACK, encrypted with the account key and carrying the receiver time', () => {
    for (const id of ['dv-enc-hexkey-aes128', 'dv-enc-asciikey-24', 'dv-enc-hexkey-aes256', 'py-null-enc-asciikey']) {
      const v = byId(id);
      const key = parseKey(v.key!, v.keyFormat!);
      if (!key.ok) throw new Error(key.error);
      const ack = buildAck(header(id), { now: NOW, key: key.value });
      expect(ack.toString('latin1')).toMatch(/^\n[0-9A-F]{8}"\*ACK"/);
      const p = parseFrame(ack);
      expect(p).toMatchObject({ ok: true, value: { token: 'ACK', encrypted: true, sequence: header(id).sequence } });
      if (!p.ok) return;
      const content = decryptContent(p.value, key.value);
      expect(content).toEqual({ ok: true, value: { data: '', extended: [], timestamp: '01:02:03,01-15-2026' } });
    }
  });
  it('refuses to build an ACK for an encrypted request without the key', () => {
    expect(() => buildAck(header('dv-enc-null'), { now: NOW })).toThrow();
  });
  it('optionally adds the receiver time to an unencrypted ACK', () => {
    const ack = buildAck(header('dv-sia-fa'), { now: NOW, timestamp: true }).toString('latin1');
    expect(ack).toMatch(/"ACK"0001R1L1#1234\[\]_01:02:03,01-15-2026\r$/);
  });
  it('echoes the account from the data block when the header had none', () => {
    const ack = buildAck({ token: 'SIA-DCS', encrypted: false, sequence: '4738', receiver: '0001', line: '0001', account: null }, {
      now: NOW,
      account: '006969',
    });
    expect(ack.toString('latin1')).toContain('"ACK"4738R0001L0001#006969[]');
  });
});

describe('frame builder', () => {
  it('rebuilds every encrypted vector byte-exact given its pad', () => {
    const encrypted = [...derived, byId('py-null-enc-asciikey')].filter((v) => v.key && (v.computed as { encrypted?: boolean }).encrypted);
    expect(encrypted.length).toBeGreaterThanOrEqual(9);
    for (const v of encrypted) {
      const c = v.computed as Record<string, string | null>;
      const key = parseKey(v.key!, v.keyFormat!);
      if (!key.ok) throw new Error(key.error);
      const frame = buildFrame({
        token: c.idToken!,
        sequence: c.sequence!,
        receiver: c.receiver ?? null,
        line: c.linePrefix ?? null,
        account: c.account ?? null,
        data: c.data!,
        timestamp: c.timestamp!,
        key: key.value,
        encryption: { pad: () => Buffer.from(c.padHex!, 'hex'), pipe: c.padTerminator === '|' },
      });
      const raw = bytesOf(v);
      // Frames without LF/CR in the vector: compare the part between them.
      const expected = raw[0] === 0x0a ? raw : Buffer.concat([Buffer.from('\n'), raw, Buffer.from('\r')]);
      expect(frame.toString('hex').toUpperCase(), v.id).toBe(expected.toString('hex').toUpperCase());
    }
  });
  it('rebuilds every unencrypted derived message byte-exact', () => {
    for (const v of derived.filter((x) => !x.key && ['SIA-DCS', 'ADM-CID', 'NULL'].includes(String(x.computed?.idToken)))) {
      const c = v.computed as Record<string, string | null>;
      const frame = buildFrame({
        token: c.idToken!,
        sequence: c.sequence!,
        receiver: c.receiver ?? null,
        line: c.linePrefix ?? null,
        account: c.account ?? null,
        data: c.data!,
        timestamp: c.timestamp,
      });
      expect(frame.toString('hex').toUpperCase(), v.id).toBe(v.rawHex);
    }
  });
  it('pads to 16 bytes when the content is already a multiple of 16', () => {
    const key = Buffer.alloc(16, 7);
    const f = buildFrame({ token: 'SIA-DCS', sequence: 5, line: '0', account: '1234', data: 'Nri1/FA001', timestamp: NOW, key });
    const p = parseFrame(f);
    expect(p.ok && p.value.ciphertextHex!.length).toBe(96); // 16 pad + 32 content = 48 bytes
  });
});
