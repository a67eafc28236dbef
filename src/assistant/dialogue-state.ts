import type { EmergencyKind, Facet } from '../nlp/index.ts';

/**
 * What the assistant remembers between two messages of a conversation, stored as `conversations.state`
 * (jsonb). Small and explicit: the procedure under discussion (for follow-ups), the question the assistant
 * is waiting an answer to (`pending`), an emergency being collected, and the low-confidence streak.
 */

export type Lang = 'vi' | 'en';
export type Channel = 'web' | 'zalo' | 'voice';

export interface Topic {
  slug: string;
  facet?: Facet;
  /** Set once the citizen asked for a child ("cho con tôi", "con tôi 10 tuổi"). */
  audience?: { child: boolean; age?: number };
}

export interface ClarifyOption {
  kind: 'procedure' | 'intent' | 'expansion';
  /** Slug, meta intent, or the expansion of an ambiguous abbreviation. */
  value: string;
  title: string;
  /** For an expansion: the ambiguous abbreviation it spells out. */
  token?: string;
}

export type ReportKind = 'to_giac' | 'tin_bao' | 'lua_dao' | 'mat_giay_to' | 'khac';
export type ReportStep = 'what' | 'when' | 'where' | 'who' | 'contact' | 'confirm';

export interface ReportDraft {
  kind: ReportKind;
  what?: string;
  whenText?: string;
  happenedOn?: string;
  whereText?: string;
  wardCode?: string;
  who?: string;
  contactText?: string;
  contactPhone?: string;
  anonymous?: boolean;
  /** Fields the citizen chose to skip. */
  skipped: ReportStep[];
}

export type Pending =
  | { kind: 'clarify'; original: string; facet?: Facet; options: ClarifyOption[] }
  | { kind: 'topic_for_facet'; facet: Facet }
  | { kind: 'find_ward_address' }
  | { kind: 'report'; step: ReportStep; draft: ReportDraft }
  | { kind: 'status_code'; trackingCode?: string }
  /** `options` keeps the guesses offered with the question, so that "1"/"2" still picks one. */
  | { kind: 'handoff_offer'; reason: 'request' | 'low_confidence'; options?: ClarifyOption[]; original?: string; facet?: Facet }
  | { kind: 'handoff_ward'; reason: 'request' | 'low_confidence' };

export interface EmergencyState {
  kind: EmergencyKind;
  hotline: '114' | '113' | '115';
  startedAt: string;
  incidentId?: string;
  incidentCode?: string;
  /** What was received so far (the texts themselves go to the incident, not here). */
  hasLocation: boolean;
  hasPhone: boolean;
  /** Assistant turns spent collecting; after MAX_EMERGENCY_TURNS the incident is created whatever is known. */
  turns: number;
  done: boolean;
  /** The citizen's words so far, as sent to the incident's description (which an update replaces). */
  description?: string;
  wardCode?: string;
}

export interface DialogueState {
  v: 1;
  topic?: Topic;
  pending?: Pending;
  emergency?: EmergencyState;
  /** Consecutive low-confidence turns (unsure or out of scope); reset by any understood message. */
  lowStreak: number;
}

export const initialState = (): DialogueState => ({ v: 1, lowStreak: 0 });

/** Reads a stored state defensively (older or hand-edited rows never crash the dialogue). */
export function readState(raw: unknown): DialogueState {
  if (!raw || typeof raw !== 'object' || (raw as { v?: unknown }).v !== 1) return initialState();
  const s = raw as Partial<DialogueState>;
  return { ...initialState(), ...s, lowStreak: typeof s.lowStreak === 'number' ? s.lowStreak : 0 };
}

/** Emergencies older than this are no longer "being collected". */
export const EMERGENCY_WINDOW_MS = 30 * 60_000;
export const MAX_EMERGENCY_TURNS = 3;
