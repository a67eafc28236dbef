import { fetchJson } from '../api.ts';
import type { ChatResponse, HistoryResponse, ReportLookup } from './types.ts';

// The assistant's citizen endpoints (no session: a conversation is authorised by its token, a report by its
// tracking code and secret), through api.ts's `fetchJson` without cookies, session or CSRF handling. Every
// failure is an ApiError carrying the server's Vietnamese message.

const call = <T>(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) => fetchJson<T>(path, { credentials: 'omit', ...init });

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const chatApi = {
  send: (m: { text: string; conversationId?: string; conversationToken?: string; location?: { lat: number; lon: number } }) =>
    call<ChatResponse>('/chat/messages', json({ channel: 'web', ...m })),

  /** Messages after `after`; with `waitMs` the server holds the request until one arrives (long polling). */
  history: (id: string, token: string, after: number, waitMs = 0, signal?: AbortSignal) =>
    call<HistoryResponse>(`/chat/conversations/${encodeURIComponent(id)}/messages?after=${after}${waitMs ? `&waitMs=${waitMs}` : ''}`, {
      headers: { 'x-conversation-token': token },
      ...(signal ? { signal } : {}),
    }),

  feedback: (conversationId: string, conversationToken: string, messageSeq: number, helpful: boolean) =>
    call<{ ok: true }>('/chat/feedback', json({ conversationId, conversationToken, messageSeq, helpful })),

  handoff: (conversationId: string, conversationToken: string) =>
    call<{ handoff: NonNullable<ChatResponse['handoff']>; conversationStatus: 'handed_off' }>('/chat/handoff', json({ conversationId, conversationToken })),

  lookup: (trackingCode: string, secret: string) => call<{ report: ReportLookup }>('/reports/lookup', json({ trackingCode, secret })).then((r) => r.report),

  /** One evidence file (multipart, the secret in a header). */
  upload: (trackingCode: string, secret: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return call<{ attachment: { id: string; mime: string; sizeBytes: number } }>(`/reports/${encodeURIComponent(trackingCode)}/attachments`, {
      method: 'POST',
      headers: { 'x-report-secret': secret },
      body: form,
    }).then((r) => r.attachment);
  },
};
