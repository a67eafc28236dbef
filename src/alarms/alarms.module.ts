import type { AuditLog } from '../auth/audit.repository.ts';
import type { Db } from '../db/db.ts';
import type { IncidentService } from '../dispatch/incident.service.ts';
import type { EventBus, Subscription } from '../shared/bus.ts';
import type { Logger } from '../shared/logger.ts';
import { createAccountService, type WardLookup } from './alarm-account.service.ts';
import { AlarmAccountRepository } from './alarm-account.repository.ts';
import { AlarmEventRepository } from './alarm-event.repository.ts';
import { createAlarmHandler, receivedPayload, type AlarmReceivedPayload } from './alarm-handler.service.ts';
import { createOperatorService } from './alarm-operator.service.ts';
import { createSupervisor, type SupervisorOptions } from './alarm-supervisor.ts';
import { alarmRoutes } from './alarms.routes.ts';
import { createAlarmReceiver, type AlarmReceiver, type AlarmReceiverOptions, type CommittedAlarmEvent } from './receiver/receiver.ts';

export interface AlarmsModuleDeps {
  db: Db;
  bus: EventBus;
  log: Logger;
  audit: AuditLog;
  org: WardLookup;
  incidents: IncidentService;
  now?: () => Date;
  /** ALARM_PORT (0 = any free port) and bind address. */
  port: number;
  host?: string;
  receiver?: Omit<Partial<AlarmReceiverOptions>, 'port' | 'host'>;
  supervisor?: Partial<SupervisorOptions>;
}

/** Bus queue groups: each stored event and each incident update is handled once across processes. */
export const HANDLER_QUEUE = 'alarms-handler';
export const INCIDENT_QUEUE = 'alarms-incidents';

/**
 * Alarm monitoring composed for `src/app.ts`: the DC-09 receiver (started by `listen()`), the accounts and
 * operator services, alarm handling (queue subscriptions) and supervision (a loop started by `listen()`).
 *
 * Flow: receiver commits an event → `onEvent` → bus `alarm.received` (with the premise's ward, for the live
 * channel) → handler (queue group) → incidents, troubles → bus `alarm.updated` / `alarm.trouble`.
 */
export function createAlarmsModule(deps: AlarmsModuleDeps) {
  const log = deps.log.child({ module: 'alarms' });
  const now = deps.now ?? (() => new Date());
  const { db, bus } = deps;
  const directory = new AlarmAccountRepository(db, { cacheTtlMs: 30_000, clock: () => now().getTime() });
  const events = new AlarmEventRepository(db, { dedupeWindowMs: deps.receiver?.dedupeWindowMs ?? 40_000 });
  const accounts = createAccountService({ db, bus, log, audit: deps.audit, org: deps.org, directory, now: deps.now });
  const handler = createAlarmHandler({ db, bus, log, incidents: deps.incidents, events, premise: accounts.premise, now: deps.now });
  const operator = createOperatorService({ db, audit: deps.audit, incidents: deps.incidents, handler, premise: accounts.premise, now: deps.now });
  const supervisor = createSupervisor({ db, bus, log, now: deps.now, options: deps.supervisor });

  // alarm.received carries the premise's ward so that the live channel scopes it (from the directory's cache,
  // which the receiver has just filled for this frame).
  // Publishes in reception order (the ward lookup is asynchronous).
  let publishing: Promise<void> = Promise.resolve();
  const onEvent = (e: CommittedAlarmEvent) => {
    publishing = publishing
      .then(async () => {
        const wardCode = await directory.wardOf(e.account);
        await bus.publish('alarm.received', receivedPayload(e), { wardCode, id: e.id });
      })
      .catch((err: unknown) => log.error({ err, account: e.account }, 'alarm.received not published'));
  };

  const receiver: AlarmReceiver = createAlarmReceiver(
    { store: events, directory, logger: log, clock: () => now().getTime(), onEvent },
    { ...deps.receiver, port: deps.port, host: deps.host ?? '127.0.0.1' },
  );
  let ports: { tcpPort: number | null; udpPort: number | null } | null = null;
  const subs: Subscription[] = [];

  return {
    accounts,
    operator,
    handler,
    supervisor,
    directory,
    events,
    receiver,
    routes: { prefix: '/api/v1', plugin: alarmRoutes({ accounts, operator }) },
    /** The receiver's bound ports once `listen()` ran (ALARM_PORT=0 picks free ones), else null. */
    get ports() {
      return ports;
    },

    /** Bus subscriptions (alarm handling, incident closures, account cache invalidation). */
    async start() {
      subs.push(await bus.subscribe('alarm.received', (ev) => handler.handle(ev.payload as AlarmReceivedPayload), { queue: HANDLER_QUEUE }));
      subs.push(
        await bus.subscribe('incident.updated', (ev) => handler.onIncidentUpdated(ev.payload as Parameters<typeof handler.onIncidentUpdated>[0]), { queue: INCIDENT_QUEUE }),
      );
      // Every process drops its cached key and ward of a changed account.
      subs.push(
        await bus.subscribe('alarm-account.changed', (ev) => {
          const account = (ev.payload as { account?: string }).account;
          if (account) directory.invalidate(account);
        }),
      );
    },

    /** Starts the DC-09 listeners on ALARM_PORT and the supervision loop. */
    async listen() {
      ports = await receiver.start();
      supervisor.start();
      return ports;
    },

    async stop() {
      await supervisor.stop();
      if (ports) await receiver.stop();
      ports = null;
      await publishing;
      await handler.idle();
      for (const s of subs.splice(0)) await s.unsubscribe().catch(() => undefined);
    },
  };
}

export type AlarmsModule = ReturnType<typeof createAlarmsModule>;
