import type { Action, Card, ChatResponse, CitizenHandoffView, QuickReply } from '../../../src/assistant/chat.types.ts';
import type { Lang } from '../../../src/assistant/dialogue-state.ts';

// Shapes of the assistant's citizen API (README "HTTP API"), as the web chat reads them. The chat's shapes are
// the server's own (src/assistant/chat.types.ts and the types it uses), through type-only imports that the
// build erases (as staff/kb/kb-api.ts does with src/kb); only the history's shapes, which the server does not
// type for the wire, are written here.

export type {
  Action,
  Card,
  ChatResponse,
  EmergencyCard,
  HandoffCard,
  HandoffStatus,
  ProcedureCard,
  QuickReply,
  Reply,
  ReportCreatedCard,
  ReportFormCard,
  ReportStatusCard,
  WardCard,
  WardChoicesCard,
} from '../../../src/assistant/chat.types.ts';
export type { Lang, ReportStep } from '../../../src/assistant/dialogue-state.ts';
/** What `POST /reports/lookup` answers: a report as the citizen holding its code and secret sees it. */
export type { CitizenReportView as ReportLookup } from '../../../src/assistant/report.service.ts';

export type CitizenHandoff = CitizenHandoffView;
export type ConversationStatus = ChatResponse['conversationStatus'];

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
