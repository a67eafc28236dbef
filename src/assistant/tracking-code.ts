import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Tracking codes and secrets of crime reports. Both use an alphabet without look-alikes (no 0/O, 1/I/L),
 * so that a citizen can read them over the phone or copy them by hand. Pure: randomness comes in as bytes.
 *
 *   tracking code  "TG-7K3P-9Q2M"          8 symbols ≈ 40 bits, public-ish (said to officers)
 *   secret         "M4QX-8TZC-2HNB-RW7K"   16 symbols ≈ 79 bits, shown once, stored as sha256
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const TRACKING_PREFIX = 'TG';
const CODE_SYMBOLS = 8;
const SECRET_SYMBOLS = 16;

/** Maps random bytes to alphabet symbols without modulo bias (bytes ≥ 248 are skipped). */
export function symbolsFrom(bytes: Uint8Array, count: number): string | null {
  const limit = Math.floor(256 / CODE_ALPHABET.length) * CODE_ALPHABET.length;
  let out = '';
  for (const b of bytes) {
    if (b >= limit) continue;
    out += CODE_ALPHABET[b % CODE_ALPHABET.length];
    if (out.length === count) return out;
  }
  return null;
}

const group = (s: string) => s.match(/.{4}/g)!.join('-');

export function makeTrackingCode(random: (n: number) => Uint8Array): string {
  let s: string | null = null;
  while (!s) s = symbolsFrom(random(CODE_SYMBOLS * 2), CODE_SYMBOLS);
  return `${TRACKING_PREFIX}-${group(s)}`;
}

/** A secret always mixes digits and letters, so that it can be told from words and numbers in a message. */
export function makeSecret(random: (n: number) => Uint8Array): string {
  for (;;) {
    const s = symbolsFrom(random(SECRET_SYMBOLS * 2), SECRET_SYMBOLS);
    if (s && /\d/.test(s) && /[A-Z]/.test(s)) return group(s);
  }
}

const SYM = `[${CODE_ALPHABET}]`;
const SEP = '[\\s.-]?';
const TRACKING_RE = new RegExp(`(?<![A-Z0-9])${TRACKING_PREFIX}${SEP}(${SYM}{4})${SEP}(${SYM}{4})(?![A-Z0-9])`, 'i');
const SECRET_RE = new RegExp(`(?<![A-Z0-9-])(${SYM}{4})${SEP}(${SYM}{4})${SEP}(${SYM}{4})${SEP}(${SYM}{4})(?![A-Z0-9])`, 'gi');

/** The canonical tracking code in a text ("tg 7k3p 9q2m" → "TG-7K3P-9Q2M"), or null. */
export function findTrackingCode(text: string): string | null {
  const m = TRACKING_RE.exec(text);
  return m ? `${TRACKING_PREFIX}-${m[1]!.toUpperCase()}-${m[2]!.toUpperCase()}` : null;
}

/** Canonical form of a typed tracking code, or null when it cannot be one. */
export function normalizeTrackingCode(input: string): string | null {
  const code = findTrackingCode(input.trim());
  return code && input.replace(/[\s.-]/g, '').length === 10 ? code : null;
}

/** The canonical secret in a text (16 alphabet symbols, grouped or not), or null. */
export function findSecret(text: string): string | null {
  for (const m of text.matchAll(SECRET_RE)) {
    const s = `${m[1]}-${m[2]}-${m[3]}-${m[4]}`.toUpperCase();
    // a secret has at least one digit and one letter (a 16-letter word run is ordinary text)
    if (/\d/.test(s) && /[A-Z]/.test(s)) return s;
  }
  return null;
}

/** Masks anything shaped like a report secret (before a message is stored). */
export function maskSecrets(text: string): string {
  return text.replace(SECRET_RE, (all, a: string, b: string, c: string, d: string) => {
    const s = `${a}${b}${c}${d}`;
    return /\d/.test(s) && /[a-z]/i.test(s) ? '[mã bí mật]' : all;
  });
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret.toUpperCase().replace(/[^A-Z0-9]/g, '')).digest('hex');
}

/** Constant-time comparison of a typed secret with a stored hash (hex). */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
