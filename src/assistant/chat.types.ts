import type { Band, EmergencyKind, Facet } from '../nlp/index.ts';
import type { Channel, Lang, ReportKind } from './dialogue-state.ts';

/**
 * The shapes the conversation core returns to every channel (web, Zalo, voice). The HTTP response of
 * `POST /api/v1/chat/messages` is `ChatResponse` as is (the CONTRACT fields plus extensions).
 */

export interface QuickReply {
  label: string;
  /** What the client sends as the next message when the citizen taps it. */
  text: string;
}

export type Action =
  | { type: 'call'; label: string; tel: string }
  | { type: 'share_location'; label: string }
  | { type: 'handoff'; label: string }
  | { type: 'open_url'; label: string; url: string }
  | { type: 'upload'; label: string; url: string; maxBytes: number; accept: string[]; maxFiles: number };

export interface ProcedureCard {
  type: 'procedure';
  slug: string;
  title: string;
  summary: string;
  /** The part the citizen asked about, when any. */
  focus?: Facet;
  papers: Array<{ text: string; form: string | null; note: string | null; when: string | null; verified: boolean }>;
  fees: {
    lines: Array<{ label: string; amountVnd: number | null; amountText: string; channel: string; channelLabel: string; condition: string | null; validFrom: string | null; validTo: string | null; note: string | null; verified: boolean; text: string }>;
    unknownText: string | null;
  };
  processingTime: { text: string; verified: boolean };
  where: { text: string; verified: boolean };
  online: { available: boolean; channels: string[]; url: string | null; howTo: string[] };
  legalBasis: string[];
  /** ISO date the entry was last checked, and as written for people. */
  lastChecked: string;
  lastCheckedText: string;
  cautions: string[];
  related: Array<{ slug: string; title: string }>;
  /** Language of the facts (KB facts are Vietnamese unless the entry has an English block). */
  factsLanguage: Lang;
}

export interface WardCard {
  type: 'ward';
  code: string;
  name: string;
  unitType: string;
  police: { name: string; address: string | null; phone: string | null; note: string | null };
  /** Seat of the commune government (UBND) — not the police post. */
  adminSeat: string;
  resolution: string;
  clause: number | null;
  formerUnits: Array<{ name: string; district: string; wordingText: string; alsoTo: Array<{ code: string; name: string }> }>;
  /** How the citizen's address was read (former unit → this unit), when it was. */
  via?: { oldName: string; oldDistrict: string; wordingText?: string };
  emergencyHotline: '113';
}

export interface WardChoicesCard {
  type: 'ward_choices';
  reason: 'split' | 'ambiguous';
  notes: string[];
  candidates: Array<{ code: string; name: string; confidence: number; via?: { oldName: string; oldDistrict: string; wordingText?: string } }>;
}

export interface EmergencyCard {
  type: 'emergency';
  kind: EmergencyKind;
  hotline: '114' | '113' | '115';
  hotlineLabel: string;
  steps: string[];
  incident?: { id: string; code: string };
  missing: Array<'location' | 'phone'>;
}

export interface ReportFormCard {
  type: 'report_form';
  kind: ReportKind;
  kindLabel: string;
  step: string;
  /** What the citizen gave so far (echoed back to the same citizen only). */
  fields: { what: string | null; when: string | null; where: string | null; who: string | null; contact: string | null; anonymous: boolean };
}

export interface ReportCreatedCard {
  type: 'report_created';
  trackingCode: string;
  kind: ReportKind;
  kindLabel: string;
  ward: { code: string; name: string } | null;
  statusLabel: string;
}

export interface ReportStatusCard {
  type: 'report_status';
  trackingCode: string;
  kindLabel: string;
  status: string;
  statusLabel: string;
  updatedAt: string;
  noteForCitizen: string | null;
  history: Array<{ status: string; statusLabel: string; at: string; note: string | null }>;
}

export interface HandoffCard {
  type: 'handoff';
  status: HandoffStatus;
  ward: { code: string; name: string } | null;
  queuePosition: number | null;
  waitingSinceMs: number | null;
}

export type Card = ProcedureCard | WardCard | WardChoicesCard | EmergencyCard | ReportFormCard | ReportCreatedCard | ReportStatusCard | HandoffCard;

export interface Reply {
  text: string;
  language: Lang;
  card?: Card;
  quickReplies?: QuickReply[];
  actions?: Action[];
  /** An acknowledgement while an officer handles the conversation (clients may show it discreetly). */
  ack?: boolean;
}

export type HandoffStatus = 'queued' | 'taken' | 'closed';

/** The citizen's view of a hand-off (no officer identity beyond the unit). */
export interface CitizenHandoffView {
  id: string;
  status: HandoffStatus;
  ward: { code: string; name: string } | null;
  /** 1 = next; only while queued. */
  queuePosition?: number;
  /** Time in queue so far (queued) or until taken (taken), computed by the server. */
  waitingSinceMs?: number;
  waitedMs?: number;
}

/** Fine-grained dialogue act, for clients that want to style replies (`intent` stays the contract's vocabulary). */
export type Act =
  | 'answer' | 'followup' | 'clarify' | 'fallback' | 'greeting' | 'thanks' | 'smalltalk' | 'emergency'
  | 'find_ward' | 'ask_address' | 'report_form' | 'report_created' | 'report_cancelled' | 'status' | 'ask_status_code'
  | 'handoff_offer' | 'handoff_requested' | 'handoff_ack' | 'ask_ward';

export interface ChatResponse {
  conversationId: string;
  /** Only in the response that created the conversation: the client keeps it (sessionStorage) to read the history. */
  conversationToken?: string;
  /** The given conversationId was unknown or expired: a new conversation was started. */
  restarted?: boolean;
  /** Sequence number of the assistant's message (for `POST /chat/feedback`). */
  messageSeq: number;
  reply: Reply;
  intent: string;
  act: Act;
  band?: Band;
  confidence?: number;
  procedure?: { slug: string; title: string };
  emergency?: { kind: EmergencyKind; hotline: '114' | '113' | '115' };
  ward?: { code: string; name: string };
  incident?: { id: string; code?: string };
  handoff?: CitizenHandoffView;
  /** Only once, in the response that created the report: the secret is never shown again. */
  report?: { trackingCode: string; secret: string };
  conversationStatus: 'active' | 'handed_off' | 'closed';
  channel: Channel;
}
