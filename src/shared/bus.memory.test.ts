import { busConformance } from './bus.conformance.ts';
import { createMemoryBus } from './bus.memory.ts';
import { describe, expect, it } from 'vitest';
import { matches } from './bus.ts';

busConformance('memory', async () => createMemoryBus());

describe('matches', () => {
  it('follows NATS wildcard rules', () => {
    expect(matches('a.b', 'a.b')).toBe(true);
    expect(matches('a.*', 'a.b')).toBe(true);
    expect(matches('a.*', 'a.b.c')).toBe(false);
    expect(matches('a.>', 'a.b.c')).toBe(true);
    expect(matches('a.>', 'a')).toBe(false);
    expect(matches('>', 'x.y')).toBe(true);
    expect(matches('a.b', 'a.b.c')).toBe(false);
  });
});
