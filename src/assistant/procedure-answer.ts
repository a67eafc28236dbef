import type { KbEntry } from '../kb/entry.schema.ts';
import { presentEntry, type AnswerView } from '../kb/present.ts';
import type { Facet } from '../nlp/index.ts';
import type { ProcedureCard } from './chat.types.ts';
import type { Lang } from './dialogue-state.ts';
import type { PublishedEntry } from './knowledge.ts';
import type { Templates } from './replies/index.ts';
import { bullet, numbered } from './replies/templates.ts';

/**
 * Renders a knowledge-base entry as the assistant's answer: a short text (the summary, or the part asked
 * about) and a structured card (papers, fee valid today, time, where, online, legal basis, last checked,
 * cautions). Facts come only from the entry via `presentEntry`; English replies use the entry's optional
 * `en` block when present, otherwise render amounts and channels in English and quote the rest in Vietnamese.
 */

/** The entry's optional English block (same facts, translated; fees stay structured). */
const enBlock = (e: KbEntry) => e.en;

const FACET_FIELD: Record<Facet, string> = {
  fee: 'fees',
  time: 'processingTime',
  papers: 'papers',
  where: 'where',
  online: 'online',
  legal: 'legalBasis',
};

const EN_FEE_CHANNEL: Record<string, string> = { 'truc-tiep': 'in person', 'truc-tuyen': 'online', 'moi-hinh-thuc': 'any way of applying' };
const EN_ONLINE_CHANNEL: Record<string, string> = {
  DVC: 'the National Public Service Portal',
  VNeID: 'the VNeID app',
  'buu-chinh': 'the public postal service',
  khac: 'other channels',
};

export function formatVndEn(amount: number): string {
  return amount === 0 ? 'Free' : `${String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} VND`;
}

/** The entry's `related` links that are published, as the card lists them. */
export function publishedRelated(entries: ReadonlyMap<string, PublishedEntry>, entry: KbEntry): Array<{ slug: string; title: string }> {
  return entry.related.flatMap((slug) => {
    const e = entries.get(slug);
    return e ? [{ slug, title: e.entry.title }] : [];
  });
}

export interface ProcedureAnswer {
  text: string;
  card: ProcedureCard;
  view: AnswerView;
}

export function buildProcedureCard(view: AnswerView, entry: KbEntry, lang: Lang, related: Array<{ slug: string; title: string }>, focus?: Facet): ProcedureCard {
  const en = lang === 'en' ? enBlock(entry) : undefined;
  const papers = view.papers.map((p, i) => ({ text: en?.papers?.[i] ?? p.text, form: p.form, note: p.note, when: p.when, verified: p.verified }));
  return {
    type: 'procedure',
    slug: view.slug,
    title: en?.title ?? view.title,
    summary: en?.summary ?? view.summary,
    ...(focus ? { focus } : {}),
    papers,
    fees: {
      lines: view.fees.lines.map((l) => ({
        label: l.label, amountVnd: l.amountVnd, amountText: lang === 'en' && l.amountVnd !== null ? formatVndEn(l.amountVnd) : l.amountText,
        channel: l.channel, channelLabel: lang === 'en' ? EN_FEE_CHANNEL[l.channel]! : l.channelLabel, condition: l.condition,
        validFrom: l.validFrom, validTo: l.validTo, note: l.note, verified: l.verified, text: l.text,
      })),
      unknownText: view.fees.unknownText,
    },
    processingTime: { text: en?.processingTime ?? view.processingTime.text, verified: view.processingTime.verified },
    where: { text: en?.where ?? view.where.text, verified: view.where.verified },
    online: {
      available: view.online.available,
      channels: lang === 'en' ? entry.online.channels.map((c) => EN_ONLINE_CHANNEL[c]!) : view.online.channels,
      url: view.online.url,
      howTo: view.online.howTo,
    },
    legalBasis: view.legalBasis.map((l) => l.text),
    lastChecked: view.lastCheckedIso,
    lastCheckedText: lang === 'en' ? view.lastCheckedIso : view.lastChecked,
    cautions: view.cautions.map((c) => c.text),
    related,
    factsLanguage: en ? 'en' : 'vi',
  };
}

function facetTextVi(view: AnswerView, facet: Facet, t: Templates): string {
  switch (facet) {
    case 'fee': {
      const lines = view.fees.lines.map((l) => l.text);
      return [lines.length ? bullet(lines) : '', view.fees.unknownText ?? ''].filter(Boolean).join('\n');
    }
    case 'time':
      return view.processingTime.text;
    case 'papers':
      return view.papers.length
        ? bullet(view.papers.map((p) => `${p.text}${p.form ? ` (mẫu ${p.form})` : ''}${p.when ? ` — ${p.when}` : ''}${p.note ? `. ${p.note}` : ''}`))
        : 'Không cần chuẩn bị giấy tờ riêng.';
    case 'where':
      return view.where.text;
    case 'online':
      return view.online.available
        ? [t.onlineAvailable(view.online.channels, view.online.url), view.online.howTo.length ? numbered(view.online.howTo) : ''].filter(Boolean).join('\n')
        : t.onlineUnavailable(view.where.text);
    case 'legal':
      return bullet(view.legalBasis.map((l) => l.text));
  }
}

function facetTextEn(view: AnswerView, entry: KbEntry, facet: Facet, t: Templates): string {
  const en = enBlock(entry);
  const note = t.factsInVietnamese();
  switch (facet) {
    case 'fee': {
      const lines = view.fees.lines.map(
        (l) => `${l.amountVnd !== null ? formatVndEn(l.amountVnd) : l.amountText} — ${EN_FEE_CHANNEL[l.channel]}${l.condition ? ', with conditions' : ''}${l.validTo ? `, until ${l.validTo}` : ''} (${l.label})`,
      );
      const unknown = view.fees.amountUnknown ? 'No official amount is known for some cases; please check with the ward police or on the National Public Service Portal.' : '';
      return [lines.length ? bullet(lines) : '', unknown].filter(Boolean).join('\n');
    }
    case 'time':
      return en?.processingTime ?? `${note}\n${view.processingTime.text}`;
    case 'papers':
      return en?.papers?.length ? bullet(en.papers) : `${note}\n${bullet(view.papers.map((p) => `${p.text}${p.form ? ` (form ${p.form})` : ''}${p.when ? ` — ${p.when}` : ''}`))}`;
    case 'where':
      return en?.where ?? `${note}\n${view.where.text}`;
    case 'online':
      return view.online.available
        ? [t.onlineAvailable(entry.online.channels.map((c) => EN_ONLINE_CHANNEL[c]!), view.online.url), en?.online ?? ''].filter(Boolean).join('\n')
        : t.onlineUnavailable(en?.where ?? view.where.text);
    case 'legal':
      return bullet(view.legalBasis.map((l) => l.text));
  }
}

/** The whole answer for one procedure, focused on `facet` when the citizen asked about one part. */
export function answerProcedure(entry: KbEntry, now: Date, t: Templates, related: Array<{ slug: string; title: string }>, facet?: Facet): ProcedureAnswer {
  const view = presentEntry(entry, now);
  const card = buildProcedureCard(view, entry, t.lang, related, facet);
  const en = t.lang === 'en' ? enBlock(entry) : undefined;
  const title = en?.title ?? view.title;
  const checked = t.lastChecked(t.lang === 'en' ? view.lastCheckedIso : view.lastChecked);
  let text: string;
  if (facet) {
    const body = t.lang === 'en' ? facetTextEn(view, entry, facet, t) : facetTextVi(view, facet, t);
    const cautions = view.cautions.filter((c) => c.field === FACET_FIELD[facet] || c.field.startsWith(`${FACET_FIELD[facet]}.`));
    const cautionText = cautions.length
      ? t.lang === 'en'
        ? 'Some of this is not confirmed by an official source yet; please check with the ward police or on the portal.'
        : cautions.map((c) => c.text).join('\n')
      : '';
    text = [t.facetIntro(facet, title), body, cautionText, checked].filter(Boolean).join('\n');
  } else if (t.lang === 'en' && !en) {
    const fee = facetTextEn(view, entry, 'fee', t);
    const online = view.online.available ? t.onlineAvailable(entry.online.channels.map((c) => EN_ONLINE_CHANNEL[c]!), view.online.url) : '';
    text = [t.procedureIntro(title), t.factsInVietnamese(), view.summary, fee ? `Fees:\n${fee}` : '', online, checked].filter(Boolean).join('\n');
  } else {
    text = [en?.summary ?? view.summary, checked].join('\n');
  }
  return { text, card, view };
}
