import { canonicalTones, foldDiacritics } from './tone.ts';
import { matchKey, type NormalizedText } from './normalize.ts';

/**
 * Accent-aware phrase matching on normalised syllables. A phrase is written with its diacritics
 * ("cháy nhà"); an unaccented message matches it by the folded form ("chay nha"), but an accented syllable
 * must match exactly ("chạy" does not match "cháy"). Phrases with `*` accept any syllable there.
 */
export interface Phrase<T> {
  accented: string[];
  folded: string[];
  value: T;
}

export function compilePhrases<T>(entries: Array<[string, T]>): Array<Phrase<T>> {
  return entries
    .map(([p, value]) => {
      const accented = canonicalTones(p.toLowerCase()).split(/\s+/);
      return { accented, folded: accented.map((w) => (w === '*' ? '*' : matchKey(foldDiacritics(w)))), value };
    })
    .sort((a, b) => b.accented.length - a.accented.length);
}

const hasMarks = (s: string) => s !== foldDiacritics(s);

export interface PhraseHit<T> {
  start: number;
  end: number;
  value: T;
}

/** Matches at position i, or undefined. `used` syllables (consumed by earlier phrases) never match. */
function matchAt<T>(n: NormalizedText, i: number, p: Phrase<T>, used?: boolean[]): boolean {
  for (let j = 0; j < p.folded.length; j++) {
    const k = i + j;
    const f = n.foldedSyllables[k];
    if (f === undefined || used?.[k]) return false;
    if (p.folded[j] === '*') continue;
    if (f !== p.folded[j]) return false;
    const a = n.syllables[k]!;
    // an accented word in the message must carry the phrase's own marks (English and codes have none)
    if (hasMarks(a) && a !== p.accented[j]) return false;
  }
  return true;
}

/** All non-overlapping hits, longest phrase first at each position; marks the syllables it uses. */
export function findPhrases<T>(n: NormalizedText, phrases: Array<Phrase<T>>, used?: boolean[]): Array<PhraseHit<T>> {
  const hits: Array<PhraseHit<T>> = [];
  for (let i = 0; i < n.foldedSyllables.length; i++) {
    for (const p of phrases) {
      if (matchAt(n, i, p, used)) {
        hits.push({ start: i, end: i + p.folded.length, value: p.value });
        if (used) for (let k = i; k < i + p.folded.length; k++) used[k] = true;
        i += p.folded.length - 1;
        break;
      }
    }
  }
  return hits;
}
