import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmStore } from './ports.ts';
import { makeFrame } from './test-frames.ts';

export interface StoreUnderTest {
  store: AlarmStore;
  /** Empties the store between cases. */
  reset: () => Promise<void>;
  close?: () => Promise<void>;
}

/** The contract every AlarmStore follows (dedupe window 40 s). Run by each adapter's tests. */
export function describeAlarmStore(name: string, create: () => Promise<StoreUnderTest>) {
  describe(`AlarmStore conformance: ${name}`, () => {
    let sut: StoreUnderTest;
    beforeAll(async () => {
      sut = await create();
    });
    afterAll(async () => {
      await sut.close?.();
    });
    const withStore = (fn: (s: AlarmStore) => Promise<void>) => async () => {
      await sut.reset();
      await fn(sut.store);
    };
    const t0 = new Date('2026-01-15T01:02:03Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);

    it('stores a frame and returns one id per event', withStore(async (s) => {
      const [r] = await s.commit([makeFrame({ data: 'Nri1/FA001/FA002' })]);
      expect(r).toMatchObject({ status: 'stored' });
      expect(r?.status === 'stored' && r.eventIds.length).toBe(2);
    }));

    it('stores a retransmission within the window once (across commits and inside one batch)', withStore(async (s) => {
      expect(await s.commit([makeFrame()])).toMatchObject([{ status: 'stored' }]);
      expect(await s.commit([makeFrame({ receivedAt: at(30_000) })])).toEqual([{ status: 'duplicate' }]);
      const f = makeFrame({ sequence: '0002' });
      expect(await s.commit([f, { ...f, receivedAt: at(5) }])).toMatchObject([{ status: 'stored' }, { status: 'duplicate' }]);
    }));

    it('stores the same sequence again after the window (sequence numbers wrap)', withStore(async (s) => {
      await s.commit([makeFrame()]);
      expect(await s.commit([makeFrame({ receivedAt: at(40_001) })])).toMatchObject([{ status: 'stored' }]);
    }));

    it('keys on account, receiver, line and sequence', withStore(async (s) => {
      const results = await s.commit([
        makeFrame(),
        makeFrame({ account: '1235' }),
        makeFrame({ receiver: '2' }),
        makeFrame({ line: '2' }),
        makeFrame({ receiver: null, line: null }),
        makeFrame({ sequence: '0003' }),
      ]);
      expect(results.map((r) => r.status)).toEqual(Array(6).fill('stored'));
    }));

    it('never treats frames without events (NULL) as duplicates', withStore(async (s) => {
      const n = makeFrame({ token: 'NULL', sequence: '0000' });
      expect(await s.commit([n, n, n])).toEqual(Array(3).fill({ status: 'stored', eventIds: [] }));
    }));
  });
}
