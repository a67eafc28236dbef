import type { AlarmStore, CommitResult, ReceivedFrame } from './ports.ts';

/**
 * Group commit: frames that arrive while a commit is running (or within `lingerMs` of the first) go to the store
 * together in the next transaction. Each `submit` resolves with its frame's result once that transaction is
 * durable (so the ACK can go out), or rejects if it failed. At most `maxConcurrent` commits run at once.
 */
export interface GroupCommitOptions {
  maxBatch: number;
  /** Wait this long for more frames before committing an idle queue (0 = next tick). */
  lingerMs: number;
  maxConcurrent: number;
  /** Frames waiting beyond this are refused at once (overload: the panel will retry). */
  maxQueued: number;
}

export const DEFAULT_GROUP_COMMIT: GroupCommitOptions = { maxBatch: 500, lingerMs: 0, maxConcurrent: 1, maxQueued: 20_000 };

interface Pending {
  frame: ReceivedFrame;
  resolve: (r: CommitResult) => void;
  reject: (e: unknown) => void;
}

export class GroupCommitter {
  private queue: Pending[] = [];
  private running = 0;
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];
  readonly stats = { batches: 0, frames: 0, failures: 0, maxBatch: 0 };

  constructor(
    private readonly store: AlarmStore,
    private readonly opts: GroupCommitOptions = DEFAULT_GROUP_COMMIT,
  ) {}

  get queued(): number {
    return this.queue.length;
  }

  submit(frame: ReceivedFrame): Promise<CommitResult> {
    if (this.queue.length >= this.opts.maxQueued) return Promise.reject(new Error('commit queue full'));
    return new Promise((resolve, reject) => {
      this.queue.push({ frame, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when nothing is queued or running. */
  async drain(): Promise<void> {
    if (this.queue.length === 0 && this.running === 0) return;
    await new Promise<void>((r) => this.idleWaiters.push(r));
  }

  private schedule() {
    if (this.scheduled || this.running >= this.opts.maxConcurrent) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      void this.flush();
    };
    if (this.opts.lingerMs > 0) setTimeout(run, this.opts.lingerMs);
    else setImmediate(run);
  }

  private async flush() {
    if (this.queue.length === 0 || this.running >= this.opts.maxConcurrent) return this.checkIdle();
    const batch = this.queue.splice(0, this.opts.maxBatch);
    this.running++;
    try {
      const results = await this.store.commit(batch.map((p) => p.frame));
      if (results.length !== batch.length) throw new Error('store returned a wrong number of results');
      this.stats.batches++;
      this.stats.frames += batch.length;
      this.stats.maxBatch = Math.max(this.stats.maxBatch, batch.length);
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (e) {
      this.stats.failures++;
      for (const p of batch) p.reject(e);
    } finally {
      this.running--;
    }
    // Whatever queued up while this commit ran forms the next group: commit it right away.
    if (this.queue.length > 0) {
      if (this.running < this.opts.maxConcurrent) void this.flush();
    } else this.checkIdle();
  }

  private checkIdle() {
    if (this.queue.length === 0 && this.running === 0) for (const w of this.idleWaiters.splice(0)) w();
  }
}
