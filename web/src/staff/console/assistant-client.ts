import { apiRequest, qs } from './client.ts';

// The assistant's officer API (src/assistant/staff.routes.ts): the ward's hand-off queue and citizens'
// reports. Ward officers get only their ward's items (the server scopes them).

export type HandoffStatus = 'queued' | 'taken' | 'closed';

export interface Handoff {
  id: string;
  conversationId: string;
  wardCode: string | null;
  ward: { code: string; name: string } | null;
  reason: string;
  reasonLabel: string;
  status: HandoffStatus;
  statusLabel: string;
  channel: string;
  language: string;
  requestedAt: string;
  takenAt: string | null;
  takenBy: string | null;
  closedAt: string | null;
  queuePosition: number | null;
  waitingMs: number;
  lastMessageAt: string | null;
  messageCount: number;
  report: { id: string; trackingCode: string | null; kind: string | null } | null;
}

export interface ChatMessage {
  seq: number;
  role: 'citizen' | 'assistant' | 'officer' | 'system';
  text: string;
  at: string;
  meta: Record<string, unknown>;
}

export type ReportStatus = 'received' | 'verifying' | 'transferred' | 'resolved' | 'insufficient';

export interface Report {
  id: string;
  trackingCode: string;
  kind: string;
  kindLabel: string;
  status: ReportStatus;
  statusLabel: string;
  allowedTransitions: ReportStatus[];
  wardCode: string | null;
  ward: { code: string; name: string } | null;
  what: string | null;
  when: string | null;
  happenedOn: string | null;
  where: string | null;
  who: string | null;
  anonymous: boolean;
  contact: { text: string | null; phone: string | null } | null;
  noteForCitizen: string | null;
  channel: string;
  language: string;
  conversationId: string | null;
  createdAt: string;
  updatedAt: string;
  history?: Array<{ seq: number; status: ReportStatus; statusLabel: string; noteForCitizen: string | null; internalNote: string | null; by: string | null; at: string }>;
  attachments?: Array<{ id: string; name: string; mime: string; sizeBytes: number; sha256: string; createdAt: string; url: string }>;
}

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  received: 'Đã tiếp nhận',
  verifying: 'Đang xác minh',
  transferred: 'Đã chuyển xử lý',
  resolved: 'Đã giải quyết',
  insufficient: 'Không đủ căn cứ',
};

export const CHANNEL_LABELS: Record<string, string> = { web: 'Trang web', zalo: 'Zalo', voice: 'Tổng đài' };

const enc = encodeURIComponent;

export const assistantApi = {
  /** `ward`: city roles only (a ward officer is always confined to their ward by the server). */
  handoffs: (status: 'open' | 'all', signal?: AbortSignal, ward?: string) =>
    apiRequest<{ handoffs: Handoff[] }>('GET', `/handoffs${qs({ status, ward, limit: 200 })}`, undefined, signal).then((r) => r.handoffs),
  handoff: (id: string, signal?: AbortSignal) => apiRequest<{ handoff: Handoff; messages: ChatMessage[] }>('GET', `/handoffs/${enc(id)}`, undefined, signal),
  take: (id: string) => apiRequest<{ handoff: Handoff }>('POST', `/handoffs/${enc(id)}/take`).then((r) => r.handoff),
  reply: (id: string, text: string) => apiRequest<{ message: { seq: number; at: string } }>('POST', `/handoffs/${enc(id)}/messages`, { text }),
  close: (id: string, note?: string) => apiRequest<{ handoff: Handoff }>('POST', `/handoffs/${enc(id)}/close`, note ? { note } : {}).then((r) => r.handoff),

  reports: (status: string, signal?: AbortSignal, ward?: string) =>
    apiRequest<{ reports: Report[] }>('GET', `/reports${qs({ status, ward, limit: 200 })}`, undefined, signal).then((r) => r.reports),
  report: (id: string, signal?: AbortSignal) => apiRequest<{ report: Report }>('GET', `/reports/${enc(id)}`, undefined, signal).then((r) => r.report),
  updateReport: (id: string, patch: { status?: ReportStatus; noteForCitizen?: string | null; internalNote?: string | null }) =>
    apiRequest<{ report: Report }>('PATCH', `/reports/${enc(id)}`, patch).then((r) => r.report),
};
