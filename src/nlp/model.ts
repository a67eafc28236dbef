/**
 * The statistical parts of the engine, each small and pure:
 *  - a multinomial logistic regression (softmax) trained by SGD on sparse binary features,
 *  - a nearest-example index (TF-IDF cosine to the closest training utterance of each label),
 *  - a BM25 index with one document per label (all its utterances, title and keywords).
 * Deterministic: the shuffling uses a seeded PRNG, so two trainings on the same data are identical.
 */
import { seededRandom } from '../shared/random.ts';

export interface Example {
  label: number;
  features: string[];
  weight: number;
}

/** Feature-name → column, grown while training and frozen afterwards. */
export class Vocabulary {
  readonly index = new Map<string, number>();
  add(f: string): number {
    let i = this.index.get(f);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(f, i);
    }
    return i;
  }
  get(f: string): number | undefined {
    return this.index.get(f);
  }
  get size(): number {
    return this.index.size;
  }
}


export interface SoftmaxOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Learning-rate schedule offset when continuing a model. */
  epochOffset?: number;
}

export class SoftmaxModel {
  private constructor(
    readonly vocab: Vocabulary,
    readonly labels: number,
    private readonly w: Float64Array,
    private readonly bias: Float64Array,
  ) {}

  /**
   * Trains by SGD. `init` continues from an earlier model sharing the same vocabulary (warm start); the
   * vocabulary must already hold every feature of `examples` when `init` is given.
   */
  static train(examples: Example[], labels: number, vocab: Vocabulary, opts: SoftmaxOptions, init?: SoftmaxModel): SoftmaxModel {
    const rows = examples.map((e) => ({ cols: e.features.map((f) => vocab.add(f)), y: e.label, weight: e.weight }));
    const L = labels;
    const w = init ? Float64Array.from(init.w) : new Float64Array(vocab.size * L);
    const bias = init ? Float64Array.from(init.bias) : new Float64Array(L);
    const z = new Float64Array(L);
    const active = new Int32Array(L);
    const order = rows.map((_, i) => i);
    const rand = seededRandom(opts.seed);
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const lr = opts.learningRate / (1 + 0.15 * (epoch + (opts.epochOffset ?? 0)));
      for (const r of order) {
        const row = rows[r]!;
        const v = 1 / Math.sqrt(Math.max(1, row.cols.length));
        z.set(bias);
        for (const c of row.cols) {
          const base = c * L;
          for (let l = 0; l < L; l++) z[l] = z[l]! + w[base + l]! * v;
        }
        softmaxInPlace(z);
        z[row.y] = z[row.y]! - 1; // gradient of the cross-entropy
        const step = lr * row.weight;
        // sparse update: labels whose gradient is negligible are skipped (most of them after a few epochs)
        let nActive = 0;
        for (let l = 0; l < L; l++) {
          if (Math.abs(z[l]!) > 1e-4) {
            active[nActive++] = l;
            bias[l] = bias[l]! - step * z[l]!;
          }
        }
        const decay = 1 - lr * opts.l2;
        for (const c of row.cols) {
          const base = c * L;
          for (let k = 0; k < nActive; k++) {
            const l = active[k]!;
            w[base + l] = w[base + l]! * decay - step * z[l]! * v;
          }
        }
      }
    }
    return new SoftmaxModel(vocab, L, w, bias);
  }

  /** Raw scores (logits) for a feature list; unknown features are ignored. */
  logits(features: string[]): Float64Array {
    const L = this.labels;
    const z = Float64Array.from(this.bias);
    const cols: number[] = [];
    for (const f of features) {
      const c = this.vocab.get(f);
      if (c !== undefined) cols.push(c);
    }
    const v = 1 / Math.sqrt(Math.max(1, features.length));
    for (const c of cols) {
      const base = c * L;
      for (let l = 0; l < L; l++) z[l] = z[l]! + this.w[base + l]! * v;
    }
    return z;
  }
}

export function softmaxInPlace(z: Float64Array, temperature = 1): void {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) if (z[i]! > max) max = z[i]!;
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    const e = Math.exp((z[i]! - max) / temperature);
    z[i] = e;
    sum += e;
  }
  for (let i = 0; i < z.length; i++) z[i] = z[i]! / sum;
}

/** Document frequencies over a set of term lists, for IDF weights. */
export class Idf {
  private readonly df = new Map<string, number>();
  private n = 0;
  addDocument(terms: Iterable<string>): void {
    this.n++;
    for (const t of new Set(terms)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }
  has(t: string): boolean {
    return this.df.has(t);
  }
  /** Smoothed IDF; unseen terms get the largest value. */
  idf(t: string): number {
    const d = this.df.get(t) ?? 0;
    return Math.log(1 + (this.n - d + 0.5) / (d + 0.5));
  }
}

/** Cosine similarity (TF-IDF, binary tf) to the nearest training utterance, per label. */
export class NearestIndex {
  private readonly postings = new Map<string, Array<{ doc: number; w: number }>>();
  private readonly docLabel: number[] = [];

  constructor(
    private readonly idf: Idf,
    private readonly labels: number,
  ) {}

  add(label: number, terms: string[]): void {
    const doc = this.docLabel.length;
    this.docLabel.push(label);
    const uniq = [...new Set(terms)];
    const norm = Math.sqrt(uniq.reduce((s, t) => s + this.idf.idf(t) ** 2, 0)) || 1;
    for (const t of uniq) {
      const list = this.postings.get(t) ?? [];
      list.push({ doc, w: this.idf.idf(t) / norm });
      this.postings.set(t, list);
    }
  }

  private acc = new Float64Array(0);
  private readonly touched: number[] = [];

  /** Best cosine per label (0 when no shared term). */
  best(terms: string[]): Float64Array {
    if (this.acc.length !== this.docLabel.length) this.acc = new Float64Array(this.docLabel.length);
    const uniq = [...new Set(terms)];
    const norm = Math.sqrt(uniq.reduce((s, t) => s + this.idf.idf(t) ** 2, 0)) || 1;
    const acc = this.acc;
    const touched = this.touched;
    touched.length = 0;
    for (const t of uniq) {
      const list = this.postings.get(t);
      if (!list) continue;
      const qw = this.idf.idf(t) / norm;
      for (const p of list) {
        if (acc[p.doc] === 0) touched.push(p.doc);
        acc[p.doc] = acc[p.doc]! + qw * p.w;
      }
    }
    const out = new Float64Array(this.labels);
    for (const doc of touched) {
      const l = this.docLabel[doc]!;
      if (acc[doc]! > out[l]!) out[l] = acc[doc]!;
      acc[doc] = 0;
    }
    return out;
  }
}

/** BM25 with one document per label; scores are divided by the query's maximum reachable score (0..1). */
export class LabelBm25 {
  private readonly tf: Array<Map<string, number>> = [];
  private readonly len: number[] = [];
  private readonly df = new Map<string, number>();
  private avgLen = 1;
  private docs = 0;
  private readonly k1 = 1.2;
  private readonly b = 0.75;

  constructor(private readonly labels: number) {
    for (let i = 0; i < labels; i++) {
      this.tf.push(new Map());
      this.len.push(0);
    }
  }

  add(label: number, terms: string[]): void {
    const m = this.tf[label]!;
    for (const t of terms) {
      if (!m.has(t)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      m.set(t, (m.get(t) ?? 0) + 1);
    }
    this.len[label] = this.len[label]! + terms.length;
  }

  private readonly postings = new Map<string, Array<{ label: number; score: number }>>();

  finish(): void {
    const used = this.len.filter((l) => l > 0);
    this.docs = used.length;
    this.avgLen = used.reduce((a, b) => a + b, 0) / Math.max(1, used.length);
    // precompute each term's contribution to each label's score
    for (let l = 0; l < this.labels; l++) {
      const norm = this.k1 * (1 - this.b + (this.b * this.len[l]!) / this.avgLen);
      for (const [t, f] of this.tf[l]!) {
        const list = this.postings.get(t) ?? [];
        list.push({ label: l, score: (this.idf(t) * f * (this.k1 + 1)) / (f + norm) });
        this.postings.set(t, list);
      }
    }
  }

  private idf(t: string): number {
    const d = this.df.get(t) ?? 0;
    return Math.log(1 + (this.docs - d + 0.5) / (d + 0.5));
  }

  scores(terms: string[]): Float64Array {
    const out = new Float64Array(this.labels);
    const uniq = [...new Set(terms)];
    let max = 0;
    for (const t of uniq) max += this.idf(t) * (this.k1 + 1);
    if (max === 0) return out;
    for (const t of uniq) {
      const list = this.postings.get(t);
      if (!list) continue;
      for (const p of list) out[p.label] = out[p.label]! + p.score;
    }
    for (let l = 0; l < this.labels; l++) out[l] = out[l]! / max;
    return out;
  }
}
