import type { ReportCreatedCard, ReportFormCard } from '../chat.types.ts';
import type { Pending, ReportDraft, ReportKind, ReportStep } from '../dialogue-state.ts';
import { ACCEPTED_TYPES, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_REPORT } from '../attachments.ts';
import { maskSecrets } from '../tracking-code.ts';
import type { Turn, TurnResult } from '../turn.ts';
import { fold, isCancel, isNo, isSkip, isYes, wantsAnonymous } from '../understanding.ts';
import { commandOf, quick, readWard, routingWard, wardAt, type FlowDeps } from './common.ts';

/**
 * Crime reports and tip-offs (tố giác, tin báo, lừa đảo, mất giấy tờ): a guided form — what, when, where, who,
 * contact or anonymous — every field skippable, "hủy" stops. Sent to the competent ward (where it happened, or
 * where the reporter lives for online fraud, else the conversation's ward, else city level) as a queue item
 * for its officers. The citizen gets a tracking code and a secret, once; evidence is uploaded with them.
 */

const STEPS: ReportStep[] = ['what', 'when', 'where', 'who', 'contact'];

/** Which kind of report a classification points at (family slugs of the engine's report_crime intent). */
export function reportKindOf(slug: string | undefined, text: string): ReportKind {
  if (slug === 'to-giac.lua-dao-truc-tuyen') return 'lua_dao';
  if (slug === 'trinh-bao.mat-giay-to-tai-san' || slug === 'xnc.trinh-bao-mat-ho-chieu') return 'mat_giay_to';
  if (/\b(bao tin|tin bao)\b/.test(fold(text))) return 'tin_bao';
  return 'to_giac';
}

const filled = (d: ReportDraft, s: ReportStep) =>
  s === 'what' ? !!d.what : s === 'when' ? !!d.whenText : s === 'where' ? !!d.whereText : s === 'who' ? !!d.who : !!(d.contactText || d.anonymous);

const nextStep = (d: ReportDraft): ReportStep => STEPS.find((s) => !filled(d, s) && !d.skipped.includes(s)) ?? 'confirm';

function unitOf(turn: Turn, deps: FlowDeps, d: ReportDraft) {
  const code = d.wardCode ?? turn.wardCode;
  const name = code ? deps.wardName(code) : null;
  return { code: code && name ? code : null, label: code && name ? turn.t.wardUnit(name) : turn.t.cityUnit(), name };
}

function formCard(turn: Turn, d: ReportDraft, step: ReportStep): ReportFormCard {
  return {
    type: 'report_form',
    kind: d.kind,
    kindLabel: turn.t.reportKindLabel(d.kind),
    step,
    fields: { what: d.what ?? null, when: d.whenText ?? null, where: d.whereText ?? null, who: d.who ?? null, contact: d.contactText ?? null, anonymous: d.anonymous === true },
  };
}

function prompt(turn: Turn, deps: FlowDeps, d: ReportDraft, lead: string[] = []): TurnResult {
  const step = nextStep(d);
  turn.state.pending = { kind: 'report', step, draft: d };
  const t = turn.t;
  const text = step === 'confirm' ? t.reportConfirm(d, unitOf(turn, deps, d).label) : t.reportPrompt(step, d.kind);
  const quickReplies = step === 'confirm' ? quick([t.send(), t.cancel()]) : step === 'contact' ? quick([t.anonymous(), t.cancel()]) : quick([t.skip(), t.cancel()]);
  return {
    reply: {
      text: [...lead, text].join('\n'),
      language: turn.lang,
      card: formCard(turn, d, step),
      quickReplies,
      ...(step === 'where' ? { actions: [{ type: 'share_location' as const, label: t.shareLocation() }] } : {}),
    },
    intent: 'report_crime',
    act: 'report_form',
  };
}

/** Fills what the message already says: dates/times → when, an address → where (and its ward). */
async function prefill(turn: Turn, deps: FlowDeps, d: ReportDraft) {
  const e = turn.entities;
  if (!d.whenText && (e.dates.length || e.times.length)) {
    d.whenText = [...e.dates.map((x) => x.text), ...e.times.map((x) => x.text)].join(', ');
    if (e.dates[0]) d.happenedOn = e.dates[0].date;
  }
  if (!d.whereText && e.addresses[0]) {
    d.whereText = e.addresses[0].text;
    const r = readWard(deps.org, e.addresses[0].text);
    if (r.kind === 'one') d.wardCode = r.match.code;
  }
}

/** Starts the form; the first message is kept as "what" when it already describes something. */
export async function startReport(turn: Turn, deps: FlowDeps, kind: ReportKind, fromStatement: boolean): Promise<TurnResult> {
  const d: ReportDraft = { kind, skipped: [] };
  if (fromStatement && [...turn.text].length >= 20 && commandOf(turn.text) === null) {
    d.what = turn.text;
    await prefill(turn, deps, d);
  }
  const lead = [turn.t.reportIntro(kind)];
  if (kind === 'lua_dao') lead.push(turn.t.antiScamAdvice().map((a) => `• ${a}`).join('\n'));
  turn.state.lowStreak = 0;
  return prompt(turn, deps, d, lead);
}

async function submit(turn: Turn, deps: FlowDeps, d: ReportDraft): Promise<TurnResult> {
  const unit = unitOf(turn, deps, d);
  const { report, secret } = await deps.reports.create({ draft: d, wardCode: unit.code, conversationId: turn.conversationId, channel: turn.channel, language: turn.lang });
  const handoff = await deps.handoffs.request({ conversationId: turn.conversationId, wardCode: unit.code, reason: 'report', reportId: report.id });
  turn.state.pending = undefined;
  const t = turn.t;
  const kindLabel = t.reportKindLabel(d.kind);
  const text = t.reportCreated(kindLabel, unit.label, report.trackingCode, secret);
  const card: ReportCreatedCard = {
    type: 'report_created',
    trackingCode: report.trackingCode,
    kind: d.kind,
    kindLabel,
    ward: unit.code && unit.name ? { code: unit.code, name: unit.name } : null,
    statusLabel: t.reportStatusLabel('received'),
  };
  return {
    reply: {
      text,
      language: turn.lang,
      card,
      actions: [{ type: 'upload', label: t.upload(), url: deps.uploadPath(report.trackingCode), maxBytes: MAX_ATTACHMENT_BYTES, accept: [...ACCEPTED_TYPES], maxFiles: MAX_ATTACHMENTS_PER_REPORT }],
    },
    storedText: maskSecrets(text),
    intent: 'report_crime',
    act: 'report_created',
    report: { trackingCode: report.trackingCode, secret },
    handoff: handoff.view,
    status: 'handed_off',
    ...(unit.code && unit.name ? { ward: { code: unit.code, name: unit.name }, wardCode: unit.code } : {}),
  };
}

/** The citizen's answer to the current question of the form. */
export async function continueReport(turn: Turn, deps: FlowDeps, pending: Extract<Pending, { kind: 'report' }>): Promise<TurnResult> {
  const d: ReportDraft = { ...pending.draft, skipped: [...pending.draft.skipped] };
  const cmd = commandOf(turn.text);
  if (cmd === 'cancel' || isCancel(turn.text)) {
    turn.state.pending = undefined;
    return { reply: { text: turn.t.reportCancelled(), language: turn.lang }, intent: 'report_crime', act: 'report_cancelled' };
  }
  const step = pending.step;
  if (step === 'confirm') {
    if (cmd === 'send' || isYes(turn.text)) return submit(turn, deps, d);
    if (isNo(turn.text)) {
      turn.state.pending = undefined;
      return { reply: { text: turn.t.reportCancelled(), language: turn.lang }, intent: 'report_crime', act: 'report_cancelled' };
    }
    return prompt(turn, deps, d);
  }
  if (turn.location && (step === 'where' || !d.whereText)) {
    const w = await wardAt(deps.org, turn.location.lat, turn.location.lon);
    if (w && w !== 'unavailable') d.wardCode = w;
    d.whereText ??= `${turn.location.lat.toFixed(5)}, ${turn.location.lon.toFixed(5)}`;
    if (step === 'where') return prompt(turn, deps, d);
  }
  if (step === 'contact' && (cmd === 'anonymous' || wantsAnonymous(turn.text))) {
    d.anonymous = true;
  } else if (cmd === 'skip' || isSkip(turn.text)) {
    if (!d.skipped.includes(step)) d.skipped.push(step);
  } else {
    switch (step) {
      case 'what':
        d.what = turn.text;
        await prefill(turn, deps, d);
        break;
      case 'when':
        d.whenText = turn.text;
        if (turn.entities.dates[0]) d.happenedOn = turn.entities.dates[0].date;
        break;
      case 'where': {
        d.whereText = turn.text;
        const code = routingWard(readWard(deps.org, turn.text));
        if (code) d.wardCode = code;
        break;
      }
      case 'who':
        d.who = turn.text;
        break;
      case 'contact':
        d.contactText = turn.text;
        d.contactPhone = turn.entities.phones.find((p) => p.kind !== 'hotline')?.value;
        d.anonymous = false;
        break;
    }
  }
  return prompt(turn, deps, d);
}
