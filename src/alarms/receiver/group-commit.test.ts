import { describe, expect, it } from 'vitest';
import { GroupCommitter } from './group-commit.ts';
import type { AlarmStore, CommitResult, ReceivedFrame } from './ports.ts';
import { makeFrame } from './test-frames.ts';

class GatedStore implements AlarmStore {
  batches: number[] = [];
  gates: { open: () => void; fail: (e: Error) => void }[] = [];
  async commit(batch: readonly ReceivedFrame[]): Promise<CommitResult[]> {
    this.batches.push(batch.length);
    await new Promise<void>((open, fail) => this.gates.push({ open, fail }));
    return batch.map(() => ({ status: 'stored', eventIds: [] }));
  }
}
const tick = () => new Promise((r) => setImmediate(r));

describe('group commit', () => {
  it('commits frames that arrive together in one transaction and those arriving meanwhile in the next', async () => {
    const store = new GatedStore();
    const g = new GroupCommitter(store, { maxBatch: 100, lingerMs: 0, maxConcurrent: 1, maxQueued: 1000 });
    const first = [1, 2, 3].map((i) => g.submit(makeFrame({ sequence: String(i).padStart(4, '0') })));
    await tick();
    const second = [4, 5].map((i) => g.submit(makeFrame({ sequence: String(i).padStart(4, '0') })));
    await tick();
    expect(store.batches).toEqual([3]);
    let resolved = false;
    void Promise.all(first).then(() => (resolved = true));
    await tick();
    expect(resolved).toBe(false); // nothing is acknowledged before the commit resolved
    store.gates[0]!.open();
    await Promise.all(first);
    await tick();
    expect(store.batches).toEqual([3, 2]);
    store.gates[1]!.open();
    await Promise.all(second);
    expect(g.stats).toMatchObject({ batches: 2, frames: 5, maxBatch: 3 });
  });

  it('rejects every frame of a failed batch and goes on with the next', async () => {
    const store = new GatedStore();
    const g = new GroupCommitter(store, { maxBatch: 100, lingerMs: 0, maxConcurrent: 1, maxQueued: 1000 });
    const a = g.submit(makeFrame());
    await tick();
    store.gates[0]!.fail(new Error('disk full'));
    await expect(a).rejects.toThrow('disk full');
    const b = g.submit(makeFrame());
    await tick();
    store.gates[1]!.open();
    await expect(b).resolves.toMatchObject({ status: 'stored' });
  });

  it('refuses frames beyond the queue limit and splits big queues into maxBatch groups', async () => {
    const store = new GatedStore();
    const g = new GroupCommitter(store, { maxBatch: 2, lingerMs: 0, maxConcurrent: 1, maxQueued: 3 });
    const ok = [g.submit(makeFrame()), g.submit(makeFrame()), g.submit(makeFrame())];
    await expect(g.submit(makeFrame())).rejects.toThrow('queue full');
    await tick();
    store.gates[0]!.open();
    await tick();
    await tick();
    store.gates[1]!.open();
    await Promise.all(ok);
    expect(store.batches).toEqual([2, 1]);
    await g.drain();
  });
});
