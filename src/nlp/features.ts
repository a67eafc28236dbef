import type { NormalizedText } from './normalize.ts';
import { STOPWORDS } from './lexicon.ts';

/**
 * Sparse features of a normalised message: folded syllables (u:), folded syllable bigrams (b:),
 * accented syllables (a:, only for accented input, so unaccented text is not penalised) and concept tags (c:).
 * Long numbers collapse to one token: they are data (a phone, an ID), not meaning.
 */
export function featuresOf(n: NormalizedText): string[] {
  const keys = n.foldedSyllables.map((s) => (/^\d{4,}$/.test(s) ? '#num' : s));
  const out = new Set<string>();
  for (let i = 0; i < keys.length; i++) {
    out.add('u:' + keys[i]);
    if (i + 1 < keys.length) out.add('b:' + keys[i] + '_' + keys[i + 1]);
  }
  for (const c of n.concepts) out.add('c:' + c);
  return [...out];
}

/** Content terms for lexical (BM25) search and coverage: features minus stop-word unigrams. */
export function contentTerms(features: string[]): string[] {
  return features.filter((f) => !(f.startsWith('u:') && STOPWORDS.has(f.slice(2))));
}
