import { describe, expect, it } from 'vitest';
import { parseKey, stripPad, decrypt } from './crypto.ts';
import { interpret } from './events.ts';
import { wrapBody } from './frame-builder.ts';
import { decryptContent, parseFrame } from './frame-parser.ts';
import { bytesOf, loadVectors, type Vector } from './test-vectors.ts';
import type { ParsedFrame } from './types.ts';

const keyOf = (v: Vector) => {
  const k = parseKey(v.key!, v.keyFormat!);
  if (!k.ok) throw new Error(k.error);
  return k.value;
};

function expectComputedFields(f: ParsedFrame, c: Record<string, unknown>) {
  expect(f.token).toBe(c.idToken);
  expect(f.encrypted).toBe(c.encrypted);
  expect(f.sequence).toBe(c.sequence);
  expect(f.receiver).toBe(c.receiver ?? null);
  if (f.token === 'NAK') {
    // The vectors' computed fields read `L0A0` greedily as a line; the NAK form is line 0 + account field A0.
    expect([f.line, f.account]).toEqual(['0', 'A0']);
  } else {
    expect(f.line).toBe(c.linePrefix ?? null);
    expect(f.account).toBe(c.account ?? null);
  }
  expect(f.crcField).toBe(c.crcField);
  expect(f.lengthField).toBe(c.lengthField);
}

describe('strict vectors (third-party frames with valid CRC and length)', () => {
  for (const v of loadVectors('strict')) {
    it(`accepts ${v.id} with the expected fields`, () => {
      const r = parseFrame(bytesOf(v));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.intact).toBe(true);
      expectComputedFields(r.value, v.computed!);
      const content = r.value.encrypted ? decryptContent(r.value, keyOf(v)) : { ok: true as const, value: r.value.content! };
      expect(content.ok).toBe(true);
      if (!content.ok) return;
      expect(content.value.data).toBe(v.computed!.data);
      expect(content.value.extended).toEqual(v.computed!.extended);
      expect(content.value.timestamp).toBe(v.computed!.timestamp);
    });
  }

  it('reads the NULL with an ADM-CID-like body as a link test carrying no event', () => {
    const v = loadVectors('strict').find((x) => x.id === 'py-null-adm-style')!;
    const r = parseFrame(bytesOf(v));
    if (!r.ok) throw new Error('parse failed');
    expect(interpret(r.value.token, r.value.content!)).toMatchObject({ ok: true, events: [] });
  });
});

describe('derived vectors', () => {
  for (const v of loadVectors('derived')) {
    it(`accepts ${v.id}: ${v.description}`, () => {
      const r = parseFrame(bytesOf(v));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const c = v.computed!;
      expectComputedFields(r.value, c);
      let content = r.value.content;
      if (r.value.encrypted) {
        const key = keyOf(v);
        const d = decryptContent(r.value, key);
        expect(d.ok).toBe(true);
        if (!d.ok) return;
        content = d.value;
        const plain = decrypt(r.value.ciphertextHex!, key)!;
        expect(plain.toString('hex').toUpperCase()).toBe(c.plaintextHex);
        const rest = stripPad(plain)!;
        expect(plain.length - rest.length - 1).toBe(c.padLength);
        expect(plain.subarray(0, c.padLength as number).toString('hex').toUpperCase()).toBe(c.padHex);
      }
      expect(content!.data).toBe(c.data);
      expect(content!.extended).toEqual(c.extended);
      expect(content!.timestamp).toBe(c.timestamp);

      const e = v.expected ?? {};
      if (e.siaCode || e.siaEquivalent) {
        const ev = interpret(r.value.token, content!);
        expect(ev.ok).toBe(true);
        if (!ev.ok) return;
        expect(ev.events).toHaveLength(1);
        const event = ev.events[0]!;
        if (e.siaCode) expect(event.code).toBe(e.siaCode);
        if (e.zone) expect(event.zone).toBe(e.zone);
        if (e.area) expect(event.area).toBe(e.area);
        if (e.timestamp) expect(event.eventTime?.toISOString().replace('.000', '')).toBe(e.timestamp);
        if (e.qualifier) {
          expect(event.cidCode).toBe(`${e.qualifier}${e.eventCode}`);
          expect(event.area).toBe(e.partition);
          expect(event.zone).toBe(e.zoneOrUser);
          expect(event.qualifier).toBe({ '1': 'new', '3': 'restore', '6': 'status' }[e.qualifier]);
          // Qualifier 6 has no entry in the mapping; it reports a condition still present, mapped like a new event.
          expect(event.code).toBe(e.qualifier === '6' ? 'FA' : e.siaEquivalent);
        }
      }
    });
  }

  it('does not decrypt with a wrong key, nor with the other key convention', () => {
    const v = loadVectors('derived').find((x) => x.id === 'dv-enc-hexkey-aes128')!;
    const r = parseFrame(bytesOf(v));
    if (!r.ok) throw new Error('parse failed');
    const wrong = Buffer.from('000102030405060708090A0B0C0D0E0E', 'hex');
    expect(decryptContent(r.value, wrong)).toMatchObject({ ok: false, error: { code: 'DECRYPT_FAILED' } });
    const asAscii = parseKey('000102030405060708090A0B0C0D0E0F', 'ascii');
    expect(asAscii.ok).toBe(true); // 32 ASCII chars = a valid AES-256 key, but not this account's
    if (asAscii.ok) expect(decryptContent(r.value, asAscii.value).ok).toBe(false);
  });
});

describe('negative vectors', () => {
  for (const v of loadVectors('negative')) {
    it(`rejects ${v.id}`, () => {
      const r = parseFrame(bytesOf(v));
      expect(r.ok).toBe(false);
    });
  }
  it('names the reason', () => {
    const codes = Object.fromEntries(loadVectors('negative').map((v) => {
      const r = parseFrame(bytesOf(v));
      return [v.id, r.ok ? 'ok' : r.error.code];
    }));
    expect(codes).toMatchObject({
      'dv-bad-crc': 'BAD_CRC',
      'dv-bad-length': 'BAD_LENGTH',
      'dv-decimal-length': 'BAD_LENGTH',
      'dv-ccitt-crc': 'BAD_CRC',
      'py-garbage': 'BAD_HEADER',
    });
  });
});

describe('lenient vectors (wrong length/CRC or not DC-09)', () => {
  const vectors = loadVectors('lenient');
  for (const v of vectors) {
    const intact = v.computed?.crcValid === true && v.computed?.lengthValid === true;
    it(`${intact ? 'accepts' : 'rejects'} ${v.id} in strict mode`, () => {
      expect(parseFrame(bytesOf(v)).ok).toBe(intact);
    });
  }
  for (const v of vectors.filter((x) => x.expectedBySource?.code)) {
    it(`reads ${v.id} in diagnostic mode as the source does (never intact unless it is)`, () => {
      const r = parseFrame(bytesOf(v), { mode: 'lenient' });
      if (v.id === 'py-oh-heartbeat') {
        expect(r.ok).toBe(false); // Osborne-Hoffman heartbeat: not DC-09
        return;
      }
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.intact).toBe(v.computed!.crcValid === true && v.computed!.lengthValid === true);
      const ev = interpret(r.value.token, r.value.content!);
      expect(ev.ok).toBe(true);
      if (!ev.ok) return;
      expect(ev.events[0]!.code).toBe(v.expectedBySource!.code);
      expect(r.value.account ?? ev.dataAccount).toBe(v.expectedBySource!.account);
    });
  }
});

describe('frame parser edge cases', () => {
  it('accepts lower-case hex in CRC, length, receiver and ciphertext', () => {
    const v = loadVectors('derived').find((x) => x.id === 'dv-enc-null')!;
    const body = v.raw.slice(9, -1).replace('R0', 'Rc0ffd').replace(/\[([0-9A-F]+)$/, (_, h: string) => `[${h.toLowerCase()}`);
    const framed = wrapBody(Buffer.from(body, 'latin1')).toString('latin1');
    const lowerHeader = framed.slice(0, 9).toLowerCase() + framed.slice(9);
    expect(lowerHeader.slice(1, 9)).toMatch(/[a-f]/);
    const r = parseFrame(Buffer.from(lowerHeader, 'latin1'));
    expect(r).toMatchObject({ ok: true, value: { receiver: 'c0ffd', encrypted: true } });
    if (r.ok) expect(decryptContent(r.value, keyOf(v)).ok).toBe(true);
  });
  it('rejects an encrypted body that is not whole AES blocks', () => {
    const r = parseFrame(wrapBody(Buffer.from('"*SIA-DCS"0001L0#1234[ABCD', 'latin1')));
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_CIPHERTEXT', header: { account: '1234' } } });
  });
  it('rejects trailing bytes after the timestamp and malformed timestamps', () => {
    expect(parseFrame(wrapBody(Buffer.from('"NULL"0000L0#1234[]_01:02:03,01-15-2026x')))).toMatchObject({ ok: false });
    expect(parseFrame(wrapBody(Buffer.from('"NULL"0000L0#1234[]_25:02:03,01-15-2026')))).toMatchObject({
      ok: false,
      error: { code: 'BAD_TIMESTAMP' },
    });
    expect(parseFrame(wrapBody(Buffer.from('"NULL"0000L0#1234[]_01:02:03,02-30-2026'))).ok).toBe(false);
  });
  it('counts the length in bytes, not characters (UTF-8 text in extended data)', () => {
    const f = wrapBody(Buffer.from('"SIA-DCS"0001L0#1234[Nri1/FA001][LTầng 3 — kho]', 'utf8'));
    const r = parseFrame(f);
    expect(r).toMatchObject({ ok: true, value: { content: { extended: ['LTầng 3 — kho'] } } });
  });
  it('keeps an unknown token (answered with DUH by the receiver)', () => {
    expect(parseFrame(wrapBody(Buffer.from('"FOO-BAR"0001L0#1234[]')))).toMatchObject({ ok: true, value: { token: 'FOO-BAR' } });
  });
  it('rejects an account field that is not 3-16 hex digits', () => {
    expect(parseFrame(wrapBody(Buffer.from('"NULL"0000L0#12[]'))).ok).toBe(false);
    expect(parseFrame(wrapBody(Buffer.from('"NULL"0000L0#12345678901234567[]'))).ok).toBe(false);
  });
});
