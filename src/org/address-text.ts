/**
 * Text primitives for Vietnamese addresses: tokens with a folded form (no diacritics, đ→d) and a
 * tone-placement-free form, so that "Hoà"/"Hòa" and "Thuỵ"/"Thụy" compare equal while "Hưng"/"Hùng" do not.
 * Pure functions, no I/O.
 */

/** Tone marks in NFD: grave, acute, tilde, hook above, dot below. */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ALL_MARKS = /[\u0300-\u036f]/g;

/** Lower case, no diacritics, đ → d. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(ALL_MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
}

/**
 * Lower case with the tone mark moved to the end of the word: spelling styles that place the tone on a
 * different vowel ("hoà"/"hòa", "thuỵ"/"thụy") give the same key; different tones or vowels do not.
 */
export function toneKey(word: string): string {
  const nfd = word.toLowerCase().normalize('NFD');
  const tones = nfd.match(TONE_MARKS)?.join('') ?? '';
  return nfd.replace(TONE_MARKS, '') + tones;
}

export function hasMarks(word: string): boolean {
  return /[\u0300-\u036f]/.test(word.normalize('NFD')) || /[đĐ]/.test(word);
}

export interface Token {
  /** Lower case, NFC. */
  raw: string;
  fold: string;
  tone: string;
  /** The word carries a diacritic, so its spelling can be compared strictly. */
  marked: boolean;
  /** A hard separator (comma, semicolon, bracket, slash, line break) comes right before this token. */
  hardBefore: boolean;
  numeric: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const HARD = /[,;()[\]{}\n\r|/\\]/;

/** Splits text into word tokens (letters/digits; a letter–digit junction splits too: "ngõ10" → "ngõ", "10"). */
export function tokenize(text: string, maxTokens = 400): Token[] {
  const s = text.normalize('NFC').toLowerCase();
  const out: Token[] = [];
  let last = 0;
  for (const m of s.matchAll(WORD)) {
    const sep = s.slice(last, m.index);
    last = m.index + m[0].length;
    let hard = out.length > 0 && HARD.test(sep);
    for (const part of m[0].split(/(\p{N}+)/u)) {
      if (!part) continue;
      const raw = part.normalize('NFC');
      out.push({ raw, fold: fold(raw), tone: toneKey(raw), marked: hasMarks(raw), hardBefore: hard, numeric: /^\p{N}+$/u.test(raw) });
      hard = false;
      if (out.length >= maxTokens) return out;
    }
  }
  return out;
}

/** Optimal-string-alignment (Damerau–Levenshtein) distance, giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(n + 1).fill(0);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}
