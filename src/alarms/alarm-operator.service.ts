import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../auth/audit.repository.ts';
import { wardScope, type StaffUser } from '../auth/roles.ts';
import type { Db } from '../db/db.ts';
import { actorOf, assertInScope } from '../dispatch/access.ts';
import type { IncidentService } from '../dispatch/incident.service.ts';
import { AppError } from '../shared/errors.ts';
import { EVENT_SELECT, type EventRow } from './alarm-event.repository.ts';
import type { AlarmHandler } from './alarm-handler.service.ts';
import { ACTIVATION_COLUMNS_T, createMonitorRepository, TROUBLE_COLUMNS_T, type ActivationRow, type TroubleRow } from './alarm-monitor.repository.ts';
import type { PremiseRow } from './alarm-premise.repository.ts';
import {
  activationView,
  eventView,
  FALSE_ALARM_REASON_LABELS,
  PREMISE_SUMMARY_COLUMNS,
  premiseSummary,
  troubleView,
  UNREGISTERED_LABEL,
  type FalseAlarmReason,
  type PremiseSummaryCols,
} from './alarm-views.ts';

/**
 * What operators do with alarms: read the stored events (the contract's `GET /alarm-events`), the active
 * list (open fire alarms and troubles), acknowledge, and verify a fire alarm by calling the premise
 * (confirmed → the incident goes to "đã tiếp nhận" for dispatch; false alarm → reason recorded, incident
 * closed, premise counter up). Ward officers see and act on their ward's premises only (others: 404, audited);
 * events of unregistered accounts are for city-wide roles.
 */
export interface OperatorDeps {
  db: Db;
  audit: AuditLog;
  incidents: Pick<IncidentService, 'get' | 'acknowledge' | 'transition'>;
  handler: Pick<AlarmHandler, 'ensureIncident' | 'publishUpdated' | 'publishTrouble'>;
  premise(account: string): Promise<PremiseRow | undefined>;
  now?: () => Date;
}

export interface EventFilter {
  account?: string;
  limit: number;
  since?: Date;
  before?: Date;
  category?: string;
}

export interface VerifyInput {
  outcome: 'confirmed' | 'false_alarm';
  reason?: FalseAlarmReason;
  note?: string;
}

type ActivationJoined = ActivationRow & PremiseSummaryCols;
type TroubleJoined = TroubleRow & PremiseSummaryCols;

const CLOSED = new Set(['resolved', 'closed']);

export function createOperatorService(deps: OperatorDeps) {
  const now = deps.now ?? (() => new Date());
  const monitor = createMonitorRepository();
  const { db } = deps;

  const scopeCheck = (user: StaffUser, ip: string | null, wardCode: string | null, known: boolean, target: string, action: string) => {
    if (!known && wardScope(user) !== null) throw new AppError('NOT_FOUND');
    return assertInScope(deps.audit, actorOf(user, ip), { wardCode, target }, action);
  };

  async function loadPremise(user: StaffUser, account: string, action: string, ip: string | null): Promise<PremiseRow> {
    const p = await deps.premise(account.toUpperCase());
    if (!p) throw new AppError('NOT_FOUND');
    await scopeCheck(user, ip, p.wardCode, true, `alarm_account:${p.account}`, action);
    return p;
  }

  async function incidentInfo(user: StaffUser, id: string | null) {
    if (!id) return null;
    const inc = await deps.incidents.get(id, actorOf(user)).catch(() => null);
    return inc ? { id: inc.id, code: inc.code, status: inc.status, statusLabel: inc.statusLabel, wardCode: inc.wardCode, isDemo: inc.isDemo } : null;
  }

  const { publishUpdated, publishTrouble } = deps.handler;

  return {
    /** Stored events, newest first. With `account`: that account's (404 when out of the caller's scope). */
    async listEvents(user: StaffUser, f: EventFilter, ip: string | null = null) {
      const scope = wardScope(user);
      const where: string[] = [];
      const params: unknown[] = [];
      const p = (v: unknown) => {
        params.push(v);
        return `$${params.length}`;
      };
      if (f.account) {
        const account = f.account.toUpperCase();
        const premise = await deps.premise(account);
        await scopeCheck(user, ip, premise?.wardCode ?? null, Boolean(premise), `alarm_account:${account}`, 'read_events');
        where.push(`e.account = ${p(account)}`);
      } else if (scope) {
        where.push(`a.ward_code = ${p(scope)}`);
      }
      if (f.since) where.push(`e.received_at >= ${p(f.since)}`);
      if (f.before) where.push(`e.received_at < ${p(f.before)}`);
      if (f.category) where.push(`e.category = ${p(f.category)}`);
      const rows = await db.query<EventRow>(
        `${EVENT_SELECT} ${where.length ? `where ${where.join(' and ')}` : ''} order by e.received_at desc, e.event_index desc, e.id limit ${p(f.limit)}`,
        params,
      );
      return rows.map(eventView);
    },

    /** Open fire alarms (not yet resolved) and open troubles, scoped; unregistered accounts for city roles. */
    async active(user: StaffUser) {
      const scope = wardScope(user);
      const alarms = await db.query<ActivationJoined>(
        `select ${ACTIVATION_COLUMNS_T}, ${PREMISE_SUMMARY_COLUMNS} from alarm_activations t join alarm_accounts a on a.account = t.account
         where t.closed_at is null and ($1::text is null or a.ward_code = $1) order by t.opened_at desc limit 500`,
        [scope],
      );
      const troubles = await db.query<TroubleJoined>(
        `select ${TROUBLE_COLUMNS_T}, ${PREMISE_SUMMARY_COLUMNS} from alarm_troubles t join alarm_accounts a on a.account = t.account
         where t.cleared_at is null and ($1::text is null or a.ward_code = $1) order by t.opened_at desc limit 1000`,
        [scope],
      );
      const alarmViews = [];
      for (const a of alarms) {
        const incident = await incidentInfo(user, a.incidentId);
        // The incident ended but the close notice was missed (e.g. while stopped): not active any more.
        if (incident && CLOSED.has(incident.status)) continue;
        alarmViews.push({ ...activationView(a, a.premiseZones), premise: premiseSummary(a), incident });
      }
      const unregistered =
        scope === null && (user.role === 'admin' || user.role === 'dispatcher')
          ? (
              await db.query<{ account: string; events: number; lastAt: Date; lastCode: string; fire: boolean }>(
                `select e.account, count(*)::int as events, max(e.received_at) as "lastAt",
                   (array_agg(e.code order by e.received_at desc))[1] as "lastCode", bool_or(e.category = 'fire-alarm') as fire
                 from alarm_events e where e.received_at >= $1 and not exists (select 1 from alarm_accounts a where a.account = e.account)
                 group by e.account order by max(e.received_at) desc limit 100`,
                [new Date(now().getTime() - 7 * 86_400_000)],
              )
            ).map((r) => ({ account: r.account, label: UNREGISTERED_LABEL, events: r.events, lastAt: new Date(r.lastAt).toISOString(), lastCode: r.lastCode, fire: r.fire }))
          : [];
      return {
        alarms: alarmViews,
        troubles: troubles.map((t) => ({ ...troubleViewOf(t), premise: premiseSummary(t) })),
        unregistered,
      };
    },

    /** Acknowledges an event and what it started (its fire alarm activation or its trouble). */
    async acknowledgeEvent(user: StaffUser, id: string, ip: string | null = null) {
      const [row] = await db.query<EventRow>(`${EVENT_SELECT} where e.id = $1`, [id]);
      if (!row) throw new AppError('NOT_FOUND');
      await scopeCheck(user, ip, row.wardCode, row.knownAccount, `alarm_event:${id}`, 'acknowledge');
      const at = now();
      await db.query('update alarm_events set acknowledged_at = $2, acknowledged_by = $3 where id = $1 and acknowledged_at is null', [id, at, user.username]);
      const activation = row.knownAccount ? await monitor.activationOfEvent(db, id) : undefined;
      if (activation && !activation.closedAt && (await monitor.acknowledgeActivation(db, activation.id, at, user.username))) {
        await publishUpdated(activation, 'acknowledged', row.wardCode, { by: user.username });
      }
      const trouble = await monitor.troubleOpenedBy(db, id);
      if (trouble && (await monitor.acknowledgeTrouble(db, trouble.id, at, user.username))) {
        await publishTrouble({ ...trouble, acknowledgedAt: at, acknowledgedBy: user.username }, 'acknowledged', row.wardCode);
      }
      await deps.audit.record({ actorId: user.id, actorUsername: user.username, action: 'alarm_event.acknowledge', target: id, ip, details: { account: row.account, code: row.code, activationId: activation?.id ?? null, troubleId: trouble?.id ?? null } });
      const [after] = await db.query<EventRow>(`${EVENT_SELECT} where e.id = $1`, [id]);
      return {
        event: eventView(after!),
        activation: activation ? activationView((await monitor.activation(db, activation.id))!, row.zones) : null,
        trouble: trouble ? troubleViewOf((await monitor.trouble(db, trouble.id))!, row.zones) : null,
      };
    },

    /** Acknowledges a trouble (also the supervision ones, which have no event). */
    async acknowledgeTrouble(user: StaffUser, id: string, ip: string | null = null) {
      const t = await monitor.trouble(db, id);
      if (!t) throw new AppError('NOT_FOUND');
      const p = await loadPremise(user, t.account, 'acknowledge_trouble', ip);
      const at = now();
      if (await monitor.acknowledgeTrouble(db, id, at, user.username)) {
        await publishTrouble({ ...t, acknowledgedAt: at, acknowledgedBy: user.username }, 'acknowledged', p.wardCode);
        await deps.audit.record({ actorId: user.id, actorUsername: user.username, action: 'alarm_trouble.acknowledge', target: id, ip, details: { account: t.account, kind: t.kind } });
      }
      return { trouble: troubleViewOf((await monitor.trouble(db, id))!, p.zones) };
    },

    /** The operator's verdict after calling the premise. */
    async verify(user: StaffUser, accountIn: string, input: VerifyInput, ip: string | null = null) {
      const p = await loadPremise(user, accountIn, 'verify', ip);
      const actor = actorOf(user, ip);
      let a = await monitor.openActivation(db, p.account);
      if (!a) throw new AppError('ALARM_NOTHING_TO_VERIFY');
      if (input.outcome === 'false_alarm' && !input.reason) throw new AppError('VALIDATION', 'Vui lòng chọn lý do báo cháy giả.', { fields: [{ field: 'reason', problem: 'required' }] });
      const note = input.note?.normalize('NFC').trim() || null;
      const at = now();
      const already = a.outcome;
      if (input.outcome === 'confirmed') {
        const incidentId = await deps.handler.ensureIncident(a, p);
        a = { ...a, incidentId };
        const inc = await deps.incidents.get(incidentId, actor);
        if (inc.status === 'new') await deps.incidents.acknowledge(incidentId, actor);
        if (already !== 'confirmed') {
          await db.transaction(async (tx) => {
            await monitor.recordVerification(tx, { id: randomUUID(), activationId: a!.id, account: p.account, incidentId, outcome: 'confirmed', reason: null, note, at, by: user.username });
            await tx.query('update alarm_accounts set confirmed_fires = confirmed_fires + 1 where account = $1', [p.account]);
          });
        }
      } else {
        const reason = input.reason!;
        const incidentId = a.incidentId;
        await db.transaction(async (tx) => {
          await monitor.recordVerification(tx, { id: randomUUID(), activationId: a!.id, account: p.account, incidentId, outcome: 'false_alarm', reason, note, at, by: user.username });
          await tx.query(
            `update alarm_accounts set false_alarms = false_alarms + 1, confirmed_fires = confirmed_fires - $2 where account = $1`,
            [p.account, already === 'confirmed' ? 1 : 0],
          );
        });
        if (incidentId) {
          const closeNote = `Báo cháy giả – ${FALSE_ALARM_REASON_LABELS[reason]}${note ? `: ${note}` : ''}`;
          const inc = await deps.incidents.get(incidentId, actor).catch(() => null);
          if (inc && !CLOSED.has(inc.status)) {
            try {
              await deps.incidents.transition(incidentId, 'closed', actor, closeNote);
            } catch (err) {
              if (!(err instanceof AppError && err.code === 'INVALID_TRANSITION')) throw err;
              // Units were sent: the incident ends as handled, then closes.
              await deps.incidents.transition(incidentId, 'resolved', actor, closeNote);
              await deps.incidents.transition(incidentId, 'closed', actor, closeNote);
            }
          }
        }
        await monitor.closeActivation(db, a.id, now(), 'false_alarm');
      }
      await deps.audit.record({
        actorId: user.id, actorUsername: user.username, action: 'alarm.verify', target: p.account, ip,
        details: { activationId: a.id, incidentId: a.incidentId, outcome: input.outcome, reason: input.reason ?? null, previous: already },
      });
      await publishUpdated(a, 'verified', p.wardCode, { outcome: input.outcome, reason: input.reason ?? null });
      const after = (await monitor.activation(db, a.id))!;
      return { activation: activationView(after, p.zones), incident: await incidentInfo(user, after.incidentId) };
    },
  };
}

export type OperatorService = ReturnType<typeof createOperatorService>;

function troubleViewOf(t: TroubleRow, zones?: Record<string, string> | null) {
  return troubleView(t, zones ?? (t as Partial<TroubleJoined>).premiseZones ?? null);
}
