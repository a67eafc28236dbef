import { ApiError } from '../../api.ts';
import { loadSession } from '../../session.ts';

// Client for the alarm monitoring endpoints of /api/v1 (src/alarms/alarms.routes.ts). Same error shape as
// src/api.ts (ApiError with the server's Vietnamese message); keeps its own in-memory copy of the session's
// CSRF token, read from /auth/me before the first state-changing request and again when it went stale.

export interface Contact {
  name: string;
  phone: string;
  role: string | null;
}

export interface AlarmAccount {
  account: string;
  receiver: string | null;
  line: string | null;
  hasKey: boolean;
  keyFormat: 'hex' | 'ascii' | null;
  enabled: boolean;
  isDemo: boolean;
  premise: {
    name: string;
    address: string;
    wardCode: string | null;
    wardName: string | null;
    wardSource: 'code' | 'point' | 'address' | null;
    wardUnresolved: boolean;
    wardNote?: string;
    lat: number | null;
    lon: number | null;
    contacts: Contact[];
    zones: Record<string, string>;
  };
  heartbeatIntervalS: number | null;
  lastSeenAt: string | null;
  falseAlarms: number;
  confirmedFires: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  updatedBy: string | null;
}

export interface PremiseSummary {
  account: string;
  name: string;
  address: string;
  wardCode: string | null;
  wardUnresolved: boolean;
  lat: number | null;
  lon: number | null;
  contacts: Contact[];
  zones: Record<string, string>;
  falseAlarms: number;
  confirmedFires: number;
  isDemo: boolean;
}

export interface ActiveAlarm {
  id: string;
  account: string;
  incidentId: string | null;
  firstEventId: string;
  lastEventId: string;
  zones: Array<{ zone: string; description: string | null }>;
  eventCount: number;
  openedAt: string;
  lastEventAt: string;
  restoredAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  outcome: 'confirmed' | 'false_alarm' | null;
  falseAlarmReason: string | null;
  falseAlarmReasonLabel: string | null;
  verifiedAt: string | null;
  verifiedBy: string | null;
  state: 'new' | 'acknowledged' | 'restored' | 'confirmed' | 'closed';
  premise: PremiseSummary;
  incident: { id: string; code: string; status: string; statusLabel: string; wardCode: string | null; isDemo: boolean } | null;
}

export interface Trouble {
  id: string;
  account: string;
  kind: string;
  kindLabel: string;
  code: string | null;
  codeDescriptionVi: string | null;
  codeDescription: string | null;
  zone: string | null;
  zoneDescription: string | null;
  openedAt: string;
  lastEventAt: string;
  eventCount: number;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  premise: PremiseSummary;
}

export interface Unregistered {
  account: string;
  label: string;
  events: number;
  lastAt: string;
  lastCode: string;
  fire: boolean;
}

export interface ActiveList {
  alarms: ActiveAlarm[];
  troubles: Trouble[];
  unregistered: Unregistered[];
}

export interface AlarmEvent {
  id: string;
  account: string;
  sequence: string;
  code: string;
  zone: string | null;
  zoneDescription: string | null;
  receivedAt: string;
  incidentId?: string;
  qualifier: string;
  category: string;
  categoryLabel: string;
  description: string | null;
  descriptionVi: string | null;
  cidCode: string | null;
  encrypted: boolean;
  transport: string;
  knownAccount: boolean;
  accountLabel?: string;
}

export interface AccountStats {
  account: string;
  falseAlarms: { total: number; last30Days: number; byReason: Record<string, number> };
  confirmedFires: number;
  fireAlarms: { total: number; last30Days: number; lastAt: string | null };
  troubles: { open: number; total: number };
  lastSeenAt: string | null;
}

export const FALSE_ALARM_REASONS: Array<{ id: string; label: string }> = [
  { id: 'test', label: 'Thử nghiệm' },
  { id: 'device_fault', label: 'Lỗi thiết bị' },
  { id: 'dust_steam', label: 'Bụi/hơi nước' },
  { id: 'user_error', label: 'Thao tác nhầm' },
  { id: 'other', label: 'Khác' },
];

export interface PremiseInput {
  name?: string;
  address?: string;
  wardCode?: string | null;
  lat?: number | null;
  lon?: number | null;
  contacts?: Contact[];
  zones?: Record<string, string>;
}

export interface AccountInput {
  account?: string;
  receiver?: string | null;
  line?: string | null;
  key?: string | null;
  keyFormat?: 'hex' | 'ascii';
  enabled?: boolean;
  heartbeatIntervalS?: number | null;
  premise?: PremiseInput;
}

const FALLBACK: Record<number, string> = {
  0: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.',
  401: 'Vui lòng đăng nhập để tiếp tục.',
  403: 'Anh/chị không có quyền thực hiện thao tác này.',
  404: 'Không tìm thấy nội dung yêu cầu (có thể không thuộc phạm vi của anh/chị).',
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
    if (res.status === 401 && err?.code === 'UNAUTHENTICATED') void loadSession(true);
    const message = err?.message ?? FALLBACK[res.status] ?? (res.status >= 500 ? 'Hệ thống đang gặp sự cố. Vui lòng thử lại sau.' : 'Yêu cầu không thành công.');
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, message, err?.details);
  }
  return data as T;
}

async function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  if (method !== 'GET' && !csrf) csrf = (await send<{ csrfToken: string }>('GET', '/auth/me')).csrfToken;
  try {
    return await send<T>(method, path, body, signal);
  } catch (e) {
    if (method !== 'GET' && e instanceof ApiError && e.code === 'CSRF_INVALID') {
      csrf = (await send<{ csrfToken: string }>('GET', '/auth/me')).csrfToken;
      return send<T>(method, path, body, signal);
    }
    throw e;
  }
}

const qs = (params: Record<string, string | number | boolean | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};
const enc = encodeURIComponent;

export const alarmApi = {
  accounts: (params: { q?: string; ward?: string; unresolved?: boolean } = {}, signal?: AbortSignal) =>
    request<{ accounts: AlarmAccount[] }>('GET', `/alarm-accounts${qs(params)}`, undefined, signal).then((r) => r.accounts),
  account: (account: string, signal?: AbortSignal) => request<{ account: AlarmAccount }>('GET', `/alarm-accounts/${enc(account)}`, undefined, signal).then((r) => r.account),
  createAccount: (input: AccountInput & { account: string; premise: PremiseInput & { name: string; address: string } }) =>
    request<{ account: AlarmAccount }>('POST', '/alarm-accounts', input).then((r) => r.account),
  updateAccount: (account: string, patch: AccountInput) => request<{ account: AlarmAccount }>('PATCH', `/alarm-accounts/${enc(account)}`, patch).then((r) => r.account),
  stats: (account: string, signal?: AbortSignal) => request<{ stats: AccountStats }>('GET', `/alarm-accounts/${enc(account)}/stats`, undefined, signal).then((r) => r.stats),
  events: (params: { account?: string; limit?: number }, signal?: AbortSignal) =>
    request<{ events: AlarmEvent[] }>('GET', `/alarm-events${qs(params)}`, undefined, signal).then((r) => r.events),
  active: (signal?: AbortSignal) => request<ActiveList>('GET', '/alarms/active', undefined, signal),
  acknowledgeEvent: (id: string) => request<unknown>('POST', `/alarm-events/${enc(id)}/acknowledge`),
  acknowledgeTrouble: (id: string) => request<unknown>('POST', `/alarm-troubles/${enc(id)}/acknowledge`),
  verify: (account: string, body: { outcome: 'confirmed' | 'false_alarm'; reason?: string; note?: string }) =>
    request<{ activation: ActiveAlarm; incident: ActiveAlarm['incident'] }>('POST', `/alarms/${enc(account)}/verify`, body),
};
