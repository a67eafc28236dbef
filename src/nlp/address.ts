/**
 * Addresses in free text: "số 12 ngõ 56/3 Nguyễn Chí Thanh, P. Láng Thượng (cũ), Q. Đống Đa",
 * "25 ngach 4 ngo 92 nguyen khanh toan", "hẻm 45 Lê Lợi", "xã Tả Thanh Oai huyện Thanh Trì cũ".
 * Works on the folded copy (same indices as the text) and returns the names as written.
 */
import { hasDiacritics } from './tone.ts';

export interface Alley {
  kind: 'ngõ' | 'ngách' | 'hẻm' | 'kiệt';
  number: string;
}

export interface AdminUnit {
  name: string;
  type: string;
  /** Said to be the pre-merger unit ("phường X cũ"). */
  old: boolean;
}

export interface AddressEntity {
  text: string;
  start: number;
  end: number;
  houseNumber?: string;
  alleys: Alley[];
  street?: string;
  ward?: AdminUnit;
  district?: AdminUnit;
}

interface Part {
  start: number;
  end: number;
  apply: (a: AddressEntity) => void;
}

/** Words that end a place name: accented forms for accented text, folded forms for unaccented text. */
const STOP_ACCENTED = new Set([
  'phường', 'quận', 'huyện', 'xã', 'thị', 'tp', 'cũ', 'nay', 'giờ', 'thuộc', 'sau', 'ở', 'có', 'là', 'đã', 'nhưng',
  'và', 'cần', 'muốn', 'được', 'bị', 'của', 'gần', 'đang', 'cho', 'hỏi', 'mới', 'thì', 'ngõ', 'ngách', 'hẻm', 'kiệt',
  'số', 'đường', 'phố', 'tôi', 'em', 'mình', 'nhà', 'không', 'ko', 'k', 'à', 'ạ', 'nhé', 'vậy', 'thế', 'nào', 'gì',
  'đâu', 'làm', 'rồi', 'trước', 'khi', 'cứu', 'với', 'cháy', 'địa', 'chỉ', 'p', 'q', 'h', 'x', 'tt', 'tx', 'bạn',
  'ad', 'ơi', 'tại', 'trong', 'ngoài', 'lên', 'xuống', 'về', 'đến', 'từ', 'còn', 'mà', 'hay', 'hoặc', 'như',
  'sang', 'bây', 'bao', 'nhiêu', 'trên', 'dưới', 'bên', 'thành', 'hà', 'chung', 'cư', 'tầng', 'đi', 'qua', 'ra',
  'vào', 'gọi', 'báo', 'ai',
]);
const STOP_FOLDED = new Set([
  'phuong', 'quan', 'huyen', 'xa', 'thi', 'tp', 'cu', 'nay', 'gio', 'thuoc', 'sau', 'o', 'co', 'la', 'da', 'nhung',
  'va', 'can', 'muon', 'duoc', 'bi', 'cua', 'gan', 'dang', 'cho', 'hoi', 'moi', 'ngo', 'ngach', 'hem', 'kiet', 'so',
  'duong', 'pho', 'toi', 'em', 'minh', 'nha', 'khong', 'ko', 'k', 'a', 'nhe', 'vay', 'the', 'nao', 'gi', 'dau', 'lam',
  'roi', 'truoc', 'khi', 'cuu', 'voi', 'chay', 'dia', 'p', 'q', 'h', 'x', 'tt', 'tx', 'ad', 'oi', 'tai', 'trong',
  'ngoai', 'len', 'xuong', 've', 'den', 'hay', 'hoac', 'nhu', 'bao', 'nhieu', 'tren', 'duoi', 'chung', 'tang', 'di',
  'ra', 'vao', 'goi', 'ai',
]);
/** Two-word endings: "thành phố", "hà nội", "thị trấn", "thị xã", "chung cư". */
const STOP_BIGRAMS = new Set(['thanh pho', 'ha noi', 'thi tran', 'thi xa', 'chung cu', 'dia chi']);


/** Reads up to `max` name words starting at `from`; returns [endIndex, name] or undefined. */
function readName(text: string, folded: string, from: number, max = 4): [number, string] | undefined {
  const re = /\s*([\p{L}\d]+)/uy;
  let pos = from;
  let end = from;
  let count = 0;
  while (count < max) {
    re.lastIndex = pos;
    const m = re.exec(folded);
    if (!m) break;
    const word = m[1]!;
    const written = text.slice(re.lastIndex - word.length, re.lastIndex).toLowerCase();
    const stop = hasDiacritics(written) ? STOP_ACCENTED.has(written) : STOP_FOLDED.has(word);
    if (stop && !(count > 0 && written === 'bà')) break;
    const next = /^\s*([\p{L}]+)/u.exec(folded.slice(re.lastIndex));
    if (next && STOP_BIGRAMS.has(`${word} ${next[1]}`)) break;
    if (/^\d+$/.test(word) && count > 0) break;
    count++;
    pos = re.lastIndex;
    end = pos;
  }
  if (count === 0) return undefined;
  const startWord = from + (/^\s*/.exec(folded.slice(from))?.[0].length ?? 0);
  return [end, text.slice(startWord, end)];
}

function oldMarker(folded: string, end: number): [boolean, number] {
  const m = /^\s*[(,]?\s*cu\b\)?/.exec(folded.slice(end));
  return m ? [true, end + m[0].length] : [false, end];
}

const WARD_RE = /(?<![\p{L}])(phuong|xa|thi tran|p\.|x\.|tt\.)\s*/gu;
const DISTRICT_RE = /(?<![\p{L}])(quan|huyen|thi xa|q\.|h\.|tx\.)\s*/gu;
const ALLEY_RE = /(?<![\p{L}])(ngo|ngach|hem|kiet)\s*(\d+[a-z]?(?:\/\d+[a-z]?)*)/gu;
const HOUSE_RE = /(?<![\p{L}\d\/])(?:so nha|so|nha so|nha)?\s*(\d{1,4}[a-z]?(?:\/\d{1,4}[a-z]?)?)(?=\s+(?:ngo|ngach|hem|kiet|pho|duong|[\p{L}]))/gu;
const STREET_RE = /(?<![\p{L}])(duong|pho)\s+/gu;

const WARD_TYPES: Record<string, string> = { phuong: 'phường', xa: 'xã', 'thi tran': 'thị trấn', 'p.': 'phường', 'x.': 'xã', 'tt.': 'thị trấn' };
const DISTRICT_TYPES: Record<string, string> = { quan: 'quận', huyen: 'huyện', 'thi xa': 'thị xã', 'q.': 'quận', 'h.': 'huyện', 'tx.': 'thị xã' };
const ALLEY_KINDS: Record<string, Alley['kind']> = { ngo: 'ngõ', ngach: 'ngách', hem: 'hẻm', kiet: 'kiệt' };

export function extractAddresses(text: string, folded: string, taken: Array<[number, number]>): AddressEntity[] {
  const parts: Part[] = [];
  const free = (s: number, e: number) => !taken.some(([a, b]) => s < b && e > a);
  for (const m of folded.matchAll(WARD_RE)) {
    const name = readName(text, folded, m.index! + m[0].length);
    if (!name) continue;
    const [old, end] = oldMarker(folded, name[0]);
    const type = WARD_TYPES[m[1]!]!;
    parts.push({ start: m.index!, end, apply: (a) => (a.ward = { name: name[1], type, old }) });
  }
  for (const m of folded.matchAll(DISTRICT_RE)) {
    const name = readName(text, folded, m.index! + m[0].length);
    if (!name) continue;
    const [old, end] = oldMarker(folded, name[0]);
    const type = DISTRICT_TYPES[m[1]!]!;
    parts.push({ start: m.index!, end, apply: (a) => (a.district = { name: name[1], type, old }) });
  }
  for (const m of folded.matchAll(ALLEY_RE)) {
    if (!free(m.index!, m.index! + m[0].length)) continue;
    const kind = ALLEY_KINDS[m[1]!]!;
    const num = m[2]!.toUpperCase();
    let end = m.index! + m[0].length;
    const alley = { kind, number: num };
    // the street often follows the alley number directly: "ngõ 56 Nguyễn Chí Thanh"
    const street = /^\s+(?!ngo|ngach|hem|kiet|phuong|quan|huyen|xa\b|p\.|q\.)/.test(folded.slice(end)) ? readName(text, folded, end) : undefined;
    if (street) end = street[0];
    parts.push({
      start: m.index!,
      end,
      apply: (a) => {
        a.alleys.push(alley);
        if (street && !a.street) a.street = street[1];
      },
    });
  }
  for (const m of folded.matchAll(STREET_RE)) {
    const name = readName(text, folded, m.index! + m[0].length);
    if (!name) continue;
    parts.push({ start: m.index!, end: name[0], apply: (a) => (a.street ??= name[1]) });
  }
  const alleySpans: Array<[number, number]> = [...folded.matchAll(ALLEY_RE)].map((m) => [m.index!, m.index! + m[0].length]);
  for (const m of folded.matchAll(HOUSE_RE)) {
    if (alleySpans.some(([s, e]) => m.index! + m[0].length > s && m.index! + m[0].length <= e)) continue;
    const start = m.index! + (m[0].length - m[0].trimStart().length);
    const end = m.index! + m[0].length;
    if (!free(start, end)) continue;
    const next = folded.slice(end);
    const hasPrefix = /^(so nha|so|nha so|nha)\s/.test(folded.slice(start));
    const followedByAddress = /^\s+(ngo|ngach|hem|kiet|pho|duong)\b/.test(next);
    const followedByName = /^\s+\p{L}/u.test(next) && !/^\s+(tuoi|ngay|thang|nam|nguoi|lan|gio|phut|trieu|nghin|k|so|tang|phong|cai|chiec|xe|con|chau|be|tr)\b/.test(next);
    if (!hasPrefix && !followedByAddress) {
      // a bare number followed by a street name only counts right before a ward/district/alley part
      if (!followedByName) continue;
      const street = readName(text, folded, end);
      if (!street || !/^\s*,?\s*(phuong|p\.|quan|q\.|huyen|xa)\b/.test(folded.slice(street[0]))) continue;
      parts.push({ start, end: street[0], apply: (a) => { a.houseNumber ??= m[1]!.toUpperCase(); a.street ??= street[1]; } });
      continue;
    }
    if (hasPrefix && !followedByAddress && !followedByName) continue;
    let endAll = end;
    let streetName: string | undefined;
    if (!followedByAddress && followedByName) {
      const street = readName(text, folded, end);
      if (street) {
        streetName = street[1];
        endAll = street[0];
      }
    }
    parts.push({
      start,
      end: endAll,
      apply: (a) => {
        a.houseNumber ??= m[1]!.toUpperCase();
        if (streetName) a.street ??= streetName;
      },
    });
  }
  parts.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: AddressEntity[] = [];
  let cur: AddressEntity | undefined;
  for (const p of parts) {
    if (cur && p.start < cur.end) {
      if (p.end > cur.end) cur.end = p.end;
      p.apply(cur);
      continue;
    }
    const gap = cur ? folded.slice(cur.end, p.start) : '';
    if (cur && /^[\s,.;()-]*$/.test(gap)) {
      cur.end = p.end;
      p.apply(cur);
      continue;
    }
    cur = { text: '', start: p.start, end: p.end, alleys: [] };
    p.apply(cur);
    out.push(cur);
  }
  for (const a of out) a.text = text.slice(a.start, a.end).trim();
  return out;
}
