import { contentTerms, featuresOf } from './features.ts';
import { detectFacets, type Facet } from './facets.ts';
import { DEFAULT_INTENTS, INTENT_FAMILIES, type IntentExamples, type MetaIntent } from './intents/index.ts';
import { Idf, LabelBm25, NearestIndex, SoftmaxModel, Vocabulary, softmaxInPlace, type Example } from './model.ts';
import { normalize, type Ambiguity, type NormalizedText } from './normalize.ts';
import { EN_GLOSSARY_GENERIC } from './lexicon.ts';

export interface ProcedureInput {
  slug: string;
  title: string;
  group: string;
  /** Ways citizens ask (the entry's `questions`). */
  questions: string[];
  /** Extra phrases: official name, synonyms. */
  keywords?: string[];
}

export interface EngineOptions {
  procedures: ProcedureInput[];
  /** Meta-intent utterances; defaults to `DEFAULT_INTENTS` (src/nlp/intents/). */
  intents?: IntentExamples[];
  /** Seed of the training shuffle (default 7); training is deterministic. */
  seed?: number;
}

export type Band = 'confident' | 'unsure' | 'out_of_scope';
/** `procedure` when the answer is a procedure, otherwise the meta intent. */
export type Intent = 'procedure' | MetaIntent;

export interface Candidate {
  /** A procedure slug or a meta intent. */
  label: string;
  kind: 'procedure' | 'intent';
  /** Calibrated probability (all labels sum to 1). */
  probability: number;
  title?: string;
}

export interface Clarification {
  /** A polite Vietnamese question the assistant may ask as is. */
  question: string;
  options: Array<{ label: string; title: string }>;
}

export interface Classification {
  intent: Intent;
  band: Band;
  /** The procedure meant (also set for report_crime / find_ward: the best procedure of that family). */
  slug?: string;
  title?: string;
  group?: string;
  /** Calibrated probability of the answer (for a family intent: intent + procedure together). */
  confidence: number;
  /** Best labels first (up to 5). */
  candidates: Candidate[];
  /** Facets asked about, most specific first ("lệ phí bao nhiêu" → ['fee']). */
  facets: Facet[];
  facet?: Facet;
  /** Set when band is `unsure`: the two best options, or the meaning of an ambiguous abbreviation. */
  clarify?: Clarification;
  ambiguities: Ambiguity[];
  language: 'vi' | 'en';
  unaccented: boolean;
  normalized: NormalizedText;
}

export interface Engine {
  classify(text: string): Classification;
  /** All labels the engine can return (procedure slugs then meta intents). */
  readonly labels: readonly string[];
  /** Softmax temperature fitted on held-out training utterances. */
  readonly temperature: number;
}

const INTENT_TITLES: Record<MetaIntent, string> = {
  greeting: 'chào hỏi',
  thanks_bye: 'cảm ơn, tạm biệt',
  smalltalk: 'trò chuyện',
  find_ward: 'tìm công an xã/phường',
  report_crime: 'trình báo, tố giác tội phạm',
  application_status: 'tra cứu hồ sơ đã nộp',
  ask_human: 'gặp cán bộ',
  followup: 'hỏi thêm về thủ tục',
  out_of_scope: 'nội dung khác',
};

/** Weights of the lexical parts added to the classifier's scores. */
const W_BM25 = 2.0;
const W_NEAREST = 4.0;
const W_UNKNOWN = 4.0;
const EPOCHS = 10;

interface Trained {
  model: SoftmaxModel;
  nearest: NearestIndex;
  bm25: LabelBm25;
  domainIdf: Idf;
}

interface Prepared {
  label: number;
  features: string[];
  terms: string[];
}

const FINE_TUNE_EPOCHS = 3;

function buildIndexes(rows: Prepared[], labels: number, oos: number, model: SoftmaxModel): Trained {
  const idf = new Idf();
  const domainIdf = new Idf();
  for (const r of rows) {
    idf.addDocument(r.terms);
    if (r.label !== oos) domainIdf.addDocument(r.terms.filter((t) => t.startsWith('u:')));
  }
  const nearest = new NearestIndex(idf, labels);
  const bm25 = new LabelBm25(labels);
  for (const r of rows) {
    nearest.add(r.label, r.terms);
    bm25.add(r.label, r.terms);
  }
  bm25.finish();
  return { model, nearest, bm25, domainIdf };
}

const toExamples = (rows: Prepared[]): Example[] => rows.map((r) => ({ label: r.label, features: r.features, weight: 1 }));

/** Share of the message's content words (IDF-weighted) that the domain vocabulary knows; 1 when none. */
function coverage(t: Trained, terms: string[]): number {
  const words = terms.filter((x) => x.startsWith('u:') && !/^u:\d+$/.test(x));
  if (words.length === 0) return 1;
  let known = 0;
  let all = 0;
  for (const w of words) {
    const idf = t.domainIdf.idf(w);
    all += idf;
    if (t.domainIdf.has(w)) known += idf;
  }
  return all === 0 ? 1 : known / all;
}

/**
 * `cov`: the message's `coverage` (1 when it is known to be in the domain's language: an English message whose
 * words the glossary rendered in Vietnamese, so unknown words are not held against it).
 */
function scores(t: Trained, features: string[], terms: string[], oos: number, cov: number): Float64Array {
  const z = t.model.logits(features);
  const lex = t.bm25.scores(terms);
  const near = t.nearest.best(terms);
  for (let l = 0; l < z.length; l++) z[l] = z[l]! + W_BM25 * lex[l]! + W_NEAREST * near[l]!;
  z[oos] = z[oos]! + W_UNKNOWN * (1 - cov);
  return z;
}

function fitTemperature(held: Array<{ z: Float64Array; y: number }>): number {
  if (held.length === 0) return 1;
  let best = 1;
  let bestNll = Infinity;
  for (let temp = 0.3; temp <= 4.01; temp += 0.1) {
    let nll = 0;
    for (const h of held) {
      const p = Float64Array.from(h.z);
      softmaxInPlace(p, temp);
      nll -= Math.log(Math.max(1e-12, p[h.y]!));
    }
    if (nll < bestNll) {
      bestNll = nll;
      best = temp;
    }
  }
  return Math.round(best * 100) / 100;
}

function prepare(text: string, label: number): Prepared {
  const features = featuresOf(normalize(text));
  return { label, features, terms: contentTerms(features) };
}

/** Builds the engine: trains the classifier on the procedures' questions and the meta-intent utterances. */
export function createEngine(options: EngineOptions): Engine {
  const intents = options.intents ?? DEFAULT_INTENTS;
  const seed = options.seed ?? 7;
  const procs = options.procedures;
  const labels: string[] = [...procs.map((p) => p.slug), ...intents.map((i) => i.intent)];
  if (!labels.includes('out_of_scope')) labels.push('out_of_scope');
  const oos = labels.indexOf('out_of_scope');
  const bySlug = new Map(procs.map((p) => [p.slug, p]));
  const rows: Prepared[] = [];
  procs.forEach((p, i) => {
    for (const q of [p.title, ...(p.keywords ?? []), ...p.questions]) rows.push(prepare(q, i));
  });
  for (const it of intents) {
    const l = labels.indexOf(it.intent);
    for (const q of it.examples) rows.push(prepare(q, l));
  }
  // calibration: hold out every 5th utterance of each label, fit the temperature on them, then train on all
  const seen = new Map<number, number>();
  const fit: Prepared[] = [];
  const held: Prepared[] = [];
  for (const r of rows) {
    const k = (seen.get(r.label) ?? 0) + 1;
    seen.set(r.label, k);
    (k % 5 === 0 ? held : fit).push(r);
  }
  // one vocabulary for both stages, so that the final model continues from the calibration model
  const vocab = new Vocabulary();
  for (const r of rows) for (const f of r.features) vocab.add(f);
  const sgd = { epochs: EPOCHS, learningRate: 0.6, l2: 0, seed };
  const partialModel = SoftmaxModel.train(toExamples(fit), labels.length, vocab, sgd);
  const partial = buildIndexes(fit, labels.length, oos, partialModel);
  const temperature = fitTemperature(held.map((h) => ({ z: scores(partial, h.features, h.terms, oos, coverage(partial, h.terms)), y: h.label })));
  const finalModel = SoftmaxModel.train(
    toExamples(rows),
    labels.length,
    vocab,
    { ...sgd, epochs: FINE_TUNE_EPOCHS, epochOffset: EPOCHS, seed: seed + 1 },
    partialModel,
  );
  const full = buildIndexes(rows, labels.length, oos, finalModel);
  const isProc = (l: number) => l < procs.length;
  const followupLabel = labels.indexOf('followup');
  // families as label indices, once: the meta intent and its procedures present in this engine
  const families = (Object.entries(INTENT_FAMILIES) as Array<[MetaIntent, string[]]>)
    .map(([meta, slugs]) => ({ meta, m: labels.indexOf(meta), members: slugs.map((s) => labels.indexOf(s)).filter((i) => i >= 0) }))
    .filter((f) => f.m >= 0 && f.members.length > 0);

  function classify(text: string): Classification {
    const n = normalize(text);
    const features = featuresOf(n);
    const terms = contentTerms(features);
    const vouched = n.glossary.some((g) => !EN_GLOSSARY_GENERIC.has(g));
    const cov = vouched ? 1 : coverage(full, terms);
    const p = scores(full, features, terms, oos, cov);
    softmaxInPlace(p, temperature);
    const order = [...p.keys()].sort((a, b) => p[b]! - p[a]!);
    const { facets, residual } = detectFacets(n);
    const candidates: Candidate[] = order.slice(0, 5).map((l) => ({
      label: labels[l]!,
      kind: isProc(l) ? 'procedure' : 'intent',
      probability: p[l]!,
      ...(isProc(l) ? { title: procs[l]!.title } : {}),
    }));
    const base = {
      candidates,
      facets,
      ...(facets[0] ? { facet: facets[0] } : {}),
      ambiguities: n.ambiguities,
      language: n.language,
      unaccented: n.unaccented,
      normalized: n,
    };
    // a bare follow-up fragment ("còn lệ phí?", "mất bao lâu"): nothing but facet cues and generic words
    const domainResidual = residual.filter((r) => full.domainIdf.has('u:' + r));
    const metaTop = labels[order[0]!]!;
    const fragmentTop = metaTop === 'followup' || metaTop === 'out_of_scope' || isProc(order[0]!);
    if (facets.length > 0 && residual.length === 0 && fragmentTop) {
      return { intent: 'followup', band: 'confident', confidence: Math.max(0.6, p[followupLabel] ?? 0), ...base };
    }
    let top = order[0]!;
    if (labels[top] === 'followup' && domainResidual.length > 0) {
      // a fragment with a topic is not a follow-up: take the best label that is neither follow-up nor out of scope
      top = order.find((l) => labels[l] !== 'followup' && labels[l] !== 'out_of_scope') ?? order[1]!;
    }
    // skipping a follow-up top label: judge the rest among themselves
    const skipped = top !== order[0]! ? p[order[0]!]! : 0;
    const topLabel = labels[top]!;
    let intent: Intent = isProc(top) ? 'procedure' : (topLabel as MetaIntent);
    let slug: string | undefined = isProc(top) ? topLabel : undefined;
    let confidence = p[top]! / (1 - skipped);
    // families: a meta intent that also names a procedure (report_crime → to-giac.*, find_ward → ho-tro.tim-...)
    for (const { meta, m, members } of families) {
      const bestMember = members.reduce((a, b) => (p[b]! > p[a]! ? b : a));
      if (top === m) {
        slug = labels[bestMember];
        confidence = p[m]! + p[bestMember]!;
      } else if (members.includes(top) && (p[m]! >= 0.25 * p[top]! || meta === 'find_ward')) {
        intent = meta;
        confidence = p[m]! + p[top]!;
      }
    }
    const second = order.find((l) => l !== top && !(INTENT_FAMILIES[intent as MetaIntent] ?? []).includes(labels[l]!) && labels[l] !== intent);
    const p2 = second === undefined ? 0 : p[second]!;
    let band: Band;
    if (intent === 'out_of_scope' || (confidence < 0.2 && cov < 0.5) || confidence < 0.08) band = 'out_of_scope';
    else if (confidence >= 0.45 && confidence >= 1.8 * p2) band = 'confident';
    else band = 'unsure';
    if (band === 'out_of_scope' && n.ambiguities.length > 0) {
      // "tt cho con": an ambiguous abbreviation is worth a question, not a refusal
      band = 'unsure';
      top = order.find((l) => labels[l] !== 'out_of_scope' && labels[l] !== 'followup') ?? top;
      intent = isProc(top) ? 'procedure' : (labels[top] as MetaIntent);
      slug = isProc(top) && p[top]! >= 0.08 ? labels[top] : undefined;
      confidence = p[top]!;
    }
    if (band === 'out_of_scope') {
      intent = 'out_of_scope';
      slug = undefined;
    }
    const proc = slug ? bySlug.get(slug) : undefined;
    const result: Classification = {
      intent,
      band,
      ...(proc ? { slug: proc.slug, title: proc.title, group: proc.group } : {}),
      confidence,
      ...base,
    };
    if (band === 'unsure') result.clarify = clarification(n, [top, second ?? order[1]!], labels, procs);
    return result;
  }

  return { classify, labels, temperature };
}

function clarification(n: NormalizedText, ids: number[], labels: string[], procs: ProcedureInput[]): Clarification {
  const amb = n.ambiguities[0];
  if (amb) {
    return {
      question: `Dạ, “${amb.token}” ở đây là ${amb.options.slice(0, -1).join(', ')} hay ${amb.options.at(-1)} ạ?`,
      options: amb.options.map((o) => ({ label: o, title: o })),
    };
  }
  const options = ids
    .filter((i) => i !== undefined && labels[i] !== 'out_of_scope')
    .map((i) => ({ label: labels[i]!, title: i < procs.length ? procs[i]!.title : INTENT_TITLES[labels[i] as MetaIntent] }));
  if (options.length < 2) {
    return { question: 'Dạ, anh/chị có thể nói rõ hơn mình cần làm thủ tục gì không ạ?', options };
  }
  return {
    question: `Dạ, anh/chị muốn hỏi về “${options[0]!.title}” hay “${options[1]!.title}” ạ?`,
    options,
  };
}
