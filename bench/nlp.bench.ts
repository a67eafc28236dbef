/**
 * Language engine benchmark: the full per-message pipeline the assistant runs (classify — which normalises —,
 * emergency detection, entity extraction) over the dev set, beside a plain BM25 index of the same KB entries
 * (MiniSearch, default tokenisation) measured in the same run. Also reports start-up time and top-1 accuracy
 * of both on the dev set's procedure questions.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import type { BenchRow } from './harness.ts';
import { progress, summarize } from './harness.ts';
import { loadEntries } from '../src/kb/load-entries.ts';
import { createEngine } from '../src/nlp/engine.ts';
import { detectEmergency } from '../src/nlp/emergency.ts';
import { extractEntities } from '../src/nlp/entities.ts';
import { proceduresFromEntries } from '../src/nlp/kb-adapter.ts';
import { loadDevset } from '../eval/devset.ts';

const SUITE = 'nlp';
const BASELINE = 'MiniSearch BM25 (default tokenizer)';
const PASSES = 5;

interface Doc {
  id: string;
  title: string;
  questions: string;
  keywords: string;
}

function timeEach(texts: string[], fn: (t: string) => unknown): { samples: number[]; totalMs: number } {
  for (const t of texts.slice(0, 200)) fn(t); // warm-up
  const samples: number[] = [];
  const t0 = performance.now();
  for (let pass = 0; pass < PASSES; pass++) {
    for (const t of texts) {
      const s = performance.now();
      fn(t);
      samples.push(performance.now() - s);
    }
  }
  return { samples, totalMs: performance.now() - t0 };
}

export async function run(): Promise<BenchRow[]> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const { entries } = await loadEntries(path.join(root, 'kb/procedures'));
  const procedures = proceduresFromEntries(entries.map((e) => e.entry));
  const items = loadDevset();
  const texts = items.map((i) => i.text);
  const now = new Date();
  progress(`nlp: ${entries.length} KB entries, ${texts.length} dev-set messages × ${PASSES} passes`);

  let t = performance.now();
  const engine = createEngine({ procedures });
  const trainMs = performance.now() - t;

  t = performance.now();
  const mini = new MiniSearch<Doc>({ fields: ['title', 'questions', 'keywords'], storeFields: ['id'] });
  mini.addAll(procedures.map((p) => ({ id: p.slug, title: p.title, questions: p.questions.join('\n'), keywords: (p.keywords ?? []).join('\n') })));
  const indexMs = performance.now() - t;

  const pipeline = (text: string) => {
    const c = engine.classify(text);
    detectEmergency(text, { now, normalized: c.normalized });
    extractEntities(text, { now });
  };
  const ours = timeEach(texts, pipeline);
  const base = timeEach(texts, (text) => mini.search(text));
  const so = summarize(ours.samples);
  const sb = summarize(base.samples);
  const rate = (r: { samples: number[]; totalMs: number }) => r.samples.length / (r.totalMs / 1000);

  // top-1 on the dev set's procedure questions (the baseline can only answer with a procedure)
  const known = new Set(procedures.map((p) => p.slug));
  const procItems = items.filter((i) => i.slug && known.has(i.slug));
  const gold = (i: (typeof procItems)[number]) => new Set([i.slug!, ...(i.alt ?? [])]);
  // each question answered once by each system
  const answers = procItems.map((i) => {
    const r = engine.classify(i.text);
    return { unaccented: r.unaccented, ours: gold(i).has(r.slug ?? ''), base: gold(i).has(String(mini.search(i.text)[0]?.id ?? '')) };
  });
  const oursOk = answers.filter((a) => a.ours).length;
  const baseOk = answers.filter((a) => a.base).length;
  const unacc = answers.filter((a) => a.unaccented);
  const oursUn = unacc.filter((a) => a.ours).length;
  const baseUn = unacc.filter((a) => a.base).length;
  const pct = (a: number, b: number) => (b === 0 ? NaN : (100 * a) / b);

  const note = `Bình Yên = classify + detectEmergency + extractEntities per message; ${entries.length} KB entries`;
  return [
    { suite: SUITE, metric: 'throughput', unit: 'messages/s', value: rate(ours), baseline: BASELINE, baselineValue: rate(base), higherIsBetter: true, note },
    { suite: SUITE, metric: 'p50 latency', unit: 'ms', value: so.p50, baseline: BASELINE, baselineValue: sb.p50, higherIsBetter: false },
    { suite: SUITE, metric: 'p95 latency', unit: 'ms', value: so.p95, baseline: BASELINE, baselineValue: sb.p95, higherIsBetter: false },
    { suite: SUITE, metric: 'start-up (train / index)', unit: 'ms', value: trainMs, baseline: BASELINE, baselineValue: indexMs, higherIsBetter: false },
    {
      suite: SUITE,
      metric: `top-1 procedure questions (n=${procItems.length})`,
      unit: '%',
      value: pct(oursOk, procItems.length),
      baseline: BASELINE,
      baselineValue: pct(baseOk, procItems.length),
      higherIsBetter: true,
    },
    {
      suite: SUITE,
      metric: `top-1 unaccented procedure questions (n=${unacc.length})`,
      unit: '%',
      value: pct(oursUn, unacc.length),
      baseline: BASELINE,
      baselineValue: pct(baseUn, unacc.length),
      higherIsBetter: true,
    },
  ];
}
