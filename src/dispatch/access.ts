import { wardScope, type StaffUser } from '../auth/roles.ts';
import type { AuditEntry, AuditLog } from '../auth/audit.repository.ts';
import type { Db, Queryable } from '../db/db.ts';
import { AppError } from '../shared/errors.ts';

/**
 * Who performs an action. Staff actions carry the user's ward scope (a ward officer's ward; null =
 * city-wide). Other modules (alarm receiver, chat assistant) act as systems: `{ username: 'system:alarms' }`.
 */
export interface Actor {
  username: string;
  userId?: string | null;
  /** Ward the actor is confined to; undefined or null = city-wide. */
  scope?: string | null;
  ip?: string | null;
}

export function actorOf(user: StaffUser, ip: string | null = null): Actor {
  return { username: user.username, userId: user.id, scope: wardScope(user), ip };
}

export const toActor = (a: Actor | string): Actor => (typeof a === 'string' ? { username: a } : a);

const PENDING_AUDIT = Symbol('pendingAudit');
type WithAudit = { [PENDING_AUDIT]?: AuditEntry };

/**
 * Throws NOT_FOUND (not FORBIDDEN: the existence of another ward's incident is not revealed) when the actor
 * is confined to a ward and the record belongs elsewhere. The error carries the audit entry; inside a
 * transaction it is written by `runAudited` after the rollback (on embedded PGlite a second query while
 * a transaction holds the connection would wait for ever).
 */
export function checkScope(actor: Actor, record: { wardCode: string | null; target: string }, action: string): void {
  if (!actor.scope || actor.scope === record.wardCode) return;
  const err = new AppError('NOT_FOUND') as AppError & WithAudit;
  err[PENDING_AUDIT] = {
    actorId: actor.userId ?? null,
    actorUsername: actor.username,
    action: 'access.cross_ward',
    target: record.target,
    outcome: 'denied',
    ip: actor.ip ?? null,
    details: { attempted: action, actorWard: actor.scope },
  };
  throw err;
}

/** Writes the audit entry a scope error carries (once). */
export async function flushAudit(audit: AuditLog | undefined, err: unknown): Promise<void> {
  const e = err as WithAudit | null;
  const entry = e && typeof e === 'object' ? e[PENDING_AUDIT] : undefined;
  if (!entry) return;
  delete e![PENDING_AUDIT];
  await audit?.record(entry);
}

/** checkScope + immediate audit, for reads outside a transaction. */
export async function assertInScope(audit: AuditLog | undefined, actor: Actor, record: { wardCode: string | null; target: string }, action: string): Promise<void> {
  try {
    checkScope(actor, record, action);
  } catch (err) {
    await flushAudit(audit, err);
    throw err;
  }
}

/** Runs a transaction and writes any pending cross-ward audit entry after it rolled back. */
export async function runAudited<T>(db: Db, audit: AuditLog | undefined, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (err) {
    await flushAudit(audit, err);
    throw err;
  }
}
