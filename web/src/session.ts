import { useEffect, useSyncExternalStore } from 'react';
import { api, ApiError, errorMessage, setCsrfToken, setSessionLostHandler, type Role, type StaffUser } from './api.ts';

// The signed-in staff member, shared by the staff pages. Nothing is persisted in the browser:
// after a reload the session cookie (HttpOnly) is checked again through /auth/me.

export type SessionState =
  | { status: 'unknown' }
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'signed-in'; user: StaffUser; mustChangePassword: boolean }
  | { status: 'error'; message: string };

let state: SessionState = { status: 'unknown' };
const listeners = new Set<() => void>();

function set(next: SessionState) {
  state = next;
  for (const l of listeners) l();
}

// A staff request answered 401 mid-session: forget the user; the staff page then goes to /login.
setSessionLostHandler(() => {
  setCsrfToken(null);
  if (state.status === 'signed-in') set({ status: 'anonymous' });
});

/** Home page of each role after sign-in. */
export const ROLE_HOME: Record<Role, string> = {
  admin: '/admin',
  dispatcher: '/console',
  ward_officer: '/ward',
  leader: '/console',
  kb_editor: '/admin',
};

/** Which roles may open each staff page. */
export const PAGE_ROLES = {
  '/console': ['dispatcher', 'admin', 'leader'],
  '/ward': ['ward_officer'],
  '/admin': ['admin', 'kb_editor'],
} as const satisfies Record<string, readonly Role[]>;

export type StaffPage = keyof typeof PAGE_ROLES;

export const canOpen = (role: Role, page: StaffPage) => (PAGE_ROLES[page] as readonly Role[]).includes(role);

/** Checks the session with the server (once, unless `force`). */
export async function loadSession(force = false) {
  if (!force && state.status !== 'unknown' && state.status !== 'error') return;
  set({ status: 'loading' });
  try {
    const { user, mustChangePassword } = await api.me();
    set({ status: 'signed-in', user, mustChangePassword });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) set({ status: 'anonymous' });
    else set({ status: 'error', message: errorMessage(e) });
  }
}

export function signedIn(user: StaffUser, mustChangePassword: boolean) {
  set({ status: 'signed-in', user, mustChangePassword });
}

export function passwordChanged() {
  if (state.status === 'signed-in') set({ ...state, mustChangePassword: false });
}

export async function signOut() {
  try {
    await api.logout();
  } finally {
    set({ status: 'anonymous' });
  }
}

/** The session, checked with the server on first use. */
export function useSession(): SessionState {
  const s = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
  useEffect(() => {
    void loadSession();
  }, []);
  return s;
}
