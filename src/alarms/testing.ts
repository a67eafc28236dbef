/**
 * Test support for alarm monitoring (src/alarms/*.test.ts). Not imported by production code.
 */
import type { Platform } from '../app.ts';
import { createStaffUser, STAFF_PASSWORD, WARD_A, WARD_B } from '../dispatch/testing.ts';
import { ADMIN_PASSWORD, login, startTestPlatform, type Session } from '../../test/support/platform.ts';
import { receivedPayload } from './alarm-handler.service.ts';
import { interpret } from './dc09/events.ts';
import type { ReceivedFrame } from './receiver/ports.ts';

export { WARD_A, WARD_B, STAFF_PASSWORD };

export interface AlarmFixture {
  p: Platform;
  s: Record<'admin' | 'dispatcher' | 'leader' | 'kb_editor' | 'wardA' | 'wardB', Session>;
}

/** A platform with one user of each role (ward officers of WARD_A and WARD_B), signed in. */
export async function alarmPlatform(env: Record<string, string> = {}, overrides: Parameters<typeof startTestPlatform>[1] = {}): Promise<AlarmFixture> {
  const p = await startTestPlatform(env, overrides);
  await createStaffUser(p.db, { username: 'al.dp', role: 'dispatcher' });
  await createStaffUser(p.db, { username: 'al.ld', role: 'leader' });
  await createStaffUser(p.db, { username: 'al.kb', role: 'kb_editor' });
  await createStaffUser(p.db, { username: 'al.wa', role: 'ward_officer', wardCode: WARD_A });
  await createStaffUser(p.db, { username: 'al.wb', role: 'ward_officer', wardCode: WARD_B });
  const s = {
    admin: await login(p, 'admin', ADMIN_PASSWORD),
    dispatcher: await login(p, 'al.dp', STAFF_PASSWORD),
    leader: await login(p, 'al.ld', STAFF_PASSWORD),
    kb_editor: await login(p, 'al.kb', STAFF_PASSWORD),
    wardA: await login(p, 'al.wa', STAFF_PASSWORD),
    wardB: await login(p, 'al.wb', STAFF_PASSWORD),
  };
  return { p, s };
}

let seq = 0;

/**
 * Stores one message as the receiver would (same store, same commit) and runs alarm handling on its events,
 * without sockets. `data` is the data block after the account, e.g. `Nri1/FA012` (SIA-DCS) or `1110 01 012`
 * (ADM-CID). Returns the stored event ids.
 */
export async function deliver(p: Platform, account: string, data: string, opts: { token?: 'SIA-DCS' | 'ADM-CID'; at?: Date } = {}): Promise<string[]> {
  const token = opts.token ?? 'SIA-DCS';
  const r = interpret(token, { data: `#${account}|${data}`, extended: [], timestamp: null });
  if (!r.ok) throw new Error(`bad test data: ${r.detail}`);
  const frame: ReceivedFrame = {
    account: account.toUpperCase(),
    receiver: null,
    line: null,
    sequence: String(++seq % 10000).padStart(4, '0'),
    token,
    encrypted: false,
    events: r.events,
    messageTime: null,
    receivedAt: opts.at ?? new Date(),
    raw: `test ${data}`,
    plaintext: null,
    transport: 'tcp',
    remoteAddr: null,
  };
  const [result] = await p.alarms.events.commit([frame]);
  if (result?.status !== 'stored') throw new Error('not stored');
  const known = Boolean(await p.alarms.accounts.premise(account));
  for (const [index, event] of r.events.entries()) {
    const id = result.eventIds[index]!;
    await p.alarms.handler.handle(receivedPayload({ ...frame, id, index, event, knownAccount: known }));
  }
  return result.eventIds;
}

/** Creates an account through the API (admin session); returns the response. */
export async function createAccount(s: Session, body: Record<string, unknown>) {
  return s.request({ method: 'POST', url: '/api/v1/alarm-accounts', payload: body });
}

/** Polls until `check` returns a truthy value (bus delivery is asynchronous). */
export async function waitFor<T>(check: () => Promise<T> | T, timeoutMs = 5000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
