/**
 * Vietnamese diacritics helpers: folding (no marks, đ→d) and canonical tone-mark placement, so that
 * "hoá"/"hóa", "thuý"/"thúy", "quỳnh" all compare equal after `canonicalTone`.
 * Pure functions, no I/O.
 */

/** Combining tone marks (NFD): grave, acute, tilde, hook above, dot below. */
const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
/** Combining vowel-quality marks (NFD): circumflex, breve, horn. */
const QUALITY_MARKS = new Set(['\u0302', '\u0306', '\u031b']);
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

const FOLD_RE = /[\u0300-\u036f]/g;

/** Remove every diacritic and map đ/Đ to d/D. Keeps case. */
export function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(FOLD_RE, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** True when the text holds at least one Vietnamese diacritic (tone or quality mark, or đ). */
export function hasDiacritics(text: string): boolean {
  return /[\u0300-\u036f]/.test(text.normalize('NFD')) || /[đĐ]/.test(text);
}

interface Letter {
  base: string;
  quality: string;
}

/**
 * Re-place the tone mark of one syllable by a single rule, so both spelling styles meet:
 * on the vowel carrying a quality mark when there is one (ươ → on ơ); on the last vowel when a final
 * consonant follows; on the middle one of three vowels; on the second vowel of open oa/oe/uy ("hoà",
 * "thuý", so "hòa" and "thúy" become these); otherwise on the first vowel. "qu" and "gi" count as onsets.
 * Words that are not Vietnamese syllables come back unchanged (as NFC).
 */
export function canonicalTone(syllable: string): string {
  const nfd = syllable.normalize('NFD');
  let tone = '';
  const letters: Letter[] = [];
  for (const ch of nfd) {
    if (TONE_MARKS.has(ch)) {
      if (tone) return syllable.normalize('NFC'); // two tones: not a Vietnamese syllable
      tone = ch;
    } else if (QUALITY_MARKS.has(ch)) {
      const last = letters[letters.length - 1];
      if (!last) return syllable.normalize('NFC');
      last.quality += ch;
    } else {
      letters.push({ base: ch, quality: '' });
    }
  }
  if (!tone) return syllable.normalize('NFC');
  // vowel nucleus: first run of vowels, treating "qu" and "gi"+vowel as consonant onsets
  let start = letters.findIndex((l) => VOWELS.has(l.base.toLowerCase()));
  if (start < 0) return syllable.normalize('NFC');
  const lower = (i: number) => letters[i]?.base.toLowerCase() ?? '';
  if (start > 0 && lower(start - 1) === 'q' && lower(start) === 'u') start++;
  else if (start > 0 && lower(start - 1) === 'g' && lower(start) === 'i' && VOWELS.has(lower(start + 1))) start++;
  let end = start;
  while (end < letters.length && VOWELS.has(lower(end))) end++;
  const nucleus: number[] = [];
  for (let i = start; i < end; i++) nucleus.push(i);
  if (nucleus.length === 0) return syllable.normalize('NFC');
  const hasFinal = end < letters.length;
  let pos: number;
  const marked = nucleus.filter((i) => letters[i]!.quality !== '');
  if (marked.length > 0) {
    pos = marked[marked.length - 1]!; // ươ → on ơ
  } else if (nucleus.length === 1) {
    pos = nucleus[0]!;
  } else if (hasFinal) {
    pos = nucleus[nucleus.length - 1]!;
  } else if (nucleus.length >= 3) {
    pos = nucleus[1]!;
  } else {
    const pair = lower(nucleus[0]!) + lower(nucleus[1]!);
    pos = pair === 'oa' || pair === 'oe' || pair === 'uy' ? nucleus[1]! : nucleus[0]!;
  }
  let out = '';
  letters.forEach((l, i) => {
    out += l.base + l.quality + (i === pos ? tone : '');
  });
  return out.normalize('NFC');
}

/** Apply `canonicalTone` to every word of a text (words = runs of letters). */
export function canonicalTones(text: string): string {
  return text.normalize('NFC').replace(/\p{L}+/gu, (w) => (hasDiacritics(w) ? canonicalTone(w) : w));
}
