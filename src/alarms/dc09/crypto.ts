import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Result } from './types.ts';

/**
 * DC-09 encryption: AES-CBC (128/192/256 by key length), IV = 16 zero bytes, no PKCS padding. The plaintext is
 * `pad | content` where the pad is 1-16 bytes (never 0; 16 when the rest is already a multiple of 16), any value
 * except `|`, `[` and `]`, so that the whole is a multiple of 16. Some panels (and pysiaalarm's own NULL) leave
 * out the `|`: then the pad is directly followed by the `]` of an empty data block. Both forms are accepted.
 */
export type KeyFormat = 'hex' | 'ascii';

const ZERO_IV = Buffer.alloc(16);
const PIPE = 0x7c;
const OPEN = 0x5b;
const CLOSE = 0x5d;

/**
 * Key bytes from the account's key text. `hex`: 32/48/64 hex digits decoded (the standard's convention);
 * `ascii`: the 16/24/32 characters' bytes as they are (pysiaalarm / Home Assistant convention).
 */
export function parseKey(key: string, format: KeyFormat): Result<Buffer, string> {
  if (format === 'hex') {
    if (!/^[0-9A-Fa-f]+$/.test(key) || ![32, 48, 64].includes(key.length)) {
      return { ok: false, error: 'hex key must be 32, 48 or 64 hex digits' };
    }
    return { ok: true, value: Buffer.from(key, 'hex') };
  }
  if (!/^[\x20-\x7e]+$/.test(key) || ![16, 24, 32].includes(key.length)) {
    return { ok: false, error: 'ascii key must be 16, 24 or 32 printable ASCII characters' };
  }
  return { ok: true, value: Buffer.from(key, 'latin1') };
}

const algorithm = (key: Uint8Array) => `aes-${key.length * 8}-cbc`;

/** Decrypts hex ciphertext (a whole number of blocks; checked by the parser). Null on any failure. */
export function decrypt(ciphertextHex: string, key: Uint8Array): Buffer | null {
  if (![16, 24, 32].includes(key.length) || ciphertextHex.length === 0 || ciphertextHex.length % 32 !== 0) return null;
  try {
    const d = createDecipheriv(algorithm(key), key, ZERO_IV);
    d.setAutoPadding(false);
    return Buffer.concat([d.update(Buffer.from(ciphertextHex, 'hex')), d.final()]);
  } catch {
    return null;
  }
}

/**
 * Removes the pad: returns the bytes after the `|` that ends it, or from the `]` when there is no `|` (the
 * empty-data form). Null when the first special byte is `[` (not a DC-09 plaintext: wrong key or corrupt).
 */
export function stripPad(plaintext: Uint8Array): Buffer | null {
  const buf = Buffer.from(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength);
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    if (b === PIPE) return i >= 1 && i <= 16 ? buf.subarray(i + 1) : null;
    if (b === CLOSE) return i >= 1 && i <= 16 ? buf.subarray(i) : null;
    if (b === OPEN) return null;
  }
  return null;
}

const PAD_ALPHABET = Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');

/** Random pad bytes (alphanumeric: a subset of what the standard allows, and safe for text-minded decoders). */
export function randomPad(n: number): Buffer {
  const r = randomBytes(n);
  for (let i = 0; i < n; i++) r[i] = PAD_ALPHABET[r[i]! % PAD_ALPHABET.length]!;
  return r;
}

export const padLengthFor = (contentBytes: number, withPipe = true): number => {
  const r = (contentBytes + (withPipe ? 1 : 0)) % 16;
  return r === 0 ? 16 : 16 - r;
};

export interface EncryptOptions {
  /** Pad bytes generator (tests pass fixed bytes); must not produce `|`, `[` or `]`. */
  pad?: (n: number) => Uint8Array;
  /** false = pysiaalarm-style plaintext without `|` after the pad (only valid when the data block is empty). */
  pipe?: boolean;
}

/** Encrypts `content` (data block content after `[`, e.g. `#1234|Nri1/FA001]_ts`) to upper-case hex. */
export function encrypt(content: Uint8Array, key: Uint8Array, opts: EncryptOptions = {}): string {
  const withPipe = opts.pipe ?? true;
  const n = padLengthFor(content.length, withPipe);
  const pad = Buffer.from((opts.pad ?? randomPad)(n));
  if (pad.length !== n || pad.some((b) => b === PIPE || b === OPEN || b === CLOSE)) throw new Error('invalid pad');
  const plain = Buffer.concat([pad, withPipe ? Buffer.from('|') : Buffer.alloc(0), content]);
  const c = createCipheriv(algorithm(key), key, ZERO_IV);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(plain), c.final()]).toString('hex').toUpperCase();
}
