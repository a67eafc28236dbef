import type { KbEntry } from '../../kb/entry.schema.ts';
import { META_INTENTS, type Classification, type Facet } from '../../nlp/index.ts';
import type { ClarifyOption, Pending } from '../dialogue-state.ts';
import { answerProcedure, publishedRelated } from '../procedure-answer.ts';
import type { Turn, TurnResult } from '../turn.ts';
import { ageRangeOf, inRange, parseChoice, type AgeRange, type AudienceShift } from '../understanding.ts';
import { quick, type FlowDeps } from './common.ts';

/**
 * Procedure answers: a confident classification, a follow-up on the procedure under discussion ("còn lệ phí?",
 * "làm online được không?"), the same question for a child ("thế còn cho con tôi?", "con tôi 10 tuổi"),
 * clarifying questions when unsure, and the polite "I don't know" with the two best guesses.
 */

const REPORT_SLUG_PREFIXES = ['to-giac.', 'trinh-bao.'];
const FACET_ORDER: Facet[] = ['papers', 'fee', 'online', 'time', 'where', 'legal'];

/** The answer for `slug`, focused on `facet`; `lead` lines go before it (e.g. which variant applies). */
export function procedureAnswer(turn: Turn, slug: string, facet: Facet | undefined, opts: { lead?: string[]; act?: TurnResult['act'] } = {}): TurnResult | null {
  const pe = turn.knowledge.entries.get(slug);
  if (!pe) return null;
  const { text, card } = answerProcedure(pe.entry, turn.now, turn.t, publishedRelated(turn.knowledge.entries, pe.entry), facet);
  const quickReplies = quick(FACET_ORDER.filter((f) => f !== facet).slice(0, 3).map((f) => turn.t.facetQuestions()[f]));
  if (REPORT_SLUG_PREFIXES.some((p) => slug.startsWith(p))) quickReplies.unshift({ label: turn.t.startReportOffer(), text: turn.t.startReportOffer() });
  turn.state.topic = { slug, ...(facet ? { facet } : {}), ...(turn.state.topic?.slug === slug && turn.state.topic.audience ? { audience: turn.state.topic.audience } : {}) };
  turn.state.lowStreak = 0;
  return {
    reply: { text: [...(opts.lead ?? []), text].join('\n'), language: turn.lang, card, quickReplies },
    intent: 'procedure',
    act: opts.act ?? 'answer',
    procedure: { slug, title: pe.entry.title },
    answered: { slug, versionId: pe.versionId },
  };
}

/** "còn lệ phí?" — the facet of the procedure under discussion, or a question back when there is none. */
export function followup(turn: Turn, facet: Facet | undefined): TurnResult | null {
  const topic = turn.state.topic;
  if (topic && turn.knowledge.entries.has(topic.slug)) {
    const r = procedureAnswer(turn, topic.slug, facet ?? topic.facet, { act: 'followup' });
    if (r) r.band = 'confident';
    return r;
  }
  // no procedure under discussion: a fragment the classifier still ties to one procedure ("bị mất giấy tờ") names it
  const best = turn.classification.candidates.find((c) => c.kind === 'procedure');
  if (best && best.probability >= 0.5 && turn.knowledge.entries.has(best.label)) return procedureAnswer(turn, best.label, facet);
  if (!facet) return null;
  turn.state.pending = { kind: 'topic_for_facet', facet };
  const examples = [...turn.knowledge.entries.values()].slice(0, 2).map((e) => e.entry.title);
  return {
    reply: { text: turn.t.needTopic(facet, examples), language: turn.lang },
    intent: 'procedure',
    act: 'clarify',
  };
}

const rangeOf = (e: KbEntry): AgeRange | null => ageRangeOf(e.title);
const fits = (r: AgeRange, shift: AudienceShift) => (shift.age !== undefined ? inRange(r, shift.age) : r.min === 0 && r.max <= 18);

/** Lines of an entry that concern children (papers whose "when" names an age under 18 or children). */
function childSpecifics(e: KbEntry): string[] {
  return e.papers
    .filter((p) => {
      if (!p.when) return false;
      const r = ageRangeOf(p.when);
      return (r !== null && r.max <= 18) || /trẻ|con |chưa thành niên/i.test(p.when);
    })
    .map((p) => `${p.text} — ${p.when}`);
}

/**
 * The same question for someone else ("thế còn cho con tôi?", "con tôi 10 tuổi"): the related entry whose
 * title's age range fits (from the entries' `related` links and group, read generically), or the same entry
 * with its child-specific papers, or an honest "no specific information".
 */
export function audienceShift(turn: Turn, shift: AudienceShift): TurnResult | null {
  const topic = turn.state.topic;
  const cur = topic ? turn.knowledge.entries.get(topic.slug)?.entry : undefined;
  if (!topic || !cur) return null;
  const facet = turn.classification.facet ?? topic.facet;
  const curRange = rangeOf(cur);
  const candidates = new Map<string, KbEntry>();
  for (const slug of cur.related) {
    const e = turn.knowledge.entries.get(slug)?.entry;
    if (e) candidates.set(slug, e);
  }
  for (const { entry } of turn.knowledge.entries.values()) {
    if (entry.slug !== cur.slug && entry.group === cur.group && entry.related.includes(cur.slug)) candidates.set(entry.slug, entry);
  }
  const ranged = [...candidates.values()].map((e) => ({ e, r: rangeOf(e) })).filter((x): x is { e: KbEntry; r: AgeRange } => x.r !== null && x.e.group === cur.group);
  const remember = () => (turn.state.topic = { ...turn.state.topic!, audience: shift });
  if (curRange && fits(curRange, shift)) {
    const r = procedureAnswer(turn, cur.slug, facet, { lead: [turn.t.childVariant(cur.title, shift.age)] });
    remember();
    return r;
  }
  const variant = ranged.find((x) => fits(x.r, shift));
  if (variant) {
    const others = [...(curRange ? [{ e: cur, r: curRange }] : []), ...ranged.filter((x) => x !== variant)].filter((x) => !fits(x.r, shift) && x.r.min > 0);
    const lead = [turn.t.childVariant(variant.e.title, shift.age), ...(shift.age === undefined ? others.slice(0, 1).map((o) => turn.t.otherAgeVariant(o.e.title, o.r)) : [])];
    const r = procedureAnswer(turn, variant.e.slug, facet, { lead });
    remember();
    return r;
  }
  if (!curRange) {
    const r = procedureAnswer(turn, cur.slug, facet, { lead: [turn.t.childSameProcedure(cur.title, childSpecifics(cur))] });
    remember();
    return r;
  }
  return {
    reply: { text: turn.t.childUnknown(cur.title), language: turn.lang, quickReplies: quick([turn.t.talkToOfficer()]) },
    intent: 'procedure',
    act: 'fallback',
    procedure: { slug: cur.slug, title: cur.title },
    low: true,
  };
}

const SKIPPED_OPTION_INTENTS = new Set(['followup', 'out_of_scope', 'smalltalk', 'greeting', 'thanks_bye']);

function clarifyOptions(turn: Turn, c: Classification): ClarifyOption[] {
  const opts = c.clarify?.options ?? [];
  const amb = c.ambiguities[0];
  return opts
    .map((o): ClarifyOption | null => {
      if (turn.knowledge.entries.has(o.label)) return { kind: 'procedure', value: o.label, title: o.title };
      if ((META_INTENTS as readonly string[]).includes(o.label)) return SKIPPED_OPTION_INTENTS.has(o.label) ? null : { kind: 'intent', value: o.label, title: o.title };
      return amb ? { kind: 'expansion', value: o.label, title: o.title, token: amb.token } : null;
    })
    .filter((o): o is ClarifyOption => o !== null);
}

/** Two best procedures among the candidates (for the fallback and the unanswered log). */
export function bestGuesses(turn: Turn, c: Classification, n = 2) {
  return c.candidates.filter((x) => x.kind === 'procedure' && turn.knowledge.entries.has(x.label)).slice(0, n);
}

async function recordUnanswered(turn: Turn, deps: FlowDeps, c: Classification) {
  try {
    await deps.feedback.recordUnanswered({
      question: turn.text,
      guesses: bestGuesses(turn, c, 5).map((g) => ({ slug: g.label, score: Math.round(g.probability * 1000) / 1000 })),
      at: turn.now,
    });
  } catch (err) {
    turn.log.warn({ err }, 'unanswered question not recorded');
  }
}

/** Unsure band: ask which one, offering the options as quick replies ("1"/"2"/the title answers it). */
export async function clarify(turn: Turn, deps: FlowDeps): Promise<TurnResult> {
  const c = turn.classification;
  const options = clarifyOptions(turn, c);
  await recordUnanswered(turn, deps, c);
  if (options.length === 0) return fallback(turn, deps, false);
  const titles = options.map((o) => o.title);
  const question = turn.lang === 'vi' && c.clarify && options.length === (c.clarify.options.length) ? c.clarify.question : turn.t.clarify(titles);
  turn.state.pending = { kind: 'clarify', original: turn.text, ...(c.facet ? { facet: c.facet } : {}), options };
  return {
    reply: { text: question, language: turn.lang, quickReplies: quick(titles) },
    intent: c.intent === 'procedure' ? 'procedure' : c.intent,
    act: 'clarify',
    band: c.band,
    confidence: c.confidence,
    low: true,
  };
}

/** Out of scope / unknown: say so politely, offer the two best guesses and an officer. */
export async function fallback(turn: Turn, deps: FlowDeps, record = true): Promise<TurnResult> {
  const c = turn.classification;
  if (record) await recordUnanswered(turn, deps, c);
  const guesses = bestGuesses(turn, c).map((g) => ({ slug: g.label, title: turn.knowledge.entries.get(g.label)!.entry.title }));
  if (guesses.length) {
    turn.state.pending = { kind: 'clarify', original: turn.text, options: guesses.map((g) => ({ kind: 'procedure' as const, value: g.slug, title: g.title })) };
  }
  return {
    reply: {
      text: turn.t.fallback(guesses.map((g) => g.title)),
      language: turn.lang,
      quickReplies: quick([...guesses.map((g) => g.title), turn.t.talkToOfficer()]),
      actions: [{ type: 'handoff', label: turn.t.talkToOfficer() }],
    },
    intent: 'unknown',
    act: 'fallback',
    band: c.band,
    confidence: c.confidence,
    low: true,
  };
}

/** The citizen's answer to a clarifying question: the chosen option, or null when it is not an answer. */
export function chosenOption(turn: Turn, pending: Extract<Pending, { kind: 'clarify' }>): ClarifyOption | null {
  const i = parseChoice(turn.text, pending.options.map((o) => o.title));
  return i === null ? null : pending.options[i]!;
}

/** Re-reads the original message with the ambiguous abbreviation spelled out ("tt cho con" → "tạm trú cho con"). */
export function expandOriginal(original: string, token: string, expansion: string): string {
  const esc = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return original.replace(new RegExp(`(^|[^\\p{L}\\p{N}])${esc}(?=$|[^\\p{L}\\p{N}])`, 'iu'), `$1${expansion}`);
}
