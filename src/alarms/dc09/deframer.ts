/**
 * Cuts a TCP byte stream into DC-09 frames, wherever the stream was split or coalesced.
 *
 * - `LF ... CR`: the usual form; the frame is everything between LF and the first CR. A body never contains LF or
 *   CR, so a second LF before the CR means the first frame was truncated: it is dropped and framing restarts there.
 * - No LF (some panels omit LF/CR): when the bytes start with 8 hex digits and a quote, the 4-hex-digit length field
 *   delimits the frame; a CR right after it is consumed.
 * - Any other byte is junk (skipped up to the next LF or hex digit, where a frame could start). A frame longer than
 *   `maxFrameBytes` is junk, and so is everything after it up to the next LF.
 *
 * Every decision depends on the bytes only, never on where the chunks were split (tested on every split point).
 * Never throws; memory is bounded by `maxFrameBytes` plus one chunk.
 */
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

export type DeframeItem =
  | { type: 'frame'; bytes: Buffer }
  | { type: 'junk'; reason: 'garbage' | 'truncated' | 'too-large'; bytes: number };

const isHex = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);

export const DEFAULT_MAX_FRAME_BYTES = 4096;

export class Dc09Deframer {
  private buf: Buffer = Buffer.alloc(0);
  /** In skip mode everything is discarded up to the next LF (after an oversized frame). */
  private skipping = false;
  private skipped = 0;
  /** Position up to which the current LF frame was already scanned for a terminator. */
  private scanned = 1;
  /** After a frame without LF, a CR may follow (possibly in the next chunk): consume it. */
  private crMayFollow = false;

  constructor(private readonly maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {}

  /** Bytes held waiting for the rest of a frame. */
  get bufferedBytes(): number {
    return this.buf.length;
  }

  /** true while a frame has started but not yet ended (slow-client detection uses this). */
  get inFrame(): boolean {
    return this.buf.length > 0;
  }

  push(chunk: Uint8Array): DeframeItem[] {
    const out: DeframeItem[] = [];
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
    for (;;) {
      if (this.buf.length === 0) break;
      if (this.crMayFollow) {
        this.crMayFollow = false;
        if (this.buf[0] === CR) {
          this.buf = this.buf.subarray(1);
          continue;
        }
      }
      if (this.skipping) {
        const lf = this.buf.indexOf(LF);
        if (lf < 0) {
          this.skipped += this.buf.length;
          this.buf = Buffer.alloc(0);
          break;
        }
        this.skipped += lf;
        out.push({ type: 'junk', reason: 'too-large', bytes: this.skipped });
        this.skipping = false;
        this.skipped = 0;
        this.buf = this.buf.subarray(lf);
        this.scanned = 1;
        continue;
      }
      if (this.buf[0] === LF) {
        if (!this.takeLfFrame(out)) break;
        continue;
      }
      const header = this.headerState();
      if (header === 'wait') break;
      if (header === 'no') {
        // A frame can only start at LF or a hex digit: drop this byte and everything up to the next such byte.
        let n = 1;
        while (n < this.buf.length && this.buf[n] !== LF && !isHex(this.buf[n]!)) n++;
        const lastJunk = out.at(-1);
        if (lastJunk?.type === 'junk' && lastJunk.reason === 'garbage') lastJunk.bytes += n;
        else out.push({ type: 'junk', reason: 'garbage', bytes: n });
        this.buf = this.buf.subarray(n);
        this.scanned = 1;
        continue;
      }
      if (!this.takeLengthFrame(header, out)) break;
    }
    if (this.buf.length > 0 && this.buf.byteOffset > 0 && this.buf.length < 1024) this.buf = Buffer.from(this.buf);
    return out;
  }

  /** LF-started frame: returns false when more bytes are needed. */
  private takeLfFrame(out: DeframeItem[]): boolean {
    const limit = Math.min(this.buf.length, this.maxFrameBytes + 2);
    for (let i = this.scanned; i < limit; i++) {
      const b = this.buf[i]!;
      if (b === CR) {
        out.push({ type: 'frame', bytes: Buffer.from(this.buf.subarray(1, i)) });
        this.buf = this.buf.subarray(i + 1);
        this.scanned = 1;
        return true;
      }
      if (b === LF) {
        out.push({ type: 'junk', reason: 'truncated', bytes: i });
        this.buf = this.buf.subarray(i);
        this.scanned = 1;
        return true;
      }
    }
    if (this.buf.length >= this.maxFrameBytes + 2) {
      // LF + maxFrameBytes without a terminator: too large. Drop it and skip to the next LF.
      this.skipping = true;
      this.skipped = this.maxFrameBytes + 2;
      this.buf = this.buf.subarray(this.maxFrameBytes + 2);
      this.scanned = 1;
      return true;
    }
    this.scanned = this.buf.length;
    return false;
  }

  /** Frame without LF: 8 hex digits + quote; the length field says where it ends. */
  private headerState(): 'wait' | 'no' | number {
    const n = Math.min(this.buf.length, 9);
    for (let i = 0; i < n; i++) {
      const b = this.buf[i]!;
      if (i < 8 ? !isHex(b) : b !== QUOTE) return 'no';
    }
    if (this.buf.length < 9) return 'wait';
    const length = parseInt(this.buf.toString('latin1', 4, 8), 16);
    if (length < 1 || 8 + length > this.maxFrameBytes) return 'no';
    return length;
  }

  private takeLengthFrame(length: number, out: DeframeItem[]): boolean {
    const end = 8 + length;
    const lfInside = this.buf.subarray(0, Math.min(end, this.buf.length)).indexOf(LF);
    if (lfInside >= 0) {
      out.push({ type: 'junk', reason: 'truncated', bytes: lfInside });
      this.buf = this.buf.subarray(lfInside);
      this.scanned = 1;
      return true;
    }
    if (this.buf.length < end) return false;
    out.push({ type: 'frame', bytes: Buffer.from(this.buf.subarray(0, end)) });
    this.buf = this.buf.subarray(end);
    this.crMayFollow = true;
    this.scanned = 1;
    return true;
  }
}

/** A UDP datagram holds one frame, with or without LF/CR; several LF...CR frames in one datagram are split. */
export function splitDatagram(datagram: Uint8Array, maxFrameBytes = DEFAULT_MAX_FRAME_BYTES): DeframeItem[] {
  const bytes = Buffer.from(datagram.buffer, datagram.byteOffset, datagram.byteLength);
  if (bytes.length === 0) return [];
  if (bytes[0] !== LF) {
    const end = bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length;
    if (end > maxFrameBytes) return [{ type: 'junk', reason: 'too-large', bytes: bytes.length }];
    return [{ type: 'frame', bytes: Buffer.from(bytes.subarray(0, end)) }];
  }
  const d = new Dc09Deframer(maxFrameBytes);
  const items = d.push(bytes);
  if (d.bufferedBytes > 0) items.push({ type: 'junk', reason: 'truncated', bytes: d.bufferedBytes });
  return items;
}
