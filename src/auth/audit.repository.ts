import type { Queryable } from '../db/db.ts';

export interface AuditEntry {
  actorId?: string | null;
  actorUsername?: string | null;
  /** Dotted action name: auth.login, auth.login_failed, user.create, access.denied, alarm_account.update... */
  action: string;
  /** What was acted on (an id or a username), never personal data of citizens. */
  target?: string | null;
  outcome?: 'ok' | 'denied' | 'failed';
  ip?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRow {
  id: number;
  at: Date;
  actor_id: string | null;
  actor_username: string | null;
  action: string;
  target: string | null;
  outcome: string;
  ip: string | null;
  details: Record<string, unknown>;
}

export function createAuditLog(db: Queryable) {
  return {
    async record(e: AuditEntry) {
      await db.query(
        `insert into audit_log (actor_id, actor_username, action, target, outcome, ip, details) values ($1, $2, $3, $4, $5, $6, $7)`,
        [e.actorId ?? null, e.actorUsername ?? null, e.action, e.target ?? null, e.outcome ?? 'ok', e.ip ?? null, JSON.stringify(e.details ?? {})],
      );
    },
    async list(opts: { limit: number; before?: number; action?: string }) {
      return db.query<AuditRow>(
        `select * from audit_log where ($1::bigint is null or id < $1) and ($2::text is null or action like $2 || '%')
         order by id desc limit $3`,
        [opts.before ?? null, opts.action ?? null, opts.limit],
      );
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
