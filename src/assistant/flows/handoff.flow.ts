import type { HandoffCard } from '../chat.types.ts';
import type { HandoffReason } from '../handoff.repository.ts';
import type { Pending } from '../dialogue-state.ts';
import type { Turn, TurnResult } from '../turn.ts';
import { isNo, isSkip, isYes } from '../understanding.ts';
import { commandOf, quick, readWard, routingWard, wardAt, type FlowDeps } from './common.ts';

/**
 * Talking to an officer: on request ("cho gặp cán bộ", the button), after two low-confidence turns (offered),
 * or after a report (see report.flow). The conversation goes to its ward's queue; when no ward is known the
 * assistant asks once (skippable: then the city police duty desk).
 */

async function queue(turn: Turn, deps: FlowDeps, wardCode: string | null, reason: HandoffReason): Promise<TurnResult> {
  const { row, created, view } = await deps.handoffs.request({ conversationId: turn.conversationId, wardCode, reason });
  turn.state.pending = undefined;
  turn.state.lowStreak = 0;
  const name = row.wardCode ? deps.wardName(row.wardCode) : null;
  const unit = name ? turn.t.wardUnit(name) : turn.t.cityUnit();
  const card: HandoffCard = {
    type: 'handoff',
    status: row.status,
    ward: row.wardCode && name ? { code: row.wardCode, name } : null,
    queuePosition: view.queuePosition ?? null,
    waitingSinceMs: view.waitingSinceMs ?? null,
  };
  return {
    reply: {
      text: created ? turn.t.handoffRequested(unit, view.queuePosition ?? null) : turn.t.handoffAlready(unit, view.queuePosition ?? null, view.waitingSinceMs ?? null),
      language: turn.lang,
      card,
    },
    intent: 'handoff',
    act: 'handoff_requested',
    handoff: view,
    status: 'handed_off',
    ...(row.wardCode && name ? { ward: { code: row.wardCode, name }, wardCode: row.wardCode } : {}),
  };
}

function askWard(turn: Turn, reason: 'request' | 'low_confidence'): TurnResult {
  turn.state.pending = { kind: 'handoff_ward', reason };
  return {
    reply: {
      text: turn.t.askWardForHandoff(),
      language: turn.lang,
      quickReplies: quick([turn.t.skip()]),
      actions: [{ type: 'share_location', label: turn.t.shareLocation() }],
    },
    intent: 'handoff',
    act: 'ask_ward',
  };
}

/** The citizen asks for an officer (or accepted the offer). */
export async function askHuman(turn: Turn, deps: FlowDeps, reason: 'request' | 'low_confidence'): Promise<TurnResult> {
  // A ward named in the request itself ("gặp cán bộ công an phường Hoàn Kiếm") wins over the conversation's ward.
  const r = readWard(deps.org, turn.text);
  if (r.kind === 'one') return queue(turn, deps, r.match.code, reason);
  if (turn.wardCode) return queue(turn, deps, turn.wardCode, reason);
  if (turn.location) {
    const w = await wardAt(deps.org, turn.location.lat, turn.location.lon);
    if (w && w !== 'unavailable') return queue(turn, deps, w, reason);
  }
  return askWard(turn, reason);
}

/** The answer to "which ward are you in?": a ward, a location, or "skip" (city level). Never asks twice. */
export async function continueHandoffWard(turn: Turn, deps: FlowDeps, pending: Extract<Pending, { kind: 'handoff_ward' }>): Promise<TurnResult> {
  if (turn.location) {
    const w = await wardAt(deps.org, turn.location.lat, turn.location.lon);
    return queue(turn, deps, w && w !== 'unavailable' ? w : null, pending.reason);
  }
  if (commandOf(turn.text) === 'skip' || isSkip(turn.text)) return queue(turn, deps, null, pending.reason);
  return queue(turn, deps, routingWard(readWard(deps.org, turn.text)), pending.reason);
}

/** After two low-confidence turns: "shall I pass you to an officer?" */
export function offerHandoff(turn: Turn, result: TurnResult): TurnResult {
  const options = turn.state.pending?.kind === 'clarify' ? turn.state.pending : undefined;
  turn.state.pending = {
    kind: 'handoff_offer',
    reason: 'low_confidence',
    ...(options ? { options: options.options, original: options.original, ...(options.facet ? { facet: options.facet } : {}) } : {}),
  };
  const guesses = (result.reply.quickReplies ?? []).filter((q) => commandOf(q.text) !== 'handoff');
  return {
    ...result,
    reply: {
      ...result.reply,
      text: `${result.reply.text}\n${turn.t.lowConfidenceOffer()}`,
      quickReplies: [...quick([turn.t.yesOfficer(), turn.t.noThanks()]), ...guesses],
    },
    act: 'handoff_offer',
  };
}

/** The answer to the offer: yes → hand-off; no → carry on; anything else is a new message (null). */
export async function continueOffer(turn: Turn, deps: FlowDeps, pending: Extract<Pending, { kind: 'handoff_offer' }>): Promise<TurnResult | null> {
  if (commandOf(turn.text) === 'handoff' || isYes(turn.text)) return askHuman(turn, deps, pending.reason);
  if (isNo(turn.text)) {
    turn.state.pending = undefined;
    turn.state.lowStreak = 0;
    return { reply: { text: turn.t.handoffDeclined(), language: turn.lang }, intent: 'smalltalk', act: 'smalltalk' };
  }
  return null;
}
