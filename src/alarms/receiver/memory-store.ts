import { randomUUID } from 'node:crypto';
import { dedupeKey } from '../dc09/dedupe.ts';
import type { AlarmStore, CommitResult, ReceivedFrame } from './ports.ts';

/** Keeps frames in memory (tests, and the contract every store follows). Dedupe by first reception time. */
export class MemoryAlarmStore implements AlarmStore {
  readonly frames: { frame: ReceivedFrame; eventIds: string[] }[] = [];
  private readonly firstSeen = new Map<string, number>();
  /** Test hook: make the next commit fail. */
  failNext = false;

  constructor(private readonly dedupeWindowMs = 40_000) {}

  async commit(batch: readonly ReceivedFrame[]): Promise<CommitResult[]> {
    await Promise.resolve();
    if (this.failNext) {
      this.failNext = false;
      throw new Error('store unavailable');
    }
    return batch.map((f) => {
      if (f.events.length > 0) {
        const key = dedupeKey(f);
        const at = this.firstSeen.get(key);
        const t = f.receivedAt.getTime();
        if (at !== undefined && t - at <= this.dedupeWindowMs) return { status: 'duplicate' };
        this.firstSeen.set(key, t);
      }
      const eventIds = f.events.map(() => randomUUID());
      this.frames.push({ frame: f, eventIds });
      return { status: 'stored', eventIds };
    });
  }
}

/** Storage switched off: stores nothing, reports every frame stored (benchmark ceiling). */
export class NullAlarmStore implements AlarmStore {
  async commit(batch: readonly ReceivedFrame[]): Promise<CommitResult[]> {
    return batch.map((f) => ({ status: 'stored', eventIds: f.events.map((_, i) => `null-${i}`) }));
  }
}
