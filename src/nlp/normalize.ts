import { canonicalTones, foldDiacritics } from './tone.ts';
import {
  ACCENTED_EXPANSIONS,
  AMBIGUOUS,
  CONCEPTS,
  EN_GLOSSARY,
  ENGLISH_HINTS,
  FOLDED_EXPANSIONS,
  SHARED_VI_EN,
} from './lexicon.ts';

export interface Expansion {
  token: string;
  expansion: string;
}

export interface Ambiguity {
  token: string;
  options: string[];
}

export interface NormalizedText {
  /** The input, NFC, control characters removed, whitespace collapsed, tone marks placed one way. */
  nfc: string;
  /** `nfc` lower-cased. */
  lower: string;
  /** `lower` without diacritics (đ → d). */
  folded: string;
  /** Lower-case words as written (punctuation removed, "500k" split into "500 k"). */
  tokens: string[];
  /** Lower-case accented syllables after expanding abbreviations and teencode. */
  syllables: string[];
  /** `syllables` folded (no diacritics, đ → d, and "ký"/"kí" spelled one way). Same length as `syllables`. */
  foldedSyllables: string[];
  /** Abbreviations and teencode that were expanded. */
  expansions: Expansion[];
  /** Abbreviations with several meanings, kept as they are for the dialogue to clarify. */
  ambiguities: Ambiguity[];
  /** Concept tags found (synonyms: "hộ khẩu" and "thường trú" both give `thuongtru`). */
  concepts: string[];
  language: 'vi' | 'en';
  /** For English messages: the Vietnamese renderings appended to `syllables` ("passport" → "hộ chiếu"). */
  glossary: string[];
  /** True when the message is (almost) written without Vietnamese diacritics. */
  unaccented: boolean;
  /** Mostly capital letters or repeated exclamation marks. */
  shouting: boolean;
}

const NUMBER_UNITS: Record<string, string> = {
  k: 'nghìn', ng: 'nghìn', nghin: 'nghìn', ngan: 'nghìn', tr: 'triệu', trieu: 'triệu', t: 'tuổi', tuoi: 'tuổi',
  h: 'giờ', g: 'giờ', gio: 'giờ', p: 'phút', ph: 'phút', phut: 'phút', ngay: 'ngày', th: 'tháng', thang: 'tháng',
};

/** Folded-syllable spelling unification used for matching: "ky"/"ki", "ly"/"li", "my"/"mi"... */
export function matchKey(folded: string): string {
  return /^(b|d|h|k|l|m|n|r|s|t|v|ph|th|ch|tr|kh|nh|ng)y$/.test(folded) ? folded.slice(0, -1) + 'i' : folded;
}

const conceptIndex = buildConceptIndex();

function buildConceptIndex() {
  const byFirst = new Map<string, Array<{ words: string[]; tag: string }>>();
  for (const [tag, phrases] of Object.entries(CONCEPTS)) {
    for (const p of phrases) {
      const words = p.split(' ').map(matchKey);
      const list = byFirst.get(words[0]!) ?? [];
      list.push({ words, tag });
      byFirst.set(words[0]!, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  return byFirst;
}

/** Concept tags for a folded syllable sequence (longest phrase first, overlapping phrases allowed). */
export function findConcepts(keys: string[]): string[] {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i++) {
    const list = conceptIndex.get(keys[i]!);
    if (!list) continue;
    for (const { words, tag } of list) {
      let ok = true;
      for (let j = 1; j < words.length; j++) {
        if (keys[i + j] !== words[j]) {
          ok = false;
          break;
        }
      }
      if (ok) found.add(tag);
    }
  }
  return [...found];
}

const TONE_OR_QUALITY = /[\u0300-\u0303\u0306\u0309\u031b\u0323]/;

function cleanInput(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function splitTokens(lower: string): string[] {
  const out: string[] = [];
  for (const m of lower.matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    const unit = /^(\d+)([a-zđ]+)$/u.exec(foldDiacritics(w));
    if (unit && NUMBER_UNITS[unit[2]!]) out.push(unit[1]!, unit[2]!);
    else out.push(w);
  }
  return out;
}

/** Context-dependent expansions (decided from neighbours, folded). */
function contextual(folded: string, prev: string, next: string, prevIsNumber: boolean): string | undefined {
  if (prevIsNumber && NUMBER_UNITS[folded]) return NUMBER_UNITS[folded];
  switch (folded) {
    case 'mk':
      return ['quen', 'doi', 'nhap', 'lay', 'sai'].includes(prev) ? 'mật khẩu' : 'mình';
    case 'hk':
      return ['so', 'nhap', 'cat', 'chuyen', 'tach', 'xoa', 'rut', 'co', 'lam', 'dang', 'ky', 'ki'].includes(prev) ||
        ['thuong', 'tai', 'o', 've', 'cho', 'goc'].includes(next)
        ? 'hộ khẩu'
        : 'không';
    case 'dk':
      return ['du', 'co', 'dat'].includes(prev) ? 'điều kiện' : 'đăng ký';
    case 'bn':
      return ['cho', 'cua', 'cam', 'on', 'voi', 'hoi', 'giup', 'xin'].includes(prev) || next === 'oi' ? 'bạn' : 'bao nhiêu';
    case 'ca':
      return ['phuong', 'xa', 'quan', 'huyen', 'tinh', 'tp', 'thanh', 'hn'].includes(next) ? 'công an' : undefined;
    default:
      return undefined;
  }
}

const glossaryEntries = Object.entries(EN_GLOSSARY)
  .map(([en, vi]) => ({ words: en.split(' '), vi }))
  .sort((a, b) => b.words.length - a.words.length);

/** Vietnamese renderings of the English phrases of a message, longest match first. */
function glossaryFor(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const g = glossaryEntries.find((e) => e.words.every((w, j) => tokens[i + j] === w));
    if (g) {
      out.push(g.vi);
      i += g.words.length - 1;
    }
  }
  return out;
}

export function normalize(text: string): NormalizedText {
  const nfc = canonicalTones(cleanInput(text));
  const lower = nfc.toLowerCase();
  const folded = foldDiacritics(lower);
  const tokens = splitTokens(lower);
  const syllables: string[] = [];
  const foldedSyllables: string[] = [];
  const expansions: Expansion[] = [];
  const ambiguities: Ambiguity[] = [];
  let marked = 0;
  let alpha = 0;
  let english = 0;
  let viOnly = 0;
  const foldedTokens = tokens.map((t) => foldDiacritics(t));
  tokens.forEach((tok, i) => {
    const f = foldedTokens[i]!;
    const isAlpha = /\p{L}/u.test(tok);
    if (isAlpha) {
      alpha++;
      if (TONE_OR_QUALITY.test(tok.normalize('NFD')) || tok.includes('đ')) marked++;
      if (ENGLISH_HINTS.has(f) && !SHARED_VI_EN.has(f) && f === tok) english++;
      else if (tok !== f) viOnly++;
    }
    const plain = tok.replace(/đ/g, 'd') === f; // written without tone/quality marks (đ allowed)
    let exp = contextual(f, foldedTokens[i - 1] ?? '', foldedTokens[i + 1] ?? '', /^\d+$/.test(tokens[i - 1] ?? ''));
    if (exp === undefined && !plain) exp = ACCENTED_EXPANSIONS[tok];
    if (exp === undefined && plain && AMBIGUOUS[f]) {
      ambiguities.push({ token: tok, options: AMBIGUOUS[f]! });
    } else if (exp === undefined && plain) {
      exp = FOLDED_EXPANSIONS[f];
    }
    if (exp !== undefined && exp !== tok) {
      if (foldDiacritics(exp) !== f) expansions.push({ token: tok, expansion: exp });
      for (const s of exp.split(' ')) {
        syllables.push(s);
        foldedSyllables.push(matchKey(foldDiacritics(s)));
      }
    } else {
      syllables.push(tok);
      foldedSyllables.push(matchKey(f));
    }
  });
  const letters = nfc.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  const shouting = (letters.length >= 6 && upper / letters.length > 0.7) || /!{2,}/.test(nfc);
  const language: 'vi' | 'en' = english >= 2 && english >= 0.4 * alpha && viOnly === 0 ? 'en' : 'vi';
  const unaccented = language === 'vi' && alpha > 0 && marked / alpha < 0.15;
  const glossary = language === 'en' ? glossaryFor(foldedTokens) : [];
  if (language === 'en') {
    for (const vi of glossary) {
      for (const s of vi.split(' ')) {
        syllables.push(s);
        foldedSyllables.push(matchKey(foldDiacritics(s)));
      }
    }
  }
  return {
    nfc,
    lower,
    folded,
    tokens,
    syllables,
    foldedSyllables,
    expansions,
    ambiguities,
    concepts: findConcepts(foldedSyllables),
    language,
    glossary,
    unaccented,
    shouting,
  };
}
