import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET, findSecret, findTrackingCode, hashSecret, makeSecret, makeTrackingCode, maskSecrets, normalizeTrackingCode, secretMatches, symbolsFrom,
} from './tracking-code.ts';

const rnd = (n: number) => randomBytes(n);

describe('tracking codes and secrets', () => {
  it('uses an alphabet without look-alikes', () => {
    for (const c of '01ILO') expect(CODE_ALPHABET).not.toContain(c);
    expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length);
  });

  it('makes codes like TG-7K3P-9Q2M and 16-symbol secrets in groups of four', () => {
    for (let i = 0; i < 200; i++) {
      expect(makeTrackingCode(rnd)).toMatch(new RegExp(`^TG-[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}$`));
      expect(makeSecret(rnd)).toMatch(new RegExp(`^([${CODE_ALPHABET}]{4}-){3}[${CODE_ALPHABET}]{4}$`));
    }
  });

  it('maps bytes without modulo bias (bytes past the last full cycle are skipped)', () => {
    expect(symbolsFrom(Uint8Array.from([255, 254, 0, 1]), 2)).toBe(CODE_ALPHABET.slice(0, 2));
    expect(symbolsFrom(Uint8Array.from([250, 251]), 1)).toBeNull();
  });

  it('finds codes however they are typed, and only then', () => {
    expect(findTrackingCode('mã của tôi là tg 7k3p 9q2m ạ')).toBe('TG-7K3P-9Q2M');
    expect(findTrackingCode('TG-7K3P-9Q2M')).toBe('TG-7K3P-9Q2M');
    expect(findTrackingCode('TG7K3P9Q2M')).toBe('TG-7K3P-9Q2M');
    expect(findTrackingCode('XTG-7K3P-9Q2M')).toBeNull();
    expect(findTrackingCode('TG-7K3P-9Q2O')).toBeNull(); // O is not in the alphabet
    expect(normalizeTrackingCode('tg-7k3p-9q2m')).toBe('TG-7K3P-9Q2M');
    expect(normalizeTrackingCode('TG-7K3P-9Q2M-extra')).toBeNull();
  });

  it('finds a secret in a message and masks it before storing, but leaves ordinary words and numbers alone', () => {
    const s = 'M4QX-8TZC-2HNB-RW7K';
    expect(findSecret(`mã bí mật m4qx 8tzc 2hnb rw7k`)).toBe(s);
    expect(findSecret('TG-7K3P-9Q2M')).toBeNull();
    expect(findSecret('0912 3456 7890 1234')).toBeNull();
    expect(maskSecrets(`mã ${s} nhé`)).toBe('mã [mã bí mật] nhé');
    expect(maskSecrets('gọi 0912345678')).toBe('gọi 0912345678');
  });

  it('checks secrets against the stored sha256, ignoring case and separators', () => {
    const s = makeSecret(rnd);
    const h = hashSecret(s);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(secretMatches(s.toLowerCase().replace(/-/g, ' '), h)).toBe(true);
    expect(secretMatches(makeSecret(rnd), h)).toBe(false);
    expect(secretMatches(s, 'abcd')).toBe(false);
  });

  it('round-trips generated secrets through findSecret (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (bytes) => {
        let off = 0;
        const secret = makeSecret((n) => {
          const out = bytes.subarray(off % 32, (off % 32) + n);
          off += n;
          return out.length === n ? out : randomBytes(n);
        });
        expect(findSecret(`x ${secret} y`)).toBe(secret);
      }),
    );
  });
});
