import { describe, expect, it } from 'vitest';
import { DedupeCache, dedupeKey } from './dedupe.ts';
import { formatTimestamp, parseTimestamp } from './timestamp.ts';
import { checkWindow, DEFAULT_WINDOW } from './window.ts';

describe('timestamps', () => {
  it('parse and format as UTC', () => {
    const d = parseTimestamp('23:59:59,12-31-2025')!;
    expect(d.toISOString()).toBe('2025-12-31T23:59:59.000Z');
    expect(formatTimestamp(d)).toBe('23:59:59,12-31-2025');
  });
  it('reject impossible dates and times', () => {
    for (const s of ['24:00:00,01-01-2026', '12:60:00,01-01-2026', '12:00:00,13-01-2026', '12:00:00,02-29-2025', '1:00:00,01-01-2026']) {
      expect(parseTimestamp(s), s).toBeNull();
    }
    expect(parseTimestamp('12:00:00,02-29-2024')).not.toBeNull();
  });
});

describe('timestamp window', () => {
  const now = Date.parse('2026-01-15T01:02:03Z');
  it('accepts up to 40 s in the past and 20 s in the future by default', () => {
    expect(DEFAULT_WINDOW).toEqual({ pastMs: 40_000, futureMs: 20_000 });
    expect(checkWindow(new Date(now - 40_000), now)).toBe('ok');
    expect(checkWindow(new Date(now - 40_001), now)).toBe('too-old');
    expect(checkWindow(new Date(now + 20_000), now)).toBe('ok');
    expect(checkWindow(new Date(now + 20_001), now)).toBe('too-new');
  });
  it('is configurable', () => {
    expect(checkWindow(new Date(now - 100_000), now, { pastMs: 120_000, futureMs: 0 })).toBe('ok');
    expect(checkWindow(new Date(now + 1), now, { pastMs: 120_000, futureMs: 0 })).toBe('too-new');
  });
});

describe('dedupe cache', () => {
  const key = dedupeKey({ account: '12ab', receiver: '1', line: null, sequence: '0001' });
  it('treats the same account + receiver + line + sequence as a duplicate within the window only', () => {
    const c = new DedupeCache(40_000);
    expect(c.isDuplicate(key, 0)).toBe(false);
    c.remember(key, 0);
    expect(c.isDuplicate(key, 40_000)).toBe(true);
    expect(c.isDuplicate(key, 40_001)).toBe(false);
    expect(c.isDuplicate(dedupeKey({ account: '12AB', receiver: '1', line: null, sequence: '0001' }), 1)).toBe(true);
    expect(c.isDuplicate(dedupeKey({ account: '12AB', receiver: '2', line: null, sequence: '0001' }), 1)).toBe(false);
  });
  it('sweeps expired entries and stays bounded', () => {
    const c = new DedupeCache(10, 100);
    for (let i = 0; i < 1000; i++) c.remember(`k${i}`, i);
    expect(c.size).toBeLessThanOrEqual(101);
    c.sweep(5000);
    expect(c.size).toBe(0);
  });
});
