import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.ts';
import { checkMessageText, MAX_MESSAGE_CHARS } from './text-guard.ts';

const codeOf = (text: string) => {
  try {
    checkMessageText(text);
    return 'ok';
  } catch (err) {
    return err instanceof AppError ? err.code : 'crash';
  }
};

describe('checkMessageText', () => {
  it('accepts ordinary messages, with or without diacritics, teencode, emoji and punctuation', () => {
    for (const t of ['đăng ký tạm trú cần giấy tờ gì?', 'lam can cuoc o dau', 'ko bt đki ntn 😅', '???', '...', 'ok', 'How much is the fee?', 'cảm ơn 👍🏻']) {
      expect(codeOf(t)).toBe('ok');
    }
  });

  it('returns the text NFC-normalised and trimmed', () => {
    expect(checkMessageText('  ho\u0300a  ')).toBe('hòa');
  });

  it('rejects empty and whitespace-only messages as TEXT_EMPTY', () => {
    expect(codeOf('')).toBe('TEXT_EMPTY');
    expect(codeOf(' \n\t ')).toBe('TEXT_EMPTY');
  });

  it('counts characters, not UTF-16 units: 2,000 are accepted, 2,001 rejected', () => {
    expect(codeOf('a'.repeat(MAX_MESSAGE_CHARS))).toBe('ok');
    expect(codeOf('a'.repeat(MAX_MESSAGE_CHARS + 1))).toBe('TEXT_TOO_LONG');
    expect(codeOf('😀'.repeat(MAX_MESSAGE_CHARS))).toBe('ok');
    expect(codeOf('ư'.repeat(MAX_MESSAGE_CHARS + 1))).toBe('TEXT_TOO_LONG');
  });

  it('rejects NUL, control characters, replacement characters and lone surrogates as TEXT_BINARY', () => {
    for (const t of ['abc\u0000def', 'xin\u0007 chào', 'caf\ufffd', 'a\ud800b', '\udc00', '\u009bhello', 'x\uE000y']) {
      expect(codeOf(t)).toBe('TEXT_BINARY');
    }
  });

  it('rejects long runs of symbols with hardly any letters (binary garbage decoded as text)', () => {
    expect(codeOf('§¶•ª¤¢£¥©®°±÷×')).toBe('TEXT_BINARY');
    expect(codeOf('#$%^&*()_+#$%^&*()_+')).toBe('ok'); // ASCII punctuation is neutral, not garbage
    expect(codeOf('⌘⌥⇧⌃⎋⌫⏏⇪⇥⌦ a')).toBe('TEXT_BINARY');
  });

  it('never throws anything but an AppError and accepts no control characters (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), (s) => {
        const code = codeOf(s);
        expect(code).not.toBe('crash');
        if (code === 'ok') expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/.test(s)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
