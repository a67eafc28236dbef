import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc16Arc } from './crc.ts';
import { Dc09Deframer, splitDatagram, type DeframeItem } from './deframer.ts';
import { interpret } from './events.ts';
import { buildFrame, type FrameSpec } from './frame-builder.ts';
import { decryptContent, parseFrame } from './frame-parser.ts';
import { bytesOf, loadVectors } from './test-vectors.ts';

const valid = [...loadVectors('strict'), ...loadVectors('derived')].map(bytesOf);
const RUNS = { numRuns: 400 };

/** A strict accept is legitimate only when the CRC and length fields match the body. */
function assertLegit(input: Uint8Array) {
  const r = parseFrame(input);
  if (!r.ok) return;
  let s = 0;
  let e = input.length;
  if (input[0] === 0x0a) s++;
  if (e > s && input[e - 1] === 0x0d) e--;
  const b = Buffer.from(input.subarray(s, e));
  expect(parseInt(b.toString('latin1', 0, 4), 16)).toBe(crc16Arc(b, 8));
  expect(parseInt(b.toString('latin1', 4, 8), 16)).toBe(b.length - 8);
}

const frameArb = fc.constantFrom(...valid);
/** Mutations of valid frames: byte flips, insertions, deletions. */
const mutatedArb = fc
  .tuple(frameArb, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'ins', 'del')), { minLength: 1, maxLength: 4 }))
  .map(([f, muts]) => {
    let b = Buffer.from(f);
    for (const [pos, val, op] of muts) {
      const i = pos % (b.length + 1);
      if (op === 'set' && i < b.length) b[i] = val;
      else if (op === 'ins') b = Buffer.concat([b.subarray(0, i), Buffer.of(val), b.subarray(i)]);
      else if (op === 'del' && i < b.length) b = Buffer.concat([b.subarray(0, i), b.subarray(i + 1)]);
    }
    return b;
  });

describe('parser fuzzing', () => {
  it('never throws and never accepts a frame whose CRC or length is wrong (random bytes)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(() => parseFrame(bytes)).not.toThrow();
        expect(() => parseFrame(bytes, { mode: 'lenient' })).not.toThrow();
        assertLegit(bytes);
      }),
      RUNS,
    );
  });

  it('never throws and never accepts a wrong CRC/length (mutated valid frames)', () => {
    fc.assert(
      fc.property(mutatedArb, (bytes) => {
        expect(() => parseFrame(bytes, { mode: 'lenient' })).not.toThrow();
        assertLegit(bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects any single changed byte in the body (CRC-16 catches every 1-byte error)', () => {
    fc.assert(
      fc.property(frameArb, fc.nat(), fc.integer({ min: 1, max: 255 }), (f, pos, delta) => {
        const lf = f[0] === 0x0a ? 1 : 0;
        const bodyStart = lf + 8;
        const bodyEnd = f[f.length - 1] === 0x0d ? f.length - 1 : f.length;
        const i = bodyStart + (pos % (bodyEnd - bodyStart));
        const b = Buffer.from(f);
        b[i] = (b[i]! + delta) & 0xff;
        if (b[i] === 0x0d || b[i] === 0x0a) return; // would change the framing, covered above
        expect(parseFrame(b).ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('decrypting with random keys never throws and never yields content without the DC-09 layout', () => {
    const enc = valid.map((b) => parseFrame(b)).flatMap((r) => (r.ok && r.value.encrypted ? [r.value] : []));
    fc.assert(
      fc.property(fc.constantFrom(...enc), fc.constantFrom(16, 24, 32).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })), (f, key) => {
        const r = decryptContent(f, key);
        if (r.ok) expect(r.value.timestamp).toMatch(/^\d\d:\d\d:\d\d,\d\d-\d\d-\d{4}$/);
      }),
      RUNS,
    );
  });

  it('interpreting any data block never throws', () => {
    fc.assert(
      fc.property(fc.constantFrom('SIA-DCS', 'ADM-CID', 'NULL', 'X'), fc.string({ maxLength: 80 }), (token, data) => {
        expect(() => interpret(token, { data, extended: [], timestamp: null })).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});

describe('deframer fuzzing', () => {
  const streamArb = fc.array(fc.oneof(frameArb, mutatedArb, fc.uint8Array({ maxLength: 40 })), { maxLength: 8 }).map((parts) => Buffer.concat(parts));
  const itemsOf = (stream: Buffer, cuts: number[]): DeframeItem[] => {
    const d = new Dc09Deframer(512);
    const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
    const out: DeframeItem[] = [];
    let prev = 0;
    for (const p of [...points, stream.length]) {
      out.push(...d.push(stream.subarray(prev, p)));
      prev = p;
    }
    return out;
  };

  it('gives the same frames however the stream is chunked, and never hangs or throws', () => {
    fc.assert(
      fc.property(streamArb, fc.array(fc.nat(), { maxLength: 12 }), (stream, cuts) => {
        const whole = itemsOf(stream, []).filter((i) => i.type === 'frame');
        const chunked = itemsOf(stream, cuts).filter((i) => i.type === 'frame');
        expect(chunked).toEqual(whole);
        for (const f of whole) expect((f as { bytes: Buffer }).bytes.length).toBeLessThanOrEqual(512);
      }),
      { numRuns: 1000 },
    );
  });

  it('loses no valid frame that follows garbage ending in LF-free bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }).map((g) => g.map((b) => (b === 0x0a ? 0x20 : b))), frameArb, (garbage, f) => {
        if (f[0] !== 0x0a) return;
        const items = new Dc09Deframer().push(Buffer.concat([garbage, f]));
        expect(items.filter((i) => i.type === 'frame').length).toBeGreaterThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it('splitDatagram never throws', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (d) => void splitDatagram(d)), RUNS);
  });
});

describe('round trip: build -> parse', () => {
  const hex = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9A-F]{${min},${max}}$`));
  const text = fc.stringMatching(/^[A-Za-z0-9 .,:;/^#|-]{0,40}$/);
  const specArb: fc.Arbitrary<FrameSpec> = fc.record({
    token: fc.constantFrom('SIA-DCS', 'ADM-CID', 'NULL'),
    sequence: fc.integer({ min: 0, max: 9999 }),
    receiver: fc.option(hex(1, 6), { nil: null }),
    line: fc.option(hex(1, 6), { nil: null }),
    account: fc.option(hex(3, 16), { nil: null }),
    data: text,
    extended: fc.array(fc.stringMatching(/^[A-Z][A-Za-z0-9 .]{0,20}$/), { maxLength: 3 }),
    timestamp: fc.option(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), { nil: null }),
    key: fc.option(fc.constantFrom(16, 24, 32).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })), { nil: null }),
  });

  it('every built frame parses back strictly to the same fields', () => {
    fc.assert(
      fc.property(specArb, (spec0) => {
        const spec = { ...spec0, timestamp: spec0.key ? (spec0.timestamp ?? new Date(0)) : spec0.timestamp };
        const r = parseFrame(buildFrame(spec));
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const f = r.value;
        expect([f.token, f.encrypted, Number(f.sequence), f.receiver, f.line, f.account]).toEqual([
          spec.token, !!spec.key, spec.sequence, spec.receiver, spec.line, spec.account,
        ]);
        const content = spec.key ? decryptContent(f, spec.key) : { ok: true as const, value: f.content! };
        expect(content.ok).toBe(true);
        if (!content.ok) return;
        expect(content.value.data).toBe(spec.data);
        expect(content.value.extended).toEqual(spec.extended);
        expect(content.value.timestamp === null).toBe(spec.timestamp === null);
      }),
      { numRuns: 500 },
    );
  });
});
