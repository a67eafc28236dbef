import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './harness.ts';
import { progress } from './harness.ts';
import { renderChart } from './chart.ts';

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);

const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const rows: BenchRow[] = [];
for (const f of files) {
  progress(`running ${f}`);
  const mod = (await import(path.join(dir, f))) as { run: () => Promise<BenchRow[]> };
  const t0 = performance.now();
  rows.push(...(await mod.run()));
  progress(`${f} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const fmt = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2)) : 'n/a');
const header = ['suite', 'metric', 'value', 'baseline', 'baseline value', 'ratio'];
const table = rows.map((r) => {
  const ratio = r.higherIsBetter ? r.value / r.baselineValue : r.baselineValue / r.value;
  return [r.suite, `${r.metric} (${r.unit})`, fmt(r.value), r.baseline, fmt(r.baselineValue), `${fmt(ratio)}×`];
});
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const t of table) console.log(line(t));
console.log('\nratio > 1 means better than the baseline (for latencies: baseline / value).');

const out = path.join(dir, 'results');
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'latest.json'), JSON.stringify({ at: new Date().toISOString(), rows }, null, 2));
for (const suite of new Set(rows.map((r) => r.suite))) {
  const svg = renderChart(suite, rows.filter((r) => r.suite === suite));
  writeFileSync(path.join(out, `${suite.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.svg`), svg);
}
progress(`results written to ${path.relative(process.cwd(), out)}/`);
