/**
 * HTTP test support: staff users created and signed in on a test platform (src/dispatch HTTP and live tests).
 * Kept apart from testing.ts so that service-level tests and the benchmark do not load the test platform.
 */
import type { Platform } from '../app.ts';
import type { Role } from '../auth/roles.ts';
import { ADMIN_PASSWORD, login, type Session } from '../../test/support/platform.ts';
import { createStaffUser, STAFF_PASSWORD } from './testing.ts';

/** Creates each user (password STAFF_PASSWORD) and signs it in; `admin` is the platform's built-in admin. */
export async function signInStaff<K extends string>(p: Platform, users: Record<K, { username: string; role: Role; wardCode?: string }>): Promise<Record<K | 'admin', Session>> {
  const sessions = { admin: await login(p, 'admin', ADMIN_PASSWORD) } as Record<K | 'admin', Session>;
  for (const [key, u] of Object.entries(users) as Array<[K, { username: string; role: Role; wardCode?: string }]>) {
    await createStaffUser(p.db, u);
    sessions[key] = await login(p, u.username, STAFF_PASSWORD);
  }
  return sessions;
}
