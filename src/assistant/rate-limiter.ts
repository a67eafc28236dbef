/**
 * Fixed-window counters per key, in memory (one server process). Used for per-conversation message limits and
 * for report-secret attempts; the per-IP message limit uses @fastify/rate-limit. Pure: time comes in as `nowMs`.
 */
export interface RateLimiter {
  /** Counts one hit; true when it is within the limit. */
  hit(key: string, nowMs: number): boolean;
  /** Remaining hits in the current window (for tests and headers). */
  remaining(key: string, nowMs: number): number;
  reset(key: string): void;
}

export function createRateLimiter(opts: { max: number; windowMs: number; maxKeys?: number }): RateLimiter {
  const maxKeys = opts.maxKeys ?? 100_000;
  const windows = new Map<string, { start: number; count: number }>();

  const current = (key: string, nowMs: number) => {
    let w = windows.get(key);
    if (!w || nowMs - w.start >= opts.windowMs) {
      if (!w && windows.size >= maxKeys) {
        for (const [k, v] of windows) if (nowMs - v.start >= opts.windowMs) windows.delete(k);
        // still full of live windows: forget the oldest entries rather than growing without bound
        for (const k of windows.keys()) {
          if (windows.size < maxKeys) break;
          windows.delete(k);
        }
      }
      w = { start: nowMs, count: 0 };
      windows.set(key, w);
    }
    return w;
  };

  return {
    hit(key, nowMs) {
      const w = current(key, nowMs);
      w.count++;
      return w.count <= opts.max;
    },
    remaining(key, nowMs) {
      const w = windows.get(key);
      if (!w || nowMs - w.start >= opts.windowMs) return opts.max;
      return Math.max(0, opts.max - w.count);
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
