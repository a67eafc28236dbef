import type { FeatureCollection } from 'geojson';

// Typed client for the Bình Yên HTTP API (/api/v1). Every failure becomes an ApiError carrying the
// server's Vietnamese message (`{ error: { code, message } }`), or a polite fallback for network errors.
// The CSRF token lives only in this module's memory; it is re-read from /auth/me after a reload.

export type Role = 'admin' | 'dispatcher' | 'ward_officer' | 'leader' | 'kb_editor';

export interface StaffUser {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  roleLabel: string;
  wardCode: string | null;
}

export interface ManagedUser extends StaffUser {
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface PoliceContact {
  name?: string | null;
  address?: string | null;
  phone?: string | null;
}

/** One of the 126 current (post-1/7/2025) units. Fields past `type` are optional extras. */
export interface Ward {
  code: string;
  name: string;
  type: string;
  shortName?: string;
  /** Seat of the commune/ward government (UBND) — not the police post. */
  adminCenter?: string | null;
  police?: PoliceContact | null;
  lat?: number | null;
  lon?: number | null;
  areaKm2?: number | null;
  population?: number | null;
}

export interface WardVia {
  oldName: string;
  oldDistrict?: string | null;
  /** 'full' when the former unit went wholly into this one, 'partial' when it was split. */
  relation?: string | null;
  /** The resolution's wording code (toan_bo, mot_phan, phan_con_lai, ...) or text. */
  wording?: string | null;
}

export interface WardMatch extends Partial<Omit<Ward, 'code' | 'name'>> {
  code: string;
  name: string;
  /** 0..1 (1 = exact), or a word such as "exact". */
  confidence: number | string;
  via?: WardVia;
  relation?: string | null;
  wording?: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  target: string | null;
  outcome: string;
  ip: string | null;
  details: Record<string, unknown>;
}

export interface ChatReply {
  conversationId: string;
  reply: { text: string; [k: string]: unknown };
  intent: string;
  procedure?: { slug: string; title: string };
  emergency?: { kind: 'fire' | 'police' | 'medical' | 'rescue'; hotline: '114' | '113' | '115' };
  ward?: { code: string; name: string };
  incident?: { id: string };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const FALLBACK: Record<number, string> = {
  0: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.',
  401: 'Vui lòng đăng nhập để tiếp tục.',
  403: 'Bạn không có quyền thực hiện thao tác này.',
  404: 'Không tìm thấy nội dung yêu cầu.',
  429: 'Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.',
};

let csrfToken: string | null = null;
let onSessionLost: (() => void) | null = null;

export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

/** Called when the server says the session is gone (expired, signed out elsewhere, account disabled). */
export const setSessionLostHandler = (handler: (() => void) | null) => {
  onSessionLost = handler;
};

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

async function send<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(0, 'NETWORK', FALLBACK[0]!);
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined)?.error;
    if (res.status === 401 && err?.code === 'UNAUTHENTICATED' && path !== '/auth/me') onSessionLost?.();
    const message = err?.message ?? FALLBACK[res.status] ?? (res.status >= 500 ? 'Hệ thống đang gặp sự cố. Vui lòng thử lại sau.' : 'Yêu cầu không thành công.');
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, message, err?.details);
  }
  return data as T;
}

/** Sends a request; a state-changing one whose CSRF token went stale is retried once after /auth/me. */
async function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  try {
    return await send<T>(method, path, body, signal);
  } catch (e) {
    if (method !== 'GET' && e instanceof ApiError && e.code === 'CSRF_INVALID') {
      const me = await send<{ csrfToken: string }>('GET', '/auth/me');
      setCsrfToken(me.csrfToken);
      return send<T>(method, path, body, signal);
    }
    throw e;
  }
}

const qs = (params: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

/** Field names in validation errors, in Vietnamese, for friendlier messages. */
const FIELD_LABELS: Record<string, string> = {
  username: 'tên đăng nhập',
  password: 'mật khẩu',
  fullName: 'họ và tên',
  role: 'vai trò',
  wardCode: 'xã/phường',
  text: 'nội dung',
  q: 'nội dung tìm kiếm',
};

/** The message to show for an error, naming the fields a validation error points at. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    const fields = (e.details?.fields as Array<{ field?: string }> | undefined)?.map((f) => FIELD_LABELS[f.field ?? ''] ?? f.field).filter(Boolean);
    return fields?.length ? `${e.message} (${[...new Set(fields)].join(', ')})` : e.message;
  }
  return 'Đã có lỗi xảy ra. Vui lòng thử lại.';
}

export const api = {
  login: async (username: string, password: string) => {
    const r = await request<{ csrfToken: string; user: StaffUser; mustChangePassword: boolean }>('POST', '/auth/login', { username, password });
    setCsrfToken(r.csrfToken);
    return r;
  },
  me: async () => {
    const r = await request<{ csrfToken: string; user: StaffUser }>('GET', '/auth/me');
    setCsrfToken(r.csrfToken);
    return r.user;
  },
  logout: async () => {
    try {
      await request<{ ok: true }>('POST', '/auth/logout');
    } finally {
      setCsrfToken(null);
    }
  },
  changePassword: (oldPassword: string, newPassword: string) => request<{ ok: true }>('POST', '/auth/password', { oldPassword, newPassword }),

  listUsers: () => request<{ users: ManagedUser[] }>('GET', '/users').then((r) => r.users),
  createUser: (u: { username: string; fullName: string; password: string; role: Role; wardCode?: string | null }) =>
    request<{ user: ManagedUser }>('POST', '/users', u).then((r) => r.user),
  updateUser: (id: string, patch: { fullName?: string; role?: Role; wardCode?: string | null; disabled?: boolean; password?: string }) =>
    request<{ user: ManagedUser }>('PATCH', `/users/${encodeURIComponent(id)}`, patch).then((r) => r.user),

  audit: (params: { limit?: number; before?: number; action?: string } = {}) =>
    request<{ entries: AuditEntry[] }>('GET', `/audit${qs(params)}`).then((r) => r.entries),

  wards: (signal?: AbortSignal) =>
    request<Ward[] | { wards: Ward[] }>('GET', '/wards', undefined, signal).then((r) => (Array.isArray(r) ? r : r.wards)),
  resolveWard: (q: string, signal?: AbortSignal) =>
    request<{ matches: WardMatch[] }>('GET', `/wards/resolve${qs({ q })}`, undefined, signal).then((r) => r.matches ?? []),
  locateWard: (lat: number, lon: number, signal?: AbortSignal) =>
    request<{ ward?: WardMatch | null; matches?: WardMatch[] } & Partial<WardMatch>>('GET', `/wards/locate${qs({ lat, lon })}`, undefined, signal).then(
      (r): WardMatch[] => (r.matches ? r.matches : r.ward ? [r.ward] : r.code ? [r as WardMatch] : []),
    ),
  wardBoundaries: (signal?: AbortSignal) => request<FeatureCollection>('GET', '/wards/boundaries', undefined, signal),

  chat: (text: string, conversationId?: string) =>
    request<ChatReply>('POST', '/chat/messages', { text, channel: 'web', ...(conversationId ? { conversationId } : {}) }),
};
