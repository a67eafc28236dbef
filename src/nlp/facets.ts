import type { NormalizedText } from './normalize.ts';
import { STOPWORDS } from './lexicon.ts';
import { matchKey } from './normalize.ts';

/** What part of a procedure a question is about. */
export type Facet = 'fee' | 'time' | 'papers' | 'where' | 'online' | 'legal';

/** Cue phrases on folded syllables (matched as whole-syllable sequences). */
const FACET_CUES: Record<Facet, string[]> = {
  fee: ['le phi', 'phi', 'bao nhieu tien', 'het bao nhieu', 'ton bao nhieu', 'mat tien', 'mien phi', 'gia bao nhieu',
    'tien', 'nghin', 'trieu', 'cost', 'fee', 'fees', 'price', 'how much', 'free', 'gia', 'dong', 'charge'],
  time: ['bao lau', 'may ngay', 'bao gio', 'thoi gian', 'thoi han', 'lau khong', 'how long', 'khi nao', 'lau',
    'ngay lam viec', 'nhanh', 'giai quyet', 'xu ly', 'tra ket qua', 'when', 'days', 'take', 'xong'],
  papers: ['giay to', 'ho so gom', 'mang theo', 'mang gi', 'chuan bi', 'can gi', 'ban sao', 'cong chung',
    'anh the', 'to khai', 'documents', 'document', 'papers', 'bring', 'ban chinh', 'photo', 'chung thuc',
    'gom nhung gi', 'nhung gi', 'ho so gom gi'],
  where: ['o dau', 'noi nao', 'cho nao', 'di dau', 'where', 'dia chi', 'phuong nao', 'den dau', 'tai dau', 'o phuong',
    've que'],
  online: ['online', 'truc tuyen', 'qua mang', 'dich vu cong', 'buu dien', 'buu chinh', 'tren mang', 'internet',
    'website', 'tren vneid', 'qua vneid', 'tren app', 'qua app', 'tai nha'],
  legal: ['can cu', 'phap ly', 'luat', 'nghi dinh', 'thong tu', 'quy dinh', 'van ban', 'legal', 'law', 'decree',
    'dieu may', 'phap luat'],
};

const CUES = Object.entries(FACET_CUES)
  .flatMap(([facet, phrases]) => phrases.map((p) => ({ facet: facet as Facet, words: p.split(' ').map(matchKey) })))
  .sort((a, b) => b.words.length - a.words.length);

/** Generic words that carry no procedure meaning in a follow-up fragment ("thế còn lệ phí thì sao?"). */
const GENERIC = new Set([
  'thu', 'tuc', 'cai', 'nay', 'do', 'kia', 'con', 'the', 'thi', 'sao', 'vay', 'nua', 'oi', 'nhe', 'nha', 'a',
  'ad', 'admin', 'bao', 'nhieu', 'can', 'phai', 'co', 'khong', 'duoc', 'lam', 'nop', 'gi', 'nhung',
  'cac', 'buoc', 'it', 'does', 'do', 'i', 'it', 'is', 'the', 'what', 'how', 'can', 'need', 'much', 'long', 'go',
  'which', 'there', 'ket', 'qua', 'xin', 'hoi', 'cho', 'biet', 'em', 'anh', 'chi', 'minh', 'toi', 'ban', 'mat',
  'het', 'ton', 'ngay', 'may', 'gio', 'mot', 'hai', 'ba', 'roi', 'sau', 'tiep', 'theo', 'lai', 'cung', 'va',
  'hay', 'hoac', 'la', 'o', 'de', 'ra', 'vao', 'len', 'mang', 'theo', 'them', 'nao', 'dau',
]);

export interface FacetResult {
  facets: Facet[];
  /** Folded syllables left once facet cues, stop-words and generic words are removed. */
  residual: string[];
}

export function detectFacets(n: NormalizedText): FacetResult {
  const keys = n.foldedSyllables;
  const used = new Array<boolean>(keys.length).fill(false);
  const facets: Facet[] = [];
  for (let i = 0; i < keys.length; i++) {
    for (const { facet, words } of CUES) {
      if (words.every((w, j) => keys[i + j] === w && !used[i + j])) {
        for (let j = 0; j < words.length; j++) used[i + j] = true;
        if (!facets.includes(facet)) facets.push(facet);
        break;
      }
    }
  }
  // generic two-syllable words ("hồ sơ", "thủ tục") are not a topic either
  for (let i = 0; i + 1 < keys.length; i++) {
    const pair = `${keys[i]} ${keys[i + 1]}`;
    if (pair === 'ho so' || pair === 'thu tuc' || pair === 'ket qua') used[i] = used[i + 1] = true;
  }
  const residual = keys.filter((k, i) => !used[i] && !STOPWORDS.has(k) && !GENERIC.has(k) && !/^\d+$/.test(k));
  return { facets, residual };
}
