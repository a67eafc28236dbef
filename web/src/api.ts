import type { FeatureCollection } from 'geojson';

// Typed client for the Bình Yên HTTP API (/api/v1). Every failure becomes an ApiError carrying the
// server's Vietnamese message (`{ error: { code, message } }`), or a polite fallback for network errors.
// The CSRF token lives only in this module's memory; it is re-read from /auth/me after a reload.
// `fetchJson` is the one low-level call every client uses (the citizen chat directly, without session);
// `request` adds the staff session (CSRF header, retry on a stale token, session-lost handler) for the
// staff clients (this file's `api`, staff/kb/kb-api.ts, staff/console/client.ts, staff/alarms/alarm-client.ts).

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

/** A police unit's contact details; address and phone stay null until an administrator records them. */
export interface PoliceContact {
  id?: string;
  name?: string | null;
  address?: string | null;
  phone?: string | null;
}

export interface PoliceUnit extends PoliceContact {
  id: string;
  name: string;
  level: 'city' | 'ward';
  wardCode: string | null;
  note: string | null;
  /** Demonstration data (DEMO=1), not real contact details. */
  isDemo: boolean;
  updatedBy: string | null;
  updatedAt: string;
}

/** One of the 126 current (post-1/7/2025) units (GET /wards). */
export interface Ward {
  code: string;
  name: string;
  type: string;
  shortName?: string;
  /** Seat of the commune/ward government (UBND) — not the police post. */
  adminCenter?: string | null;
  lat?: number | null;
  lon?: number | null;
  areaKm2?: number | null;
  population?: number | null;
  /** Khoản of NQ 1656/NQ-UBTVQH15 Điều 1 that formed the unit. */
  clause?: number;
}

export interface WardVia {
  oldName: string;
  oldDistrict?: string | null;
  /** 'full' when the former unit went wholly into this one, 'partial' when it was split. */
  relation?: 'full' | 'partial' | null;
  /** The resolution's wording code (toan_bo, mot_phan, phan_con_lai, ...). */
  wording?: string | null;
  /** The same wording in Vietnamese. */
  wordingText?: string | null;
}

export interface WardMatch extends Partial<Omit<Ward, 'code' | 'name'>> {
  code: string;
  name: string;
  /** Probability (0..1, capped at 0.99) that the address lies in this unit; absent for a located point. */
  confidence?: number;
  /** How the match was reached: the current name, a former unit, or a former district. */
  basis?: 'current_name' | 'former_unit' | 'former_district';
  via?: WardVia;
  policeUnit?: PoliceContact | null;
}

export interface WardDetail {
  ward: Ward;
  policeUnit: PoliceUnit | null;
  clause: { number: number; text: string; resolution: string } | null;
  formerUnits: Array<{
    oldCode: string;
    name: string;
    district: string;
    relation: 'full' | 'partial';
    wording: string;
    wordingText: string;
    alsoTo: Array<{ code: string; name: string; wording: string }>;
  }>;
}

export interface LocateResult {
  ward: Ward | null;
  /** Units whose (simplified) boundary contains the point. */
  candidates: Ward[];
  /** When no boundary contains the point: the closest unit nearby. */
  nearest: (Ward & { distanceM: number }) | null;
  note?: string;
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

const NETWORK_MESSAGE = 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.';

/** Messages for answers that carry none of their own (`{ error: { message } }`), by status. */
export type FallbackMessages = Readonly<Record<number, string>>;

/** The staff fallbacks. */
export const FALLBACK: FallbackMessages = {
  401: 'Vui lòng đăng nhập để tiếp tục.',
  403: 'Bạn không có quyền thực hiện thao tác này.',
  404: 'Không tìm thấy nội dung yêu cầu.',
  429: 'Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.',
};

/** The officers' wording (console, alarms), addressing them as "anh/chị". */
export const OFFICER_FALLBACK: FallbackMessages = {
  ...FALLBACK,
  403: 'Anh/chị không có quyền thực hiện thao tác này.',
  429: 'Thao tác quá nhanh. Vui lòng thử lại sau ít phút.',
};

/**
 * Fetches `/api/v1${path}` and returns its JSON body. Any failure is an ApiError: the network (status 0), or an
 * answer that is not 2xx, with the server's `{ error: { code, message, details } }` or else `fallback[status]`.
 * An abort is rethrown as is. No session handling: the staff `request` below adds it, the citizen chat does not.
 */
export async function fetchJson<T>(
  path: string,
  init: RequestInit & { headers?: Record<string, string> } = {},
  fallback: FallbackMessages = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { credentials: 'same-origin', ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch (e) {
    if (init.signal?.aborted) throw e;
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
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
    const message = err?.message ?? fallback[res.status] ?? (res.status >= 500 ? 'Hệ thống đang gặp sự cố. Vui lòng thử lại sau.' : 'Yêu cầu không thành công.');
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, message, err?.details);
  }
  return data as T;
}

let csrfToken: string | null = null;
let onSessionLost: (() => void) | null = null;

export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

/** Called when the server says the session is gone (expired, signed out elsewhere, account disabled). */
export const setSessionLostHandler = (handler: (() => void) | null) => {
  onSessionLost = handler;
};

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One staff request: session cookie, JSON body, CSRF header on writes; a lost session calls the handler. */
async function send<T>(method: Method, path: string, body: unknown, signal: AbortSignal | undefined, fallback: FallbackMessages): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetchJson<T>(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal }, fallback);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && e.code === 'UNAUTHENTICATED' && path !== '/auth/me') onSessionLost?.();
    throw e;
  }
}

/**
 * A staff request (the shared client of every staff page); a state-changing one whose CSRF token went stale
 * is retried once after /auth/me. `fallback`: messages for answers without one of their own.
 */
export async function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal, fallback: FallbackMessages = FALLBACK): Promise<T> {
  try {
    return await send<T>(method, path, body, signal, fallback);
  } catch (e) {
    if (method !== 'GET' && e instanceof ApiError && e.code === 'CSRF_INVALID') {
      const me = await send<{ csrfToken: string }>('GET', '/auth/me', undefined, undefined, fallback);
      setCsrfToken(me.csrfToken);
      return send<T>(method, path, body, signal, fallback);
    }
    throw e;
  }
}

/** A staff `request` with its own fallback messages. */
export const requestWith =
  (fallback: FallbackMessages) =>
  <T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> =>
    request<T>(method, path, body, signal, fallback);

/** A query string (`?a=1&b=x`) of the given parameters, leaving out undefined and empty ones. */
export const qs = (params: Record<string, string | number | boolean | undefined>) => {
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
  address: 'địa chỉ',
  phone: 'số điện thoại',
  note: 'ghi chú',
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
    const r = await request<{ csrfToken: string; user: StaffUser; mustChangePassword: boolean }>('GET', '/auth/me');
    setCsrfToken(r.csrfToken);
    return r;
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

  wards: (signal?: AbortSignal) => request<Ward[]>('GET', '/wards', undefined, signal),
  ward: (code: string, signal?: AbortSignal) => request<WardDetail>('GET', `/wards/${encodeURIComponent(code)}`, undefined, signal),
  resolveWard: (q: string, signal?: AbortSignal) =>
    request<{ matches: WardMatch[]; notes?: string[] }>('GET', `/wards/resolve${qs({ q })}`, undefined, signal).then((r) => ({ matches: r.matches ?? [], notes: r.notes ?? [] })),
  locateWard: (lat: number, lon: number, signal?: AbortSignal) => request<LocateResult>('GET', `/wards/locate${qs({ lat, lon })}`, undefined, signal),
  policeUnits: (signal?: AbortSignal) => request<{ policeUnits: PoliceUnit[] }>('GET', '/police-units', undefined, signal).then((r) => r.policeUnits),
  updatePoliceUnit: (id: string, patch: { address?: string | null; phone?: string | null; note?: string | null }) =>
    request<{ policeUnit: PoliceUnit }>('PATCH', `/police-units/${encodeURIComponent(id)}`, patch).then((r) => r.policeUnit),
  wardBoundaries: (signal?: AbortSignal) => request<FeatureCollection>('GET', '/wards/boundaries', undefined, signal),
};
