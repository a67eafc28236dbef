// Shapes of the assistant's citizen API (src/assistant/chat.types.ts, README "HTTP API"), as the web chat reads them.

export type Lang = 'vi' | 'en';

export interface QuickReply {
  label: string;
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
  focus?: string;
  papers: Array<{ text: string; form: string | null; note: string | null; when: string | null; verified: boolean }>;
  fees: {
    lines: Array<{ label: string; amountVnd: number | null; amountText: string; channel: string; channelLabel: string; condition: string | null; validFrom: string | null; validTo: string | null; note: string | null; verified: boolean; text: string }>;
    unknownText: string | null;
  };
  processingTime: { text: string; verified: boolean };
  where: { text: string; verified: boolean };
  online: { available: boolean; channels: string[]; url: string | null; howTo: string[] };
  legalBasis: string[];
  lastChecked: string;
  lastCheckedText: string;
  cautions: string[];
  related: Array<{ slug: string; title: string }>;
  factsLanguage: Lang;
}

export interface WardCard {
  type: 'ward';
  code: string;
  name: string;
  unitType: string;
  police: { name: string; address: string | null; phone: string | null; note: string | null };
  adminSeat: string;
  resolution: string;
  clause: number | null;
  formerUnits: Array<{ name: string; district: string; wordingText: string; alsoTo: Array<{ code: string; name: string }> }>;
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
  kind: 'fire' | 'police' | 'medical' | 'rescue';
  hotline: '114' | '113' | '115';
  hotlineLabel: string;
  steps: string[];
  incident?: { id: string; code: string };
  missing: Array<'location' | 'phone'>;
}

export type ReportStep = 'what' | 'when' | 'where' | 'who' | 'contact' | 'confirm';

export interface ReportFormCard {
  type: 'report_form';
  kind: string;
  kindLabel: string;
  step: ReportStep;
  fields: { what: string | null; when: string | null; where: string | null; who: string | null; contact: string | null; anonymous: boolean };
}

export interface ReportCreatedCard {
  type: 'report_created';
  trackingCode: string;
  kind: string;
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

export type HandoffStatus = 'queued' | 'taken' | 'closed';

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
  ack?: boolean;
}

export interface CitizenHandoff {
  id: string;
  status: HandoffStatus;
  ward: { code: string; name: string } | null;
  queuePosition?: number;
  waitingSinceMs?: number;
  waitedMs?: number;
}

export type ConversationStatus = 'active' | 'handed_off' | 'closed';

export interface ChatResponse {
  conversationId: string;
  conversationToken?: string;
  restarted?: boolean;
  messageSeq: number;
  reply: Reply;
  intent: string;
  act: string;
  procedure?: { slug: string; title: string };
  emergency?: { kind: EmergencyCard['kind']; hotline: EmergencyCard['hotline'] };
  ward?: { code: string; name: string };
  incident?: { id: string; code?: string };
  handoff?: CitizenHandoff;
  report?: { trackingCode: string; secret: string };
  conversationStatus: ConversationStatus;
}

export interface HistoryMessage {
  seq: number;
  role: 'citizen' | 'assistant' | 'officer' | 'system';
  text: string;
  at: string;
  author?: string;
  card?: Card;
  quickReplies?: QuickReply[];
  actions?: Action[];
  ack?: boolean;
  intent?: string;
}

export interface HistoryResponse {
  conversationId: string;
  conversationStatus: ConversationStatus;
  language: Lang;
  messages: HistoryMessage[];
  handoff?: CitizenHandoff;
}

export interface ReportLookup {
  trackingCode: string;
  kind: string;
  kindLabel: string;
  status: string;
  statusLabel: string;
  ward: { code: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
  noteForCitizen: string | null;
  history: Array<{ status: string; statusLabel: string; at: string; note: string | null }>;
}
