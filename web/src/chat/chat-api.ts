import { ApiError } from '../api.ts';
import type { ChatResponse, HistoryResponse, ReportLookup } from './types.ts';

// The assistant's citizen endpoints (no session: a conversation is authorised by its token, a report by its
// tracking code and secret). Every failure is an ApiError carrying the server's Vietnamese message.

const FALLBACK = 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.';

async function call<T>(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { credentials: 'omit', ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch (e) {
    if (init.signal?.aborted) throw e;
    throw new ApiError(0, 'NETWORK', FALLBACK);
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? (res.status >= 500 ? 'Hệ thống đang gặp sự cố. Vui lòng thử lại sau.' : 'Yêu cầu không thành công.'));
  }
  return data as T;
}

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
