/**
 * Benchmarks print figures beside a baseline measured in the same run. Each `bench/*.bench.ts` exports
 * `run(): Promise<BenchRow[]>`; `bench/run.ts` runs them in turn and prints one table (and writes
 * bench/results/latest.json plus an SVG chart per suite).
 */
export interface BenchRow {
  suite: string;
  /** What is measured, e.g. "messages/s", "p95 latency". */
  metric: string;
  unit: string;
  value: number;
  /** The baseline it is compared with, e.g. "MiniSearch BM25 (default tokenizer)". */
  baseline: string;
  baselineValue: number;
  /** true when a larger value is better (throughput), false for latencies. */
  higherIsBetter: boolean;
  note?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarize(samplesMs: number[]) {
  const s = [...samplesMs].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN, n: s.length };
}

/** Progress line on stderr so long runs show they are alive. */
export function progress(msg: string) {
  process.stderr.write(`[bench] ${msg}\n`);
}
