import type { WardCard, WardChoicesCard } from '../chat.types.ts';
import type { Turn, TurnResult } from '../turn.ts';
import { quick, readWard, wardAt, type FlowDeps, type WardReading } from './common.ts';

/**
 * "Find my ward police": from an old or new address (or a shared location), the new unit, its police, the
 * UBND seat (labelled as such, never as the police post) and what changed in the 2025 merger. A split former
 * unit lists every destination and asks for the street or the location; nothing is guessed.
 */

const RESOLUTION = '1656/NQ-UBTVQH15';

async function wardAnswer(turn: Turn, deps: FlowDeps, code: string, via?: { oldName: string; oldDistrict: string; wordingText?: string }): Promise<TurnResult | null> {
  const w = await deps.org.getWard(code);
  if (!w) return null;
  const police = {
    name: w.policeUnit?.name ?? turn.t.wardUnit(w.ward.name),
    address: w.policeUnit?.address ?? null,
    phone: w.policeUnit?.phone ?? null,
    note: w.policeUnit?.note ?? null,
  };
  const formerUnits = w.formerUnits.map((f) => ({ name: f.name, district: f.district, wordingText: f.wordingText, alsoTo: f.alsoTo.map((a) => ({ code: a.code, name: a.name })) }));
  const card: WardCard = {
    type: 'ward',
    code,
    name: w.ward.name,
    unitType: w.ward.type,
    police,
    adminSeat: w.ward.adminCenter,
    resolution: w.clause?.resolution ?? RESOLUTION,
    clause: w.clause?.number ?? null,
    formerUnits,
    ...(via ? { via } : {}),
    emergencyHotline: '113',
  };
  const text = turn.t.wardAnswer({
    name: w.ward.name,
    ...(via ? { via } : {}),
    police,
    adminSeat: w.ward.adminCenter,
    resolution: card.resolution,
    formerUnits: formerUnits.map((f) => ({ ...f, alsoTo: f.alsoTo.map((a) => a.name) })),
  });
  turn.state.lowStreak = 0;
  return {
    reply: { text, language: turn.lang, card },
    intent: 'find_ward',
    act: 'find_ward',
    ward: { code, name: w.ward.name },
    wardCode: code,
  };
}

const viaOf = (v: { oldName: string; oldDistrict: string; wordingText?: string | null }) => ({ oldName: v.oldName, oldDistrict: v.oldDistrict, ...(v.wordingText ? { wordingText: v.wordingText } : {}) });

/** Several units may be meant: list them (as buttons too) and ask for the street or the location. */
function choices(turn: Turn, c: Omit<WardChoicesCard, 'type'>, text: string): TurnResult {
  turn.state.pending = { kind: 'find_ward_address' };
  return {
    reply: {
      text,
      language: turn.lang,
      card: { type: 'ward_choices', ...c },
      quickReplies: quick(c.candidates.map((m) => m.name)),
      actions: [{ type: 'share_location', label: turn.t.shareLocation() }],
    },
    intent: 'find_ward',
    act: 'find_ward',
  };
}

function askAddress(turn: Turn, text?: string): TurnResult {
  turn.state.pending = { kind: 'find_ward_address' };
  return {
    reply: { text: text ?? turn.t.askAddress(), language: turn.lang, actions: [{ type: 'share_location', label: turn.t.shareLocation() }] },
    intent: 'find_ward',
    act: 'ask_address',
  };
}

/**
 * Answers from the request's location when given, else from the message text (`reading`: the caller's
 * readWard of it, when it already has one). `retry` = the citizen is answering our request for an address
 * (then "not found" is said instead of asking again the same way).
 */
export async function findWard(turn: Turn, deps: FlowDeps, retry = false, reading?: WardReading): Promise<TurnResult> {
  if (turn.location) {
    const code = await wardAt(deps.org, turn.location.lat, turn.location.lon);
    if (code === 'unavailable') return askAddress(turn, turn.t.locationUnavailable());
    if (code) return (await wardAnswer(turn, deps, code)) ?? askAddress(turn, turn.t.wardNotFound());
    return askAddress(turn, turn.t.wardNotFound());
  }
  reading ??= readWard(deps.org, turn.text);
  switch (reading.kind) {
    case 'one': {
      const m = reading.match;
      return (await wardAnswer(turn, deps, m.code, m.via && m.basis === 'former_unit' ? viaOf(m.via) : undefined)) ?? askAddress(turn, turn.t.wardNotFound());
    }
    case 'split':
      return choices(
        turn,
        { reason: 'split', notes: reading.notes, candidates: reading.matches.map((m) => ({ code: m.code, name: m.name, confidence: m.confidence, ...(m.via ? { via: viaOf(m.via) } : {}) })) },
        turn.t.wardSplit(reading.oldName, reading.oldDistrict, reading.matches.map((m) => ({ name: m.name, ...(m.via?.wordingText ? { wordingText: m.via.wordingText } : {}) }))),
      );
    case 'ambiguous':
      return choices(
        turn,
        { reason: 'ambiguous', notes: reading.notes, candidates: reading.matches.map((m) => ({ code: m.code, name: m.name, confidence: m.confidence })) },
        turn.t.wardAmbiguous(reading.matches.map((m) => m.name)),
      );
    case 'none':
      return askAddress(turn, retry ? turn.t.wardNotFound() : undefined);
  }
}
