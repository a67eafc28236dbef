import { detectEmergency, hasDiacritics, type Classification } from '../nlp/index.ts';
import type { Lang } from './dialogue-state.ts';
import { commandOf, quick, readWard, type FlowDeps } from './flows/common.ts';
import { activeEmergency, emergencyTurn } from './flows/emergency.flow.ts';
import { askHuman, continueHandoffWard, continueOffer, offerHandoff } from './flows/handoff.flow.ts';
import { audienceShift, chosenOption, clarify, expandOriginal, fallback, followup, procedureAnswer } from './flows/procedure.flow.ts';
import { continueReport, reportKindOf, startReport } from './flows/report.flow.ts';
import { continueStatus, startStatus } from './flows/status.flow.ts';
import { findWard } from './flows/ward.flow.ts';
import type { HandoffRow } from './handoff.repository.ts';
import { templates } from './replies/index.ts';
import { findTrackingCode } from './tracking-code.ts';
import type { Turn, TurnResult } from './turn.ts';
import { asksReportStatus, detectAudienceShift } from './understanding.ts';

/**
 * The decision order for one message (channel-agnostic, see README):
 *   1. emergency — checked first on every message, even mid-flow or while an officer handles the chat;
 *   2. a conversation an officer has taken: the message is forwarded, the assistant only acknowledges (while it
 *      is still queued the assistant keeps answering; the officers see the whole conversation);
 *   3. buttons the assistant offered (exact labels);
 *   4. the pending question (report form, clarification, address, status code, hand-off offer/ward);
 *   5. a tracking code anywhere → status lookup; the same question for a child → the related procedure;
 *   6. the classifier's intent and band.
 * Low confidence twice in a row adds the offer to talk to an officer.
 */

/** Reply language: English messages get English; short or ambiguous ones keep the conversation's language. */
export function pickLanguage(c: Classification, text: string, current: Lang): Lang {
  const words = c.normalized.tokens.length;
  if (c.language === 'en' && words >= 2) return 'en';
  if (c.language === 'vi' && (hasDiacritics(text) || words >= 3)) return 'vi';
  return current;
}

function smalltalk(turn: Turn, kind: 'greeting' | 'thanks' | 'smalltalk'): TurnResult {
  const t = turn.t;
  const text = kind === 'greeting' ? t.greeting() : kind === 'thanks' ? t.thanks() : t.smalltalk();
  return {
    reply: { text, language: turn.lang, ...(kind === 'thanks' ? {} : { quickReplies: quick(t.menu()) }) },
    intent: 'smalltalk',
    act: kind,
    band: turn.classification.band,
  };
}

function handedOffAck(turn: Turn, h: HandoffRow, view: { queuePosition?: number; waitingSinceMs?: number }): TurnResult {
  const t = turn.t;
  return {
    reply: { text: h.status === 'queued' ? t.handoffAckQueued(view.queuePosition ?? null, view.waitingSinceMs ?? null) : t.handoffAckTaken(), language: turn.lang, ack: true },
    intent: 'handoff',
    act: 'handoff_ack',
  };
}

async function byPending(turn: Turn, deps: FlowDeps): Promise<TurnResult | null> {
  const p = turn.state.pending;
  if (!p) return null;
  const c = turn.classification;
  switch (p.kind) {
    case 'report':
      return continueReport(turn, deps, p);
    case 'handoff_ward':
      return continueHandoffWard(turn, deps, p);
    case 'status_code':
      return continueStatus(turn, deps, p);
    case 'handoff_offer': {
      const r = await continueOffer(turn, deps, p);
      if (r) return r;
      if (p.options && p.original) return answerClarify(turn, deps, { kind: 'clarify', original: p.original, options: p.options, ...(p.facet ? { facet: p.facet } : {}) });
      return null;
    }
    case 'clarify':
      return answerClarify(turn, deps, p);
    case 'topic_for_facet':
      if (c.intent === 'procedure' && c.slug && c.band !== 'out_of_scope') return procedureAnswer(turn, c.slug, c.facet ?? p.facet);
      return null;
    case 'find_ward_address': {
      // Asking for an officer, reporting a crime or a status lookup is not the address we asked for, even when
      // it names a ward ("tôi muốn gặp cán bộ công an phường Hoàn Kiếm").
      if (c.band !== 'out_of_scope' && (c.intent === 'ask_human' || c.intent === 'report_crime' || c.intent === 'application_status')) return null;
      if (turn.location) return findWard(turn, deps, true);
      const reading = readWard(deps.org, turn.text);
      if (reading.kind !== 'none' || !(c.band === 'confident' && c.intent !== 'find_ward')) return findWard(turn, deps, true, reading);
      return null;
    }
  }
}

async function answerClarify(turn: Turn, deps: FlowDeps, p: { kind: 'clarify'; original: string; facet?: Turn['classification']['facet']; options: NonNullable<Extract<NonNullable<Turn['state']['pending']>, { kind: 'clarify' }>['options']> }): Promise<TurnResult | null> {
  const o = chosenOption(turn, p);
  if (!o) return null;
  turn.state.pending = undefined;
  if (o.kind === 'procedure') return procedureAnswer(turn, o.value, p.facet);
  if (o.kind === 'expansion' && o.token) {
    const text = expandOriginal(p.original, o.token, o.value);
    const classification = turn.knowledge.engine.classify(text);
    return byIntent({ ...turn, text, classification }, deps, 1);
  }
  const classification = { ...turn.classification, intent: o.value as Classification['intent'], band: 'confident' as const };
  return byIntent({ ...turn, text: p.original, classification }, deps, 1);
}

async function byIntent(turn: Turn, deps: FlowDeps, depth = 0): Promise<TurnResult> {
  const c = turn.classification;
  switch (c.intent) {
    case 'greeting':
      return smalltalk(turn, 'greeting');
    case 'thanks_bye':
      return smalltalk(turn, 'thanks');
    case 'smalltalk':
      return smalltalk(turn, 'smalltalk');
    case 'ask_human':
      return askHuman(turn, deps, 'request');
    case 'application_status':
      return startStatus(turn, deps);
    case 'find_ward':
      if (c.band === 'out_of_scope') break;
      return findWard(turn, deps);
    case 'followup': {
      const r = followup(turn, c.facet);
      if (r) return r;
      break;
    }
    case 'report_crime':
      if (c.band === 'confident') return startReport(turn, deps, reportKindOf(c.slug, turn.text), true);
      if (c.band === 'unsure' && (depth === 0 || c.ambiguities.length === 0)) return clarify(turn, deps);
      break;
    case 'procedure':
      if (c.band === 'confident' && c.slug) {
        const r = procedureAnswer(turn, c.slug, c.facet);
        if (r) return { ...r, band: c.band, confidence: c.confidence };
      }
      if (c.band === 'unsure' && (depth === 0 || c.ambiguities.length === 0)) return clarify(turn, deps);
      break;
    case 'out_of_scope':
      break;
  }
  return fallback(turn, deps);
}

/** Answers one message. Mutates `turn.state`; persistence and the response envelope are the service's job. */
export async function respond(turn: Turn, deps: FlowDeps, openHandoff: HandoffRow | null): Promise<TurnResult> {
  const c = turn.classification;
  const emergency = detectEmergency(turn.text, { now: turn.now, normalized: c.normalized });
  if (emergency || activeEmergency(turn)) return emergencyTurn(turn, deps, emergency);

  // Once an officer has taken the conversation the assistant steps back; while it waits in the queue it keeps helping.
  if (openHandoff?.status === 'taken') return handedOffAck(turn, openHandoff, deps.handoffs.citizenView(openHandoff, turn.now));

  const cmd = commandOf(turn.text);
  const pendingKind = turn.state.pending?.kind;
  const formButton = cmd === 'skip' || cmd === 'send' || cmd === 'cancel' || cmd === 'anonymous';
  if (cmd && !(formButton && pendingKind)) {
    turn.state.pending = undefined;
    switch (cmd) {
      case 'handoff':
        return askHuman(turn, deps, 'request');
      case 'find_ward':
        return findWard(turn, deps);
      case 'report':
        return startReport(turn, deps, 'to_giac', false);
      case 'start_report':
        return startReport(turn, deps, reportKindOf(turn.state.topic?.slug, turn.text), false);
      case 'status':
        return startStatus(turn, deps);
      default:
        break;
    }
  }

  const pending = await byPending(turn, deps);
  if (pending) return pending;
  turn.state.pending = undefined;

  if (findTrackingCode(turn.text) || asksReportStatus(turn.text)) return startStatus(turn, deps);

  const shift = turn.state.topic ? detectAudienceShift(turn.text) : null;
  if (shift) {
    const topicEntry = turn.knowledge.entries.get(turn.state.topic!.slug)?.entry;
    const unrelated = c.band === 'confident' && c.intent === 'procedure' && c.slug && topicEntry && c.slug !== topicEntry.slug &&
      !topicEntry.related.includes(c.slug) && turn.knowledge.entries.get(c.slug)?.entry.group !== topicEntry.group;
    if (!unrelated) {
      const r = audienceShift(turn, shift);
      if (r) return r;
    }
  }
  return byIntent(turn, deps);
}

/** Applies the low-confidence streak: two in a row add the offer to talk to an officer. */
export function withLowConfidence(turn: Turn, r: TurnResult): TurnResult {
  if (!r.low) {
    if (r.act !== 'handoff_ack') turn.state.lowStreak = 0;
    return r;
  }
  turn.state.lowStreak += 1;
  if (turn.state.lowStreak >= 2 && turn.status !== 'handed_off' && (r.act === 'clarify' || r.act === 'fallback')) return offerHandoff(turn, r);
  return r;
}

export const internalErrorResult = (lang: Lang): TurnResult => ({
  reply: { text: templates(lang).internalError(), language: lang },
  intent: 'unknown',
  act: 'fallback',
});
