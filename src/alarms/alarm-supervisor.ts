import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/db.ts';
import type { EventBus } from '../shared/bus.ts';
import type { Logger } from '../shared/logger.ts';
import { troubleSummary } from './alarm-handler.service.ts';
import type { TroubleRow } from './alarm-monitor.repository.ts';
import { TROUBLE_COLUMNS, TROUBLE_COLUMNS_T } from './alarm-monitor.repository.ts';

/**
 * Supervision of periodic reports. An enabled account with `heartbeat_interval_s` must be heard (any frame:
 * NULL link test, periodic test, any event; the receiver refreshes `last_seen_at`) at least every
 * interval + grace. When it is not, a `comm-loss` trouble ("mất kết nối") opens; when the account is heard
 * again (or supervision is switched off) it clears. The clock is injected: `tick(now)` does one pass.
 * Across processes one pass runs at a time: on PostgreSQL the pass holds a transaction-level advisory lock and
 * a process that cannot take it skips the round. The partial unique index on open troubles keeps a trouble
 * from opening twice in any case.
 */
export interface SupervisorOptions {
  /** Loop period (default 5 s). */
  intervalMs: number;
  /** Added to each account's interval before it counts as missed (default 30 s). */
  graceMs: number;
}

export const DEFAULT_SUPERVISOR_OPTIONS: SupervisorOptions = { intervalMs: 5000, graceMs: 30_000 };

/** Advisory lock key of the supervision pass (distinct from the migration runner's). */
export const SUPERVISOR_LOCK_KEY = 7_261_931;

export interface SupervisorDeps {
  db: Db;
  bus: EventBus;
  log: Logger;
  now?: () => Date;
  options?: Partial<SupervisorOptions>;
}

type Published = { trouble: TroubleRow; change: 'opened' | 'cleared'; wardCode: string | null };

export function createSupervisor(deps: SupervisorDeps) {
  const opts = { ...DEFAULT_SUPERVISOR_OPTIONS, ...deps.options };
  const now = deps.now ?? (() => new Date());
  let timer: ReturnType<typeof setInterval> | null = null;
  let running: Promise<unknown> | null = null;

  async function pass(tx: Queryable, at: Date): Promise<Published[]> {
    const out: Published[] = [];
    // Heard again, or no longer supervised: clear.
    const cleared = await tx.query<TroubleRow & { wardCode: string | null }>(
      `update alarm_troubles t set cleared_at = $1::timestamptz, cleared_reason = case when a.enabled and a.heartbeat_interval_s is not null then 'heard' else 'supervision_off' end
       from alarm_accounts a
       where t.account = a.account and t.kind = 'comm-loss' and t.cleared_at is null
         and (not a.enabled or a.heartbeat_interval_s is null
              or coalesce(greatest(a.last_seen_at, a.supervision_since), a.created_at) >= $1::timestamptz - (a.heartbeat_interval_s * 1000 + $2::double precision) * interval '1 millisecond')
       returning ${TROUBLE_COLUMNS_T}, a.ward_code as "wardCode"`,
      [at, opts.graceMs],
    );
    for (const t of cleared) out.push({ trouble: t, change: 'cleared', wardCode: t.wardCode });
    // Overdue and not yet flagged: open.
    const overdue = await tx.query<{ account: string; wardCode: string | null }>(
      `select a.account, a.ward_code as "wardCode" from alarm_accounts a
       where a.enabled and a.heartbeat_interval_s is not null
         and coalesce(greatest(a.last_seen_at, a.supervision_since), a.created_at) < $1::timestamptz - (a.heartbeat_interval_s * 1000 + $2::double precision) * interval '1 millisecond'
         and not exists (select 1 from alarm_troubles t where t.account = a.account and t.kind = 'comm-loss' and t.cleared_at is null)
       order by a.account limit 5000`,
      [at, opts.graceMs],
    );
    for (const a of overdue) {
      const [row] = await tx.query<TroubleRow>(
        `insert into alarm_troubles (id, account, kind, code, opened_at, last_event_at) values ($1, $2, 'comm-loss', null, $3, $3)
         on conflict do nothing returning ${TROUBLE_COLUMNS}`,
        [randomUUID(), a.account, at],
      );
      if (row) out.push({ trouble: row, change: 'opened', wardCode: a.wardCode });
    }
    return out;
  }

  const supervisor = {
    options: opts,

    /** One supervision pass at `at`; returns what changed (null when another process holds the pass). */
    async tick(at: Date = now()): Promise<Published[] | null> {
      const result = await deps.db.transaction(async (tx) => {
        if (deps.db.kind === 'pg') {
          const [lock] = await tx.query<{ ok: boolean }>('select pg_try_advisory_xact_lock($1) as ok', [SUPERVISOR_LOCK_KEY]);
          if (!lock?.ok) return null;
        }
        return pass(tx, at);
      });
      for (const p of result ?? []) {
        if (p.change === 'opened') deps.log.warn({ account: p.trouble.account }, 'alarm account missed its periodic report (comm-loss)');
        try {
          await deps.bus.publish('alarm.trouble', troubleSummary(p.trouble, p.change), { wardCode: p.wardCode });
        } catch (err) {
          deps.log.error({ err }, 'supervision event publish failed');
        }
      }
      return result;
    },

    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        running = supervisor
          .tick()
          .catch((err: unknown) => deps.log.error({ err }, 'alarm supervision pass failed'))
          .finally(() => {
            running = null;
          });
      }, opts.intervalMs);
      timer.unref?.();
    },

    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
  return supervisor;
}

export type Supervisor = ReturnType<typeof createSupervisor>;
