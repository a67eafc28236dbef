/**
 * Test support for the dispatch capability (used by src/dispatch/*.test.ts and bench/dispatch.bench.ts).
 * Not imported by production code.
 */
import { createAuditLog } from '../auth/audit.repository.ts';
import { hashPassword } from '../auth/auth.service.ts';
import type { Role } from '../auth/roles.ts';
import { createUserRepository } from '../auth/user.repository.ts';
import type { Db } from '../db/db.ts';
import { createTestDb } from '../db/test-db.ts';
import { createMemoryBus } from '../shared/bus.memory.ts';
import type { BusEvent, EventBus } from '../shared/bus.ts';
import { createLogger } from '../shared/logger.ts';
import type { Actor } from './access.ts';
import { createDispatchModule, type DispatchModule } from './dispatch.module.ts';

export const WARD_A = '00070'; // Phường Hoàn Kiếm
export const WARD_B = '00004'; // Phường Ba Đình
export const STAFF_PASSWORD = 'mat-khau-thu-nghiem-1';

/** A settable clock. */
export function testClock(start = new Date('2026-03-02T02:00:00.000Z')) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
    set(d: Date) {
      t = d.getTime();
    },
  };
}

export interface DispatchFixture {
  db: Db;
  bus: EventBus;
  dispatch: DispatchModule;
  clock: ReturnType<typeof testClock>;
  events: BusEvent[];
  close(): Promise<void>;
}

/** The dispatch services on a fresh test database and an in-memory bus, with a settable clock. */
export async function dispatchFixture(): Promise<DispatchFixture> {
  const db = await createTestDb();
  const log = createLogger('silent');
  const bus = createMemoryBus(log);
  const clock = testClock();
  const events: BusEvent[] = [];
  await bus.subscribe('>', (e) => {
    events.push(e);
  });
  const dispatch = createDispatchModule({ db, bus, log, audit: createAuditLog(db), now: clock.now });
  return {
    db,
    bus,
    dispatch,
    clock,
    events,
    async close() {
      await bus.close();
      await db.close();
    },
  };
}

export const dispatcherActor: Actor = { username: 'dp.nguyen', userId: null, scope: null };
export const wardActor = (ward: string, username = `ward.${ward}`): Actor => ({ username, userId: null, scope: ward });

/**
 * Creates a staff user directly through the user repository (bypassing the org-module ward check), so
 * ward officers can be created whatever state the ward list is in.
 */
export async function createStaffUser(db: Db, u: { username: string; role: Role; wardCode?: string | null; password?: string }) {
  const users = createUserRepository(db);
  return users.insert({
    username: u.username,
    fullName: `Cán bộ ${u.username}`,
    passwordHash: await hashPassword(u.password ?? STAFF_PASSWORD),
    role: u.role,
    wardCode: u.role === 'ward_officer' ? (u.wardCode ?? WARD_A) : null,
  });
}

/** Polls `fn` until it returns a truthy value (or times out). */
export async function waitFor<T>(fn: () => T | undefined | false, timeoutMs = 3000, stepMs = 10): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
