import type { KbFeedbackRepository } from '../../kb/feedback.repository.ts';
import type { IncidentService } from '../../dispatch/incident.service.ts';
import type { OrgService } from '../../org/org.service.ts';
import type { WardMatch } from '../../org/ward-resolver.ts';
import type { QuickReply } from '../chat.types.ts';
import type { HandoffService } from '../handoff.service.ts';
import type { RateLimiter } from '../rate-limiter.ts';
import type { ReportService } from '../report.service.ts';
import { en } from '../replies/en.ts';
import { vi } from '../replies/vi.ts';
import type { Turn, TurnResult } from '../turn.ts';
import { fold } from '../understanding.ts';

/** What the flows use besides the turn: other capabilities, through narrow ports. */
export interface FlowDeps {
  org: Pick<OrgService, 'resolver' | 'getWard' | 'locate'>;
  /** The command center (src/dispatch); null when it is not wired (tests of the dialogue alone). */
  incidents: Pick<IncidentService, 'createIncident' | 'update'> | null;
  handoffs: HandoffService;
  reports: ReportService;
  feedback: Pick<KbFeedbackRepository, 'recordUnanswered'>;
  statusAttempts: RateLimiter;
  wardName(code: string): string | null;
  /** Where a client uploads evidence for a report (HTTP path). */
  uploadPath(trackingCode: string): string;
}

export type Flow = (turn: Turn, deps: FlowDeps) => Promise<TurnResult | null>;

export const quick = (labels: string[]): QuickReply[] => labels.map((l) => ({ label: l, text: l }));

/** Buttons the assistant offers and recognises by their exact label (both languages): no guessing needed. */
export type Command = 'find_ward' | 'report' | 'status' | 'handoff' | 'skip' | 'send' | 'cancel' | 'anonymous' | 'start_report';

const COMMANDS = new Map<string, Command>();
for (const t of [vi, en]) {
  const [ward, report, status, officer] = t.menu();
  COMMANDS.set(fold(ward!), 'find_ward');
  COMMANDS.set(fold(report!), 'report');
  COMMANDS.set(fold(status!), 'status');
  COMMANDS.set(fold(officer!), 'handoff');
  COMMANDS.set(fold(t.talkToOfficer()), 'handoff');
  COMMANDS.set(fold(t.yesOfficer()), 'handoff');
  COMMANDS.set(fold(t.skip()), 'skip');
  COMMANDS.set(fold(t.send()), 'send');
  COMMANDS.set(fold(t.cancel()), 'cancel');
  COMMANDS.set(fold(t.anonymous()), 'anonymous');
  COMMANDS.set(fold(t.startReportOffer()), 'start_report');
}

export const commandOf = (text: string): Command | null => COMMANDS.get(fold(text)) ?? null;

/** Reading of an address for routing: one unit, a split former unit, several candidates, or nothing usable. */
export type WardReading =
  | { kind: 'one'; match: WardMatch }
  | { kind: 'split'; oldName: string; oldDistrict: string; matches: WardMatch[]; notes: string[] }
  | { kind: 'ambiguous'; matches: WardMatch[]; notes: string[] }
  | { kind: 'none' };

/** Below this the resolver's best match is a guess (src/org/README: "treat < 0.5 as ask again"). */
export const WARD_CONFIDENT = 0.5;
const WARD_CANDIDATE = 0.15;

/** "công an phường X": the words "công an" are not part of a place name (the resolver would read "an phường" as "An Thượng"). */
const POLICE_WORDS = /(^|[^\p{L}])(c[oôồ]ng\s+an|police|tr[uụ]\s+s[oở])(?=$|[^\p{L}])/giu;

export function readWard(org: FlowDeps['org'], text: string): WardReading {
  const r = org.resolver.resolve(text.normalize('NFC').replace(POLICE_WORDS, '$1 '), { limit: 8 });
  const matches = r.matches.filter((m) => m.confidence >= WARD_CANDIDATE);
  const top = matches[0];
  if (!top) return { kind: 'none' };
  const splitOf = top.via?.oldCode && top.via.relation === 'partial' ? top.via.oldCode : null;
  if (splitOf && top.confidence < 0.9) {
    const parts = r.matches.filter((m) => m.via?.oldCode === splitOf);
    const total = parts.reduce((a, m) => a + m.confidence, 0);
    if (parts.length > 1 && total >= WARD_CONFIDENT) return { kind: 'split', oldName: top.via!.oldName, oldDistrict: top.via!.oldDistrict, matches: parts, notes: r.notes };
  }
  if (top.confidence >= WARD_CONFIDENT) return { kind: 'one', match: top };
  if (matches.length > 1 && top.confidence >= 0.25) return { kind: 'ambiguous', matches: matches.slice(0, 5), notes: r.notes };
  return { kind: 'none' };
}

/** Where a report or a hand-off goes for an address: the unit, or for a split or ambiguous reading the first candidate (README "Known limits"). */
export function routingWard(r: WardReading): string | null {
  return r.kind === 'one' ? r.match.code : r.kind === 'none' ? null : r.matches[0]!.code;
}

/** The unit at a point, or 'unavailable' when the server has no boundaries. */
export async function wardAt(org: FlowDeps['org'], lat: number, lon: number): Promise<string | null | 'unavailable'> {
  try {
    const r = await org.locate(lat, lon);
    return r.ward?.code ?? r.nearest?.code ?? null;
  } catch {
    return 'unavailable';
  }
}
