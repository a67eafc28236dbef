import { describe, expect, it } from 'vitest';
import { createMessageWaiters } from './message-waiters.ts';
import { createRateLimiter } from './rate-limiter.ts';

describe('rate limiter', () => {
  it('allows max hits per key and window, then refuses until the window has passed', () => {
    const l = createRateLimiter({ max: 3, windowMs: 1000 });
    expect([l.hit('a', 0), l.hit('a', 10), l.hit('a', 20), l.hit('a', 30)]).toEqual([true, true, true, false]);
    expect(l.hit('b', 30)).toBe(true);
    expect(l.remaining('a', 40)).toBe(0);
    expect(l.hit('a', 1000)).toBe(true);
    l.reset('a');
    expect(l.remaining('a', 1001)).toBe(3);
  });

  it('stays bounded in memory', () => {
    const l = createRateLimiter({ max: 1, windowMs: 1000, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) l.hit(`k${i}`, 0);
    expect(l.remaining('k999', 1)).toBe(0);
    expect(l.remaining('k0', 1)).toBe(1);
  });
});

describe('message waiters (long polling)', () => {
  it('wakes the waiters of one conversation and times out the others', async () => {
    const w = createMessageWaiters();
    const a = w.wait('a', 5000);
    const b = w.wait('b', 20);
    expect(w.size).toBe(2);
    w.notify('a');
    expect(await a).toBe(true);
    expect(await b).toBe(false);
    expect(w.size).toBe(0);
    expect(await w.wait('c', 0)).toBe(false);
  });
});
