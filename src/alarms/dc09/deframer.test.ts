import { describe, expect, it } from 'vitest';
import { Dc09Deframer, splitDatagram, type DeframeItem } from './deframer.ts';
import { parseFrame } from './frame-parser.ts';
import { bytesOf, loadVectors } from './test-vectors.ts';

const lfFrames = [...loadVectors('strict'), ...loadVectors('derived')].map(bytesOf).filter((b) => b[0] === 0x0a);
const noLfFrames = loadVectors('strict').map(bytesOf).filter((b) => b[0] !== 0x0a);

function feed(chunks: Uint8Array[], max?: number): DeframeItem[] {
  const d = new Dc09Deframer(max);
  return chunks.flatMap((c) => d.push(c));
}
const framesOf = (items: DeframeItem[]) =>
  items.filter((i): i is Extract<DeframeItem, { type: 'frame' }> => i.type === 'frame').map((i) => i.bytes.toString('hex'));
const strip = (b: Buffer) => b.subarray(b[0] === 0x0a ? 1 : 0, b[b.length - 1] === 0x0d ? b.length - 1 : b.length).toString('hex');

describe('TCP deframer', () => {
  it('a frame split at every byte offset still parses once', () => {
    for (const frame of lfFrames) {
      for (let i = 0; i <= frame.length; i++) {
        const items = feed([frame.subarray(0, i), frame.subarray(i)]);
        expect(items).toEqual([{ type: 'frame', bytes: expect.any(Buffer) }]);
        expect(framesOf(items)).toEqual([strip(frame)]);
        expect(parseFrame((items[0] as { bytes: Buffer }).bytes).ok).toBe(true);
      }
    }
  });

  it('coalesced frames (all vectors in one stream) split at every point give the same frames', () => {
    const stream = Buffer.concat([...lfFrames, ...noLfFrames, lfFrames[0]!]);
    const expected = [...lfFrames, ...noLfFrames, lfFrames[0]!].map(strip);
    expect(framesOf(feed([stream]))).toEqual(expected);
    for (let i = 0; i <= stream.length; i++) {
      expect(framesOf(feed([stream.subarray(0, i), stream.subarray(i)]))).toEqual(expected);
    }
  });

  it('one byte at a time gives the same frames', () => {
    const stream = Buffer.concat([...lfFrames, ...noLfFrames]);
    const chunks = [...stream].map((b) => Uint8Array.of(b));
    expect(framesOf(feed(chunks))).toEqual([...lfFrames, ...noLfFrames].map(strip));
  });

  it('frames without LF/CR are delimited by their length field', () => {
    const [a, b] = noLfFrames;
    expect(framesOf(feed([Buffer.concat([a!, b!, Buffer.from('\r'), a!])]))).toEqual([a, b, a].map((x) => strip(x!)));
  });

  it('skips garbage between frames and reports it', () => {
    const items = feed([Buffer.concat([Buffer.from('hello'), lfFrames[0]!, Buffer.from([0x00, 0xff]), lfFrames[1]!])]);
    expect(framesOf(items)).toEqual([strip(lfFrames[0]!), strip(lfFrames[1]!)]);
    expect(items.filter((i) => i.type === 'junk')).toEqual([
      { type: 'junk', reason: 'garbage', bytes: 5 },
      { type: 'junk', reason: 'garbage', bytes: 2 },
    ]);
  });

  it('drops a truncated frame and resynchronises on the next LF', () => {
    const truncated = lfFrames[0]!.subarray(0, 20);
    const items = feed([Buffer.concat([truncated, lfFrames[1]!])]);
    expect(framesOf(items)).toEqual([strip(lfFrames[1]!)]);
    expect(items[0]).toEqual({ type: 'junk', reason: 'truncated', bytes: 20 });
  });

  it('drops an oversized frame, skips to the next LF, and keeps memory bounded', () => {
    const d = new Dc09Deframer(100);
    const items: DeframeItem[] = [];
    items.push(...d.push(Buffer.from('\n0000')));
    for (let i = 0; i < 100; i++) {
      items.push(...d.push(Buffer.alloc(50, 0x41)));
      expect(d.bufferedBytes).toBeLessThanOrEqual(152);
    }
    items.push(...d.push(lfFrames[0]!));
    expect(items.map((i) => i.type)).toEqual(['junk', 'frame']);
    expect(items[0]).toMatchObject({ reason: 'too-large' });
  });

  it('reports whether a frame is in progress (for slow-client detection)', () => {
    const d = new Dc09Deframer();
    d.push(lfFrames[0]!.subarray(0, 10));
    expect(d.inFrame).toBe(true);
    d.push(lfFrames[0]!.subarray(10));
    expect(d.inFrame).toBe(false);
  });
});

describe('UDP datagrams', () => {
  it('accept one frame with or without LF/CR', () => {
    for (const f of [...lfFrames, ...noLfFrames]) expect(framesOf(splitDatagram(f))).toEqual([strip(f)]);
  });
  it('split several LF/CR frames in one datagram and report a truncated tail', () => {
    const items = splitDatagram(Buffer.concat([lfFrames[0]!, lfFrames[1]!, lfFrames[2]!.subarray(0, 9)]));
    expect(framesOf(items)).toEqual([strip(lfFrames[0]!), strip(lfFrames[1]!)]);
    expect(items.at(-1)).toMatchObject({ type: 'junk', reason: 'truncated' });
  });
  it('reject an oversized datagram', () => {
    expect(splitDatagram(Buffer.alloc(5000, 0x41), 4096)).toEqual([{ type: 'junk', reason: 'too-large', bytes: 5000 }]);
  });
});
