import type { ReportStatusCard } from '../chat.types.ts';
import type { Pending } from '../dialogue-state.ts';
import { findSecret, findTrackingCode } from '../tracking-code.ts';
import type { Turn, TurnResult } from '../turn.ts';
import type { FlowDeps } from './common.ts';

/**
 * "Hồ sơ của tôi đến đâu rồi": answered only from what the platform holds — the reports sent through the
 * assistant, with their tracking code AND secret (constant-time check, attempts limited per conversation and
 * per code). Administrative dossiers (ID card, residence, passport...) are not held here: say so plainly and
 * point to the national portal's lookup. Never a made-up status.
 */

const PORTAL_URL = 'https://dichvucong.gov.vn';

function askCode(turn: Turn, trackingCode?: string): TurnResult {
  turn.state.pending = { kind: 'status_code', ...(trackingCode ? { trackingCode } : {}) };
  return {
    reply: {
      text: trackingCode ? turn.t.statusAskSecret(trackingCode) : turn.t.statusAskCode(),
      language: turn.lang,
      ...(trackingCode ? {} : { actions: [{ type: 'open_url' as const, label: turn.t.portal(), url: PORTAL_URL }] }),
    },
    intent: 'application_status',
    act: 'ask_status_code',
  };
}

async function lookup(turn: Turn, deps: FlowDeps, code: string, secret: string): Promise<TurnResult> {
  const nowMs = turn.now.getTime();
  const allowed = deps.statusAttempts.hit(`conv:${turn.conversationId}`, nowMs) && deps.statusAttempts.hit(`code:${code}`, nowMs);
  if (!allowed) {
    turn.state.pending = undefined;
    return { reply: { text: turn.t.statusTooMany(), language: turn.lang }, intent: 'application_status', act: 'status' };
  }
  const r = await deps.reports.lookup(code, secret, turn.lang);
  if (!r) {
    turn.state.pending = { kind: 'status_code' };
    return { reply: { text: turn.t.statusFailed(), language: turn.lang }, intent: 'application_status', act: 'ask_status_code' };
  }
  // a success clears this conversation's failures (the code's counter stays: it protects the code)
  deps.statusAttempts.reset(`conv:${turn.conversationId}`);
  turn.state.pending = undefined;
  turn.state.lowStreak = 0;
  const card: ReportStatusCard = {
    type: 'report_status',
    trackingCode: r.trackingCode,
    kindLabel: r.kindLabel,
    status: r.status,
    statusLabel: r.statusLabel,
    updatedAt: r.updatedAt,
    noteForCitizen: r.noteForCitizen,
    history: r.history.map((h) => ({ status: h.status, statusLabel: h.statusLabel, at: h.at, note: h.note })),
  };
  return {
    reply: {
      text: turn.t.statusResult({ trackingCode: r.trackingCode, kindLabel: r.kindLabel, statusLabel: r.statusLabel, updatedAt: turn.t.dateTime(new Date(r.updatedAt)), note: r.noteForCitizen }),
      language: turn.lang,
      card,
    },
    intent: 'application_status',
    act: 'status',
    ...(r.ward ? { ward: r.ward } : {}),
  };
}

/** Start: a code and a secret in the message are used at once; otherwise ask for what is missing. */
export async function startStatus(turn: Turn, deps: FlowDeps): Promise<TurnResult> {
  const code = findTrackingCode(turn.text);
  const secret = findSecret(turn.text);
  if (code && secret) return lookup(turn, deps, code, secret);
  return askCode(turn, code ?? undefined);
}

/** The reply to "send the code and secret"; null when the message carries neither (a new question). */
export async function continueStatus(turn: Turn, deps: FlowDeps, pending: Extract<Pending, { kind: 'status_code' }>): Promise<TurnResult | null> {
  const given = findTrackingCode(turn.text);
  const secret = findSecret(turn.text);
  if (!given && !secret) return null;
  const code = given ?? pending.trackingCode ?? null;
  if (code && secret) return lookup(turn, deps, code, secret);
  return askCode(turn, code ?? undefined);
}
