import type { KbEntry, KbFee } from './entry.schema.ts';
import { entryFacts, type FactRef } from './facts.ts';
import { pathLabel } from './field-labels.ts';
import { formatDateVi, formatVnd, hanoiDate } from './format.ts';

/**
 * The "answer view" of an entry on a given day: what the assistant may tell a citizen. Pure: the day comes
 * from `now` (taken as a Hanoi calendar day). Fees are filtered by their validity window; every fact not
 * verified from a trusted source carries a caution with its source date and where to check.
 */

export const CHECK_ADVICE = 'vui lòng kiểm tra lại tại công an xã/phường hoặc trên Cổng Dịch vụ công';

export type FeeChannel = KbFee['channel'];

export const CHANNEL_LABELS: Record<FeeChannel, string> = {
  'truc-tiep': 'Nộp trực tiếp',
  'truc-tuyen': 'Nộp trực tuyến',
  'moi-hinh-thuc': 'Mọi hình thức nộp',
};

export const ONLINE_CHANNEL_LABELS: Record<KbEntry['online']['channels'][number], string> = {
  DVC: 'Cổng Dịch vụ công quốc gia',
  VNeID: 'Ứng dụng VNeID',
  'buu-chinh': 'Dịch vụ bưu chính công ích',
  khac: 'Kênh khác',
};

export interface FeeLineView {
  /** Index in the entry's `fees`. */
  index: number;
  label: string;
  /** null when the entry gives no amount (then `amountText` is the entry's explanation). */
  amountVnd: number | null;
  /** "20.000 đồng", "Miễn phí", or the entry's text. */
  amountText: string;
  channel: FeeChannel;
  channelLabel: string;
  /** Only for those who meet `condition` (exemptions and reductions). */
  condition: string | null;
  /** Window, as written in Vietnamese ("15/8/2026"); null = open-ended. */
  validFrom: string | null;
  validTo: string | null;
  note: string | null;
  verified: boolean;
  /** One sentence: "Miễn lệ phí cho ...: Miễn phí (áp dụng từ 15/8/2026 đến hết 28/2/2027). Điều kiện: ...". */
  text: string;
}

export interface FeesView {
  lines: FeeLineView[];
  /** True when, for at least one way of applying, no amount valid today is known for applicants in general. */
  amountUnknown: boolean;
  /** The channels concerned (empty when nothing at all is known). */
  unknownChannels: FeeChannel[];
  /** What to tell the citizen when `amountUnknown`. */
  unknownText: string | null;
}

export interface FactView {
  text: string;
  verified: boolean;
}

export interface CautionView {
  /** Entry path of the fact ("papers.1", "fees.2", "processingTime"...). */
  field: string;
  /** Newest date among the fact's sources (ISO), or null when it cites none. */
  sourceDate: string | null;
  text: string;
}

export interface AnswerView {
  slug: string;
  title: string;
  officialName: string;
  procedureCode: string | null;
  summary: string;
  /** The Hanoi day the view was computed for (ISO). */
  date: string;
  audience: FactView[];
  papers: Array<FactView & { form: string | null; note: string | null; when: string | null }>;
  steps: string[];
  fees: FeesView;
  processingTime: FactView;
  where: FactView;
  online: { available: boolean; channels: string[]; url: string | null; howTo: string[]; verified: boolean };
  legalBasis: FactView[];
  notes: FactView[];
  lastChecked: string;
  lastCheckedIso: string;
  cautions: CautionView[];
  related: string[];
}

/** True when `day` (ISO) is inside the fee's inclusive window. */
export function feeValidOn(fee: Pick<KbFee, 'from' | 'to'>, day: string): boolean {
  return (!fee.from || fee.from <= day) && (!fee.to || day <= fee.to);
}

export function presentEntry(entry: KbEntry, now: Date): AnswerView {
  const day = hanoiDate(now);
  const fees = presentFees(entry.fees, day);
  const shownFees = new Set(fees.lines.map((l) => `fees.${l.index}`));
  const cautions = entryFacts(entry)
    .filter((f) => !f.verified && (!f.field.startsWith('fees.') || shownFees.has(f.field)))
    .map((f) => caution(entry, f));
  const fact = (f: { text: string; verified: boolean }): FactView => ({ text: f.text, verified: f.verified });
  return {
    slug: entry.slug,
    title: entry.title,
    officialName: entry.officialName,
    procedureCode: entry.procedureCode ?? null,
    summary: entry.summary,
    date: day,
    audience: entry.audience.map(fact),
    papers: entry.papers.map((p) => ({ ...fact(p), form: p.form ?? null, note: p.note ?? null, when: p.when ?? null })),
    steps: entry.steps,
    fees,
    processingTime: fact(entry.processingTime),
    where: fact(entry.where),
    online: {
      available: entry.online.available,
      channels: entry.online.channels.map((c) => ONLINE_CHANNEL_LABELS[c]),
      url: entry.online.url ?? null,
      howTo: entry.online.howTo,
      verified: entry.online.verified,
    },
    legalBasis: entry.legalBasis.map(fact),
    notes: entry.notes.map(fact),
    lastChecked: formatDateVi(entry.lastChecked),
    lastCheckedIso: entry.lastChecked,
    cautions,
    related: entry.related,
  };
}

/** Fee lines valid on `day` (ISO); ended or not-yet-started lines are left out. */
export function presentFees(fees: KbFee[], day: string): FeesView {
  const lines = fees.flatMap((f, index) => (feeValidOn(f, day) ? [feeLine(f, index)] : []));
  const general = (f: KbFee) => !f.condition;
  const known = (f: KbFee) => general(f) && f.amountVnd !== undefined && feeValidOn(f, day);
  const channels = [...new Set(fees.filter(general).map((f) => f.channel))];
  if (channels.length === 0) channels.push('moi-hinh-thuc');
  const coveredBy = (c: FeeChannel) => fees.some((f) => known(f) && (f.channel === c || f.channel === 'moi-hinh-thuc' || c === 'moi-hinh-thuc'));
  const unknownChannels = channels.filter((c) => !coveredBy(c));
  const amountUnknown = unknownChannels.length > 0;
  return { lines, amountUnknown, unknownChannels, unknownText: amountUnknown ? unknownFeeText(unknownChannels, lines.length > 0, day) : null };
}

function feeLine(f: KbFee, index: number): FeeLineView {
  const amountText = f.amountVnd !== undefined ? formatVnd(f.amountVnd) : (f.text ?? 'Chưa rõ mức thu');
  const from = f.from ? formatDateVi(f.from) : null;
  const to = f.to ? formatDateVi(f.to) : null;
  const window = from && to ? ` (áp dụng từ ${from} đến hết ${to})` : to ? ` (áp dụng đến hết ${to})` : from ? ` (áp dụng từ ${from})` : '';
  const condition = f.condition?.trim() || null;
  const note = f.amountVnd !== undefined && f.text ? f.text : null;
  let text = `${f.label}: ${amountText}${window}.`;
  if (condition) text += ` Điều kiện: ${condition}`;
  if (note) text += ` ${note}`;
  return {
    index, label: f.label, amountVnd: f.amountVnd ?? null, amountText, channel: f.channel, channelLabel: CHANNEL_LABELS[f.channel],
    condition, validFrom: from, validTo: to, note, verified: f.verified, text: text.trim(),
  };
}

function unknownFeeText(channels: FeeChannel[], someLines: boolean, day: string): string {
  const which = channels.includes('moi-hinh-thuc') || channels.length > 1 ? '' : ` khi ${CHANNEL_LABELS[channels[0]!].toLowerCase()}`;
  const scope = someLines ? ` cho các trường hợp thông thường (ngoài các trường hợp nêu trên)` : '';
  return `Dạ, hiện chúng tôi chưa có thông tin chính thức về mức lệ phí${which}${scope} áp dụng từ ngày ${formatDateVi(day)}; anh/chị ${CHECK_ADVICE}.`;
}

function caution(entry: KbEntry, f: FactRef): CautionView {
  const dates = f.sources.map((k) => entry.sources[k]?.date).filter((d): d is string => !!d).sort();
  const sourceDate = dates[dates.length - 1] ?? null;
  const what = pathLabel([f.field.split('.')[0]!]).toLowerCase();
  const quoted = f.text.length > 90 ? `${f.text.slice(0, 89)}…` : f.text;
  const when = sourceDate ? `theo nguồn ngày ${formatDateVi(sourceDate)}` : `thông tin cập nhật ngày ${formatDateVi(entry.lastChecked)}`;
  return {
    field: f.field,
    sourceDate,
    text: `Lưu ý: thông tin «${quoted}» (${what}) chưa được xác minh từ nguồn chính thức (${when}); ${CHECK_ADVICE}.`,
  };
}
