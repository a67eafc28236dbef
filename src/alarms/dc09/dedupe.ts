/**
 * Duplicate detection: the same account + receiver + line + sequence seen again within the window is a
 * retransmission (the panel did not get our ACK): ACK it again, store it once. Time is injected.
 * Remember a key only after its frame was committed, so that a failed commit does not turn the retry into a
 * "duplicate" that is ACKed but never stored.
 */
export interface DedupeKeyParts {
  account: string;
  receiver: string | null;
  line: string | null;
  sequence: string;
}

export const dedupeKey = (p: DedupeKeyParts): string =>
  `${p.account.toUpperCase()}|${(p.receiver ?? '').toUpperCase()}|${(p.line ?? '').toUpperCase()}|${p.sequence}`;

export class DedupeCache {
  private readonly seen = new Map<string, number>();

  constructor(
    readonly windowMs: number,
    private readonly maxEntries = 100_000,
  ) {}

  isDuplicate(key: string, nowMs: number): boolean {
    const at = this.seen.get(key);
    return at !== undefined && nowMs - at <= this.windowMs;
  }

  remember(key: string, nowMs: number): void {
    this.seen.delete(key); // keep insertion order = age order
    this.seen.set(key, nowMs);
    if (this.seen.size > this.maxEntries) this.sweep(nowMs, true);
  }

  /** Drops expired entries (oldest first); when `force`, also the oldest live ones beyond maxEntries. */
  sweep(nowMs: number, force = false): void {
    for (const [k, at] of this.seen) {
      if (nowMs - at > this.windowMs || (force && this.seen.size > this.maxEntries)) this.seen.delete(k);
      else break;
    }
  }

  get size(): number {
    return this.seen.size;
  }
}
