/**
 * `npm run eval`: trains the engine on kb/procedures/*.yaml (questions, titles, official names) and the
 * meta-intent utterances of src/nlp/intents/, then scores it on eval/devset.jsonl (never trained on).
 * Prints top-1/top-3 overall, accented / unaccented / English, per group, confusion pairs, emergency and
 * out-of-scope precision/recall; writes eval/results/latest.json and eval/results/groups.svg.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEntries } from '../src/kb/load-entries.ts';
import { createEngine } from '../src/nlp/engine.ts';
import { proceduresFromEntries } from '../src/nlp/kb-adapter.ts';
import { evaluate, loadDevset, renderGroupChart, type Ratio } from './devset.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const log = (s: string) => process.stderr.write(`[eval] ${s}\n`);
const pct = (a: number, b: number) => (b === 0 ? '  n/a' : `${((100 * a) / b).toFixed(1).padStart(5)} %`);
const line = (name: string, r: Ratio) =>
  `${name.padEnd(28)} n=${String(r.n).padStart(4)}   top-1 ${pct(r.top1, r.n)}   top-3 ${pct(r.top3, r.n)}`;

const verbose = process.argv.includes('--errors');
const { entries, errors } = await loadEntries(path.join(root, 'kb/procedures'));
log(`${entries.length} KB entries loaded${errors.length ? `, ${errors.length} invalid files skipped` : ''}`);
for (const e of errors) log(`  skipped ${e.file}: ${e.message}`);
const procedures = proceduresFromEntries(entries.map((e) => e.entry));
const t0 = performance.now();
const engine = createEngine({ procedures });
const trainMs = performance.now() - t0;
log(`engine trained in ${trainMs.toFixed(0)} ms (${engine.labels.length} labels, temperature ${engine.temperature})`);

const items = loadDevset();
const now = new Date();
let last = 0;
const t1 = performance.now();
const rep = evaluate(engine, items, {
  now,
  onProgress: (done, total) => {
    if (done - last >= 100 || done === total) {
      last = done;
      log(`${done}/${total} messages`);
    }
  },
});
const perMsgMs = (performance.now() - t1) / items.length;

const out: string[] = [];
out.push(`NLP dev set: ${rep.items} messages, ${rep.classified} classified`);
out.push('');
out.push(line('overall', rep.overall));
out.push(line('accented (Vietnamese)', rep.accented));
out.push(line('unaccented (Vietnamese)', rep.unaccented));
out.push(line('English', rep.english));
out.push('');
out.push('per group:');
for (const [g, r] of Object.entries(rep.byGroup).sort((a, b) => a[0].localeCompare(b[0]))) out.push('  ' + line(g, r));
out.push('');
out.push('bands (share of messages, top-1 within band):');
for (const [b, r] of Object.entries(rep.bands)) out.push(`  ${b.padEnd(14)} ${pct(r.n, rep.classified)} of messages, top-1 ${pct(r.top1, r.n)}`);
out.push('');
out.push('confusion pairs (gold → predicted):');
for (const c of rep.confusions.slice(0, 20)) out.push(`  ${String(c.count).padStart(3)}  ${c.gold} → ${c.predicted}`);
out.push('');
const e = rep.emergency;
out.push(`emergency:     precision ${pct(e.tp, e.tp + e.fp)}  recall ${pct(e.tp, e.tp + e.fn)}  (tp ${e.tp}, fp ${e.fp}, fn ${e.fn}; kind right ${pct(e.kindAccuracy * e.tp, e.tp)})`);
const o = rep.outOfScope;
out.push(`out of scope:  precision ${pct(o.tp, o.tp + o.fp)}  recall ${pct(o.tp, o.tp + o.fn)}  (tp ${o.tp}, fp ${o.fp}, fn ${o.fn})`);
out.push(`follow-up facets right: ${rep.facetAccuracy.correct}/${rep.facetAccuracy.n}`);
out.push(`training ${trainMs.toFixed(0)} ms; ${perMsgMs.toFixed(3)} ms per message (classify + emergency, single thread)`);
if (verbose) {
  out.push('');
  out.push('errors:');
  for (const x of rep.errors) out.push(`  ${x.gold} → ${x.predicted} [${x.band} ${x.confidence}] ${x.text}`);
}
console.log(out.join('\n'));

const dir = path.join(here, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(
  path.join(dir, 'latest.json'),
  JSON.stringify({ at: now.toISOString(), kbEntries: entries.length, trainMs: Math.round(trainMs), temperature: engine.temperature, ...rep }, null, 2),
);
writeFileSync(path.join(dir, 'groups.svg'), renderGroupChart(rep));
log(`results written to ${path.relative(process.cwd(), dir)}/ (latest.json, groups.svg)`);
