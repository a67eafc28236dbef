import type { IncidentType } from '../../dispatch/model.ts';
import type { Emergency, EmergencyKind } from '../../nlp/index.ts';
import type { Action, EmergencyCard } from '../chat.types.ts';
import { EMERGENCY_WINDOW_MS, MAX_EMERGENCY_TURNS, type EmergencyState } from '../dialogue-state.ts';
import type { Turn, TurnResult } from '../turn.ts';
import { readWard, wardAt, type FlowDeps } from './common.ts';

/**
 * Emergencies. The first reply gives the hotline and what to do now, at once. The incident for the command
 * center is created as soon as there is any location hint (an address in the text, a shared location, or
 * the answer to "where are you?"), with the ward resolved when possible (city level otherwise), and updated as
 * details arrive. Location, call-back phone and situation are asked together, so it takes as few turns as
 * possible; after MAX_EMERGENCY_TURNS the incident exists whatever is known.
 */

const INCIDENT_TYPE: Record<EmergencyKind, IncidentType> = { fire: 'fire', rescue: 'rescue', medical: 'medical', police: 'crime' };
export const ASSISTANT_ACTOR = 'system:assistant';

/** An emergency still being collected in this conversation, or null. */
export function activeEmergency(turn: Turn): EmergencyState | null {
  const e = turn.state.emergency;
  if (!e || e.done) return null;
  return turn.now.getTime() - Date.parse(e.startedAt) < EMERGENCY_WINDOW_MS ? e : null;
}

interface Gathered {
  addressText: string | null;
  wardCode: string | null;
  lat: number | null;
  lon: number | null;
  phone: string | null;
  hasLocation: boolean;
}

async function gather(turn: Turn, deps: FlowDeps, askedLocation: boolean): Promise<Gathered> {
  const e = turn.entities;
  const phone = e.phones.find((p) => p.kind === 'mobile' || p.kind === 'landline')?.value ?? null;
  let wardCode: string | null = null;
  let lat: number | null = null;
  let lon: number | null = null;
  if (turn.location) {
    lat = turn.location.lat;
    lon = turn.location.lon;
    const w = await wardAt(deps.org, lat, lon);
    if (w && w !== 'unavailable') wardCode = w;
  }
  const reading = readWard(deps.org, turn.text);
  if (!wardCode && reading.kind === 'one') wardCode = reading.match.code;
  const address = e.addresses[0]?.text ?? null;
  // the answer to "where are you?" is a location hint even when no address shape is recognised
  let withoutPhones = turn.text;
  for (const p of e.phones) withoutPhones = withoutPhones.replace(p.text, ' ');
  withoutPhones = withoutPhones.replace(/\s+/g, ' ').trim();
  const answered = askedLocation && withoutPhones.length >= 3 ? withoutPhones : null;
  const addressText = address ?? (reading.kind !== 'none' ? withoutPhones : null) ?? answered;
  return { addressText: addressText ? addressText.slice(0, 300) : null, wardCode, lat, lon, phone, hasLocation: !!(addressText || lat !== null) };
}

export async function emergencyTurn(turn: Turn, deps: FlowDeps, detected: Emergency | null): Promise<TurnResult> {
  const t = turn.t;
  const ongoing = activeEmergency(turn);
  const first = !ongoing;
  const es: EmergencyState = ongoing ?? {
    kind: detected!.kind,
    hotline: detected!.hotline,
    startedAt: turn.now.toISOString(),
    hasLocation: false,
    hasPhone: false,
    turns: 0,
    done: false,
  };
  const g = await gather(turn, deps, !first && !es.hasLocation);
  const lines: string[] = [];
  if (first) lines.push(t.emergencyFirst(es.hotline, t.emergencySteps(es.kind)));
  else if (detected && detected.hotline !== es.hotline) lines.push(t.emergencyExtraHotline(detected.hotline));

  let createdNow = false;
  if (deps.incidents) {
    try {
      if (!es.incidentId && (g.hasLocation || !first)) {
        const inc = await deps.incidents.createIncident({
          source: 'chat',
          type: INCIDENT_TYPE[es.kind],
          wardCode: g.wardCode,
          lat: g.lat,
          lon: g.lon,
          addressText: g.addressText,
          description: (es.description = [es.description, turn.text].filter(Boolean).join('\n').slice(0, 4000)),
          callbackPhone: g.phone,
          links: [{ kind: 'conversation', refId: turn.conversationId }],
          actor: ASSISTANT_ACTOR,
        });
        es.incidentId = inc.id;
        es.incidentCode = inc.code;
        if (inc.wardCode) es.wardCode = inc.wardCode;
        createdNow = true;
        turn.log.info({ incidentId: inc.id, kind: es.kind, wardCode: inc.wardCode }, 'emergency incident created from chat');
      } else if (es.incidentId && !first) {
        await deps.incidents.update(
          es.incidentId,
          {
            ...(g.addressText && !es.hasLocation ? { addressText: g.addressText } : {}),
            ...(g.wardCode && !es.wardCode ? { wardCode: g.wardCode } : {}),
            ...(g.lat !== null && g.lon !== null ? { lat: g.lat, lon: g.lon } : {}),
            ...(g.phone && !es.hasPhone ? { callbackPhone: g.phone } : {}),
            description: (es.description = [es.description, turn.text].filter(Boolean).join('\n').slice(0, 4000)),
          },
          ASSISTANT_ACTOR,
        );
        if (g.wardCode && !es.wardCode) es.wardCode = g.wardCode;
      }
    } catch (err) {
      turn.log.error({ err, incidentId: es.incidentId }, 'emergency incident not created/updated');
    }
  }
  if (!es.incidentId && !es.description) es.description = turn.text.slice(0, 4000);
  es.hasLocation ||= g.hasLocation;
  es.hasPhone ||= !!g.phone;
  es.turns++;
  const missing = [...(es.hasLocation ? [] : (['location'] as const)), ...(es.hasPhone ? [] : (['phone'] as const))];
  const wardName = es.wardCode ? deps.wardName(es.wardCode) : null;
  if (createdNow && es.incidentCode) lines.push(t.emergencyForwarded(es.incidentCode, wardName));
  const finished = missing.length === 0 || es.turns >= MAX_EMERGENCY_TURNS || turn.classification.intent === 'thanks_bye';
  if (finished && !first) {
    es.done = true;
    lines.push(t.emergencyDone(es.hotline));
  } else {
    lines.push(t.emergencyAsk(missing.length ? missing : ['location', 'phone']));
  }
  turn.state.emergency = es;
  turn.state.pending = undefined;

  const actions: Action[] = [{ type: 'call', label: t.call(es.hotline), tel: es.hotline }];
  if (detected && detected.hotline !== es.hotline) actions.push({ type: 'call', label: t.call(detected.hotline), tel: detected.hotline });
  if (!es.hasLocation) actions.push({ type: 'share_location', label: t.shareLocation() });
  const card: EmergencyCard = {
    type: 'emergency',
    kind: es.kind,
    hotline: es.hotline,
    hotlineLabel: t.hotlineLabel(es.hotline),
    steps: t.emergencySteps(es.kind),
    ...(es.incidentId && es.incidentCode ? { incident: { id: es.incidentId, code: es.incidentCode } } : {}),
    missing: [...missing],
  };
  return {
    reply: { text: lines.join('\n'), language: turn.lang, card, actions },
    intent: 'emergency',
    act: 'emergency',
    emergency: { kind: es.kind, hotline: es.hotline },
    ...(es.incidentId ? { incident: { id: es.incidentId, ...(es.incidentCode ? { code: es.incidentCode } : {}) } } : {}),
    ...(es.wardCode && wardName ? { ward: { code: es.wardCode, name: wardName }, wardCode: es.wardCode } : {}),
  };
}
