/**
 * The NLP development set (eval/devset.jsonl) and its metrics. Shared by `npm run eval`, the unit tests
 * and the benchmark. The set is never used for training.
 */
import { readFileSync } from 'node:fs';
import type { Classification, Engine } from '../src/nlp/engine.ts';
import { detectEmergency, type Emergency } from '../src/nlp/emergency.ts';
import { META_INTENTS } from '../src/nlp/intents/index.ts';

export const EMERGENCY_KINDS = ['fire', 'police', 'medical', 'rescue'] as const;
export const FACETS = ['fee', 'time', 'papers', 'where', 'online', 'legal'] as const;

export interface DevItem {
  text: string;
  /** Expected procedure. */
  slug?: string;
  /** Other procedures also asked about in a multi-question message (top-1 on any of them counts). */
  alt?: string[];
  /** Expected meta intent (with `slug` for report_crime / find_ward). */
  intent?: string;
  /** Expected facet of a follow-up fragment. */
  facet?: string;
  emergency: (typeof EMERGENCY_KINDS)[number] | null;
}

export const DEVSET_PATH = new URL('./devset.jsonl', import.meta.url);

/** Problems of one line, empty when well-formed. */
export function checkItem(raw: unknown): string[] {
  const errs: string[] = [];
  if (!raw || typeof raw !== 'object') return ['not an object'];
  const r = raw as Record<string, unknown>;
  const allowed = new Set(['text', 'slug', 'alt', 'intent', 'facet', 'emergency']);
  for (const k of Object.keys(r)) if (!allowed.has(k)) errs.push(`unknown field ${k}`);
  if (typeof r.text !== 'string' || r.text.trim().length < 2) errs.push('text missing');
  if (r.text !== undefined && typeof r.text === 'string' && r.text !== r.text.normalize('NFC')) errs.push('text not NFC');
  if (r.slug !== undefined && (typeof r.slug !== 'string' || !/^[a-z0-9-]+\.[a-z0-9-]+$/.test(r.slug))) errs.push('bad slug');
  if (r.alt !== undefined && (!Array.isArray(r.alt) || r.alt.some((a) => typeof a !== 'string'))) errs.push('bad alt');
  if (r.intent !== undefined && !(META_INTENTS as readonly string[]).includes(r.intent as string)) errs.push('bad intent');
  if (r.facet !== undefined && !(FACETS as readonly string[]).includes(r.facet as string)) errs.push('bad facet');
  if (!('emergency' in r)) errs.push('emergency missing (use null)');
  else if (r.emergency !== null && !(EMERGENCY_KINDS as readonly string[]).includes(r.emergency as string)) errs.push('bad emergency');
  if (r.slug === undefined && r.intent === undefined && (r.emergency ?? null) === null) errs.push('no label');
  return errs;
}

export function loadDevset(path: URL | string = DEVSET_PATH): DevItem[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as DevItem);
}

export interface Ratio {
  n: number;
  top1: number;
  top3: number;
}

export interface EvalReport {
  items: number;
  classified: number;
  overall: Ratio;
  accented: Ratio;
  unaccented: Ratio;
  english: Ratio;
  byGroup: Record<string, Ratio>;
  confusions: Array<{ gold: string; predicted: string; count: number }>;
  emergency: { tp: number; fp: number; fn: number; precision: number; recall: number; kindAccuracy: number };
  outOfScope: { tp: number; fp: number; fn: number; precision: number; recall: number };
  bands: Record<string, { n: number; top1: number }>;
  facetAccuracy: { n: number; correct: number };
  errors: Array<{ text: string; gold: string; predicted: string; band: string; confidence: number }>;
}

const ratio = (): Ratio => ({ n: 0, top1: 0, top3: 0 });
const safeDiv = (a: number, b: number) => (b === 0 ? 1 : a / b);

export function groupOf(item: DevItem): string {
  if (item.slug) return item.slug.split('.')[0]!;
  return item.intent ?? 'emergency';
}

/** Did the engine answer this item right (top-1) and within its three best labels (top-3)? */
export function judge(item: DevItem, r: Classification): { top1: boolean; top3: boolean; predicted: string } {
  const predicted = r.slug ?? r.intent;
  const golds = new Set([item.slug, ...(item.alt ?? []), item.intent].filter((x): x is string => !!x));
  const top1 = golds.has(predicted) || (item.intent !== undefined && r.intent === item.intent);
  const top3labels = r.candidates.slice(0, 3).map((c) => c.label);
  const top3 = top1 || top3labels.some((l) => golds.has(l));
  return { top1, top3, predicted };
}

export interface EvaluateOptions {
  now: Date;
  onProgress?: (done: number, total: number) => void;
}

export function evaluate(engine: Engine, items: DevItem[], opts: EvaluateOptions): EvalReport {
  const rep: EvalReport = {
    items: items.length,
    classified: 0,
    overall: ratio(),
    accented: ratio(),
    unaccented: ratio(),
    english: ratio(),
    byGroup: {},
    confusions: [],
    emergency: { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, kindAccuracy: 0 },
    outOfScope: { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0 },
    bands: {},
    facetAccuracy: { n: 0, correct: 0 },
    errors: [],
  };
  const confusions = new Map<string, number>();
  let kindOk = 0;
  items.forEach((item, i) => {
    const em: Emergency | null = detectEmergency(item.text, { now: opts.now });
    if (item.emergency && em) {
      rep.emergency.tp++;
      if (em.kind === item.emergency) kindOk++;
    } else if (item.emergency) rep.emergency.fn++;
    else if (em) rep.emergency.fp++;
    if (!item.slug && !item.intent) return;
    // an item whose KB entry is missing (an invalid file is skipped at load) counts as a miss, not as absent
    const r = engine.classify(item.text);
    const { top1, top3, predicted } = judge(item, r);
    const buckets = [rep.overall, r.language === 'en' ? rep.english : r.unaccented ? rep.unaccented : rep.accented];
    const g = groupOf(item);
    buckets.push((rep.byGroup[g] ??= ratio()));
    for (const b of buckets) {
      b.n++;
      if (top1) b.top1++;
      if (top3) b.top3++;
    }
    rep.classified++;
    const band = (rep.bands[r.band] ??= { n: 0, top1: 0 });
    band.n++;
    if (top1) band.top1++;
    const goldOos = item.intent === 'out_of_scope';
    const predOos = r.intent === 'out_of_scope';
    if (goldOos && predOos) rep.outOfScope.tp++;
    else if (goldOos) rep.outOfScope.fn++;
    else if (predOos) rep.outOfScope.fp++;
    if (item.facet) {
      rep.facetAccuracy.n++;
      if (r.facets.includes(item.facet as never)) rep.facetAccuracy.correct++;
    }
    if (!top1) {
      const gold = item.slug ?? item.intent!;
      const key = `${gold} → ${predicted}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
      rep.errors.push({ text: item.text, gold, predicted, band: r.band, confidence: Math.round(r.confidence * 1000) / 1000 });
    }
    opts.onProgress?.(i + 1, items.length);
  });
  rep.confusions = [...confusions.entries()]
    .map(([k, count]) => {
      const [gold, predicted] = k.split(' → ') as [string, string];
      return { gold, predicted, count };
    })
    .sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold));
  const e = rep.emergency;
  e.precision = safeDiv(e.tp, e.tp + e.fp);
  e.recall = safeDiv(e.tp, e.tp + e.fn);
  e.kindAccuracy = safeDiv(kindOk, e.tp);
  const o = rep.outOfScope;
  o.precision = safeDiv(o.tp, o.tp + o.fp);
  o.recall = safeDiv(o.tp, o.tp + o.fn);
  return rep;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Horizontal bar chart of top-1 and top-3 accuracy per group, as standalone SVG. */
export function renderGroupChart(rep: EvalReport): string {
  const groups = Object.entries(rep.byGroup).sort((a, b) => a[0].localeCompare(b[0]));
  const rowH = 34;
  const labelW = 190;
  const plotW = 420;
  const h = 50 + groups.length * rowH + 20;
  const parts: string[] = [
    `<text x="10" y="22" font-size="15" font-weight="bold">${esc(`NLP dev set: top-1 / top-3 per group (overall top-1 ${(100 * rep.overall.top1 / Math.max(1, rep.overall.n)).toFixed(1)} %)`)}</text>`,
  ];
  groups.forEach(([g, r], i) => {
    const y = 40 + i * rowH;
    const t1 = r.top1 / Math.max(1, r.n);
    const t3 = r.top3 / Math.max(1, r.n);
    parts.push(`<text x="10" y="${y + 16}" font-size="12">${esc(`${g} (n=${r.n})`)}</text>`);
    parts.push(`<rect x="${labelW}" y="${y}" width="${(t3 * plotW).toFixed(1)}" height="12" fill="#90a4ae"/>`);
    parts.push(`<rect x="${labelW}" y="${y + 13}" width="${(t1 * plotW).toFixed(1)}" height="12" fill="#c62828"/>`);
    parts.push(`<text x="${labelW + plotW + 8}" y="${y + 18}" font-size="11">${(100 * t1).toFixed(0)} % / ${(100 * t3).toFixed(0)} %</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${labelW + plotW + 120}" height="${h}" font-family="sans-serif">${parts.join('')}</svg>\n`;
}
