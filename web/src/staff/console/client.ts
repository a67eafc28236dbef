import { ApiError } from '../../api.ts';
import { loadSession } from '../../session.ts';
import type {
  Incident,
  IncidentDetail,
  IncidentStatus,
  IncidentType,
  PublicWarning,
  RecommendResult,
  Stats,
  Unit,
  UnitStatus,
  VerifyResultView,
} from './types.ts';

// Client for the dispatch endpoints of /api/v1. It mirrors src/api.ts (same ApiError, same Vietnamese
// fallbacks) and keeps its own copy of the session's CSRF token in memory, read from /auth/me on the first
// state-changing request and again when the server says it went stale.

const FALLBACK: Record<number, string> = {
  0: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.',
  401: 'Vui lòng đăng nhập để tiếp tục.',
  403: 'Anh/chị không có quyền thực hiện thao tác này.',
  404: 'Không tìm thấy nội dung yêu cầu (có thể đã được gộp hoặc không thuộc phạm vi của anh/chị).',
  429: 'Thao tác quá nhanh. Vui lòng thử lại sau ít phút.',
};

type Method = 'GET' | 'POST' | 'PATCH';

let csrf: string | null = null;

async function send<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(0, 'NETWORK', FALLBACK[0]!);
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined)?.error;
    // The session ended (expired, signed out elsewhere): the staff shell re-checks it and goes to /login.
    if (res.status === 401 && err?.code === 'UNAUTHENTICATED') void loadSession(true);
    const message = err?.message ?? FALLBACK[res.status] ?? (res.status >= 500 ? 'Hệ thống đang gặp sự cố. Vui lòng thử lại sau.' : 'Yêu cầu không thành công.');
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, message, err?.details);
  }
  return data as T;
}

async function refreshCsrf() {
  const me = await send<{ csrfToken: string }>('GET', '/auth/me');
  csrf = me.csrfToken;
}

async function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  if (method !== 'GET' && !csrf) await refreshCsrf();
  try {
    return await send<T>(method, path, body, signal);
  } catch (e) {
    if (method !== 'GET' && e instanceof ApiError && e.code === 'CSRF_INVALID') {
      await refreshCsrf();
      return send<T>(method, path, body, signal);
    }
    throw e;
  }
}

/** For the other staff panels of the workspace (hand-offs, reports): same errors, same CSRF handling. */
export const apiRequest = request;

export const qs = (params: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

const enc = encodeURIComponent;

export interface NewIncidentInput {
  type: IncidentType;
  priority?: number;
  wardCode?: string | null;
  lat?: number | null;
  lon?: number | null;
  addressText?: string | null;
  description?: string | null;
  source?: 'manual' | 'call';
  reporterName?: string | null;
  callbackPhone?: string | null;
}

export interface WarningInput {
  status: 'Actual' | 'Exercise' | 'Test';
  msgType: 'Alert';
  category: string[];
  event: string;
  responseType?: string[];
  urgency: string;
  severity: string;
  certainty: string;
  headline: string;
  description: string;
  instruction?: string;
  areaDesc: string;
  wardCodes?: string[];
  expiresInMinutes?: number;
  incidentId?: string;
}

export const dispatchApi = {
  incidents: (params: { status?: string; limit?: number } = {}, signal?: AbortSignal) =>
    request<{ incidents: Incident[] }>('GET', `/incidents${qs(params)}`, undefined, signal).then((r) => r.incidents),
  incidentsFor: (params: { type?: string; status?: string; since?: string; ward?: string; limit?: number }, signal?: AbortSignal) =>
    request<{ incidents: Incident[] }>('GET', `/incidents${qs(params)}`, undefined, signal).then((r) => r.incidents),
  detail: (id: string, signal?: AbortSignal) => request<IncidentDetail>('GET', `/incidents/${enc(id)}`, undefined, signal),
  create: (input: NewIncidentInput) => request<{ incident: Incident }>('POST', '/incidents', input).then((r) => r.incident),
  acknowledge: (id: string) => request<{ incident: Incident }>('POST', `/incidents/${enc(id)}/acknowledge`).then((r) => r.incident),
  shown: (id: string) => request<{ incident: Incident; first: boolean }>('POST', `/incidents/${enc(id)}/shown`),
  transition: (id: string, status: IncidentStatus, note?: string) =>
    request<{ incident: Incident }>('POST', `/incidents/${enc(id)}/transition`, note ? { status, note } : { status }).then((r) => r.incident),
  dispatch: (id: string, unitIds: string[]) => request<{ incident: Incident; units: Unit[] }>('POST', `/incidents/${enc(id)}/dispatch`, { unitIds }),
  merge: (primaryId: string, duplicateId: string) => request<{ primary: Incident; duplicate: Incident }>('POST', `/incidents/${enc(primaryId)}/merge`, { duplicateId }),
  verify: (id: string, signal?: AbortSignal) => request<VerifyResultView>('GET', `/incidents/${enc(id)}/timeline/verify`, undefined, signal),
  eidoUrl: (id: string) => `/api/v1/incidents/${enc(id)}/eido`,

  units: (signal?: AbortSignal) => request<{ units: Unit[] }>('GET', '/units', undefined, signal).then((r) => r.units),
  recommend: (incidentId: string, signal?: AbortSignal) => request<RecommendResult>('GET', `/units/recommend${qs({ incidentId, limit: 3 })}`, undefined, signal),
  setUnitStatus: (id: string, status: Exclude<UnitStatus, 'dispatched'>) => request<{ unit: Unit }>('PATCH', `/units/${enc(id)}`, { status }).then((r) => r.unit),

  stats: (params: { from?: string; to?: string; ward?: string }, signal?: AbortSignal) => request<Stats>('GET', `/stats${qs(params)}`, undefined, signal),

  warnings: (signal?: AbortSignal) => request<{ warnings: PublicWarning[] }>('GET', '/warnings', undefined, signal).then((r) => r.warnings),
  createWarning: (input: WarningInput) => request<{ warning: PublicWarning }>('POST', '/warnings', input).then((r) => r.warning),
};
