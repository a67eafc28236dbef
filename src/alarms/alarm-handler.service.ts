import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db.ts';
import type { Actor } from '../dispatch/access.ts';
import type { IncidentService } from '../dispatch/incident.service.ts';
import { appendTimeline } from '../dispatch/timeline.ts';
import type { EventBus } from '../shared/bus.ts';
import type { Logger } from '../shared/logger.ts';
import { cidEventOf, classify, TROUBLE_KIND_LABELS, restoreClears, zoneDescription, type Handling } from './alarm-classify.ts';
import type { AlarmEventRepository } from './alarm-event.repository.ts';
import { createMonitorRepository, type ActivationRow, type TroubleRow } from './alarm-monitor.repository.ts';
import type { PremiseRow } from './alarm-premise.repository.ts';
import { CATEGORY_VI, type AlarmCategory } from './dc09/data/categories.ts';
import { describe } from './dc09/events.ts';

/**
 * Alarm handling: what happens after an event is stored. Runs from a queue subscription to `alarm.received`,
 * so once per event across processes. Fire alarm → the premise's one open activation: the first opens it and
 * creates an incident (source alarm, type fire, priority 1, the premise's ward and place), later ones join it
 * (incident link + timeline). Fire restore → marks it restored and appends "Tín hiệu khôi phục" to the
 * incident timeline. Troubles → the trouble list; restores clear the matching ones; any event clears a
 * supervision "mất kết nối". Unregistered accounts: stored and shown to city staff, nothing else.
 */
export const SYSTEM_ALARMS: Actor = { username: 'system:alarms' };

/** `alarm.received` payload: no free text (`^...^` may name people), no premise details. */
export interface AlarmReceivedPayload {
  id: string;
  account: string;
  knownAccount: boolean;
  receiver: string | null;
  line: string | null;
  sequence: string;
  token: string;
  encrypted: boolean;
  transport: string;
  index: number;
  code: string;
  qualifier: string;
  category: string;
  categoryLabel: string;
  description: string | null;
  descriptionVi: string | null;
  zone: string | null;
  area: string | null;
  cidCode: string | null;
  eventTime: string | null;
  receivedAt: string;
  handling: Handling['kind'];
}

export interface AlarmHandlerDeps {
  db: Db;
  bus: EventBus;
  log: Logger;
  incidents: Pick<IncidentService, 'createIncident' | 'get' | 'addLink'>;
  events: Pick<AlarmEventRepository, 'setIncident'>;
  premise(account: string): Promise<PremiseRow | undefined>;
  now?: () => Date;
  /** How long a fire event waits for another handler that is creating the premise's incident. */
  claimWaitMs?: number;
}

const CLOSED_STATUSES = new Set(['resolved', 'closed']);

export function createAlarmHandler(deps: AlarmHandlerDeps) {
  const now = deps.now ?? (() => new Date());
  const monitor = createMonitorRepository();
  const { db, log } = deps;
  /** Per-account serialisation inside this process (the queue group spreads accounts over processes). */
  const chains = new Map<string, Promise<void>>();

  const publish = async (type: string, payload: Record<string, unknown>, wardCode: string | null) => {
    try {
      await deps.bus.publish(type, payload, { wardCode });
    } catch (err) {
      log.error({ err, eventType: type }, 'alarm event publish failed');
    }
  };

  const publishTrouble = (t: TroubleRow, change: string, wardCode: string | null) =>
    publish('alarm.trouble', troubleSummary(t, change), wardCode);

  const publishUpdated = (a: ActivationRow, change: string, wardCode: string | null, extra: Record<string, unknown> = {}) =>
    publish('alarm.updated', { account: a.account, activationId: a.id, incidentId: a.incidentId, change, ...extra }, wardCode);

  /** The open incident an activation is attached to (following merges), or null when it has ended. */
  async function liveIncident(a: ActivationRow): Promise<string | null> {
    let id = a.incidentId;
    for (let hops = 0; id && hops < 5; hops++) {
      const inc = await deps.incidents.get(id, SYSTEM_ALARMS).catch(() => null);
      if (!inc) return null;
      if (inc.mergedInto) {
        id = inc.mergedInto;
        continue;
      }
      if (CLOSED_STATUSES.has(inc.status)) return null;
      if (id !== a.incidentId) await monitor.setActivationIncident(db, a.id, id);
      return id;
    }
    return null;
  }

  function incidentText(p: PremiseRow, e: Pick<AlarmReceivedPayload, 'code' | 'cidCode' | 'zone' | 'description' | 'descriptionVi'>) {
    const zoneDesc = zoneDescription(p.zones, e.zone);
    const what = e.descriptionVi ?? e.description ?? e.code;
    const zone = e.zone ? `Vùng ${e.zone}${zoneDesc ? ` (${zoneDesc})` : ''}` : 'Không rõ vùng';
    const contacts = p.contacts.map((c) => `${c.name}${c.role ? ` – ${c.role}` : ''}: ${c.phone}`).join('; ');
    return [
      `Báo cháy tự động từ thiết bị báo cháy của cơ sở «${p.name || p.account}» (tài khoản ${p.account}).`,
      `${zone}. Tín hiệu ${e.code}${e.cidCode ? ` (Contact ID ${e.cidCode})` : ''}: ${what}.`,
      contacts ? `Liên hệ cơ sở: ${contacts}.` : 'Cơ sở chưa khai báo người liên hệ.',
    ].join(' ');
  }

  type IncidentSource = Pick<AlarmReceivedPayload, 'id' | 'code' | 'cidCode' | 'zone' | 'description' | 'descriptionVi' | 'receivedAt'>;

  async function createIncidentFor(a: ActivationRow, p: PremiseRow, e: IncidentSource): Promise<string> {
    const first = p.contacts[0];
    const incident = await deps.incidents.createIncident({
      source: 'alarm',
      type: 'fire',
      priority: 1,
      wardCode: p.wardCode,
      lat: p.lat,
      lon: p.lon,
      addressText: p.address || null,
      description: incidentText(p, e),
      reporter: p.name || null,
      callbackPhone: first?.phone ?? null,
      links: [{ kind: 'alarm_event', refId: e.id }],
      receivedAt: new Date(e.receivedAt),
      isDemo: p.isDemo,
      actor: SYSTEM_ALARMS,
    });
    await monitor.setActivationIncident(db, a.id, incident.id);
    await deps.events.setIncident(e.id, incident.id);
    log.info({ account: p.account, incidentId: incident.id }, 'fire alarm: incident created');
    return incident.id;
  }

  async function onFire(e: AlarmReceivedPayload, p: PremiseRow) {
    const at = new Date(e.receivedAt);
    let open = await monitor.openActivation(db, p.account);
    if (open && open.incidentId && !(await liveIncident(open))) {
      await monitor.closeActivation(db, open.id, now(), 'incident_ended');
      await publishUpdated(open, 'closed', p.wardCode);
      open = undefined;
    }
    if (!open) {
      const claimed = await monitor.claimActivation(db, { id: randomUUID(), account: p.account, eventId: e.id, zone: e.zone, at });
      if (claimed) {
        const incidentId = await createIncidentFor(claimed, p, e);
        await publishUpdated({ ...claimed, incidentId }, 'opened', p.wardCode, { eventId: e.id, zone: e.zone });
        return;
      }
      open = await monitor.openActivation(db, p.account);
      if (!open) return onFire(e, p);
    }
    // Another handler may still be creating the incident of this activation: wait a little for it.
    const deadline = Date.now() + (deps.claimWaitMs ?? 5000);
    while (!open.incidentId && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      open = (await monitor.activation(db, open.id)) ?? open;
    }
    await monitor.joinActivation(db, open.id, { eventId: e.id, zone: e.zone, at });
    const incidentId = open.incidentId ? await liveIncident(open) : null;
    if (incidentId) {
      await deps.incidents.addLink(incidentId, { kind: 'alarm_event', refId: e.id }, SYSTEM_ALARMS);
      await deps.events.setIncident(e.id, incidentId);
    } else {
      // The first handler failed to create it: this event does.
      await createIncidentFor(open, p, e);
    }
    log.info({ account: p.account, incidentId }, 'fire alarm joined the open incident');
    await publishUpdated({ ...open, incidentId: incidentId ?? open.incidentId }, 'joined', p.wardCode, { eventId: e.id, zone: e.zone });
  }

  async function onFireRestore(e: AlarmReceivedPayload, p: PremiseRow) {
    const open = await monitor.openActivation(db, p.account);
    if (!open) return;
    const at = new Date(e.receivedAt);
    await monitor.markRestored(db, open.id, at);
    const incidentId = open.incidentId ? await liveIncident(open) : null;
    if (incidentId) {
      const zoneDesc = zoneDescription(p.zones, e.zone);
      await db.transaction((tx) =>
        appendTimeline(tx, {
          incidentId,
          at: now(),
          actor: SYSTEM_ALARMS.username,
          action: 'alarm_restored',
          data: { label: 'Tín hiệu khôi phục', eventId: e.id, account: p.account, code: e.code, zone: e.zone, zoneDescription: zoneDesc, receivedAt: e.receivedAt },
        }),
      );
      await deps.events.setIncident(e.id, incidentId);
    }
    await publishUpdated({ ...open, incidentId }, 'restored', p.wardCode, { eventId: e.id, zone: e.zone });
  }

  async function onTrouble(e: AlarmReceivedPayload, p: PremiseRow, kind: Extract<Handling, { kind: 'trouble' }>['trouble']) {
    const { row, isNew } = await monitor.openTrouble(db, {
      id: randomUUID(), account: p.account, kind, code: e.code, cidEvent: cidEventOf(e.cidCode), zone: e.zone, at: new Date(e.receivedAt), eventId: e.id,
    });
    await publishTrouble(row, isNew ? 'opened' : 'repeated', p.wardCode);
  }

  async function onRestore(e: AlarmReceivedPayload, p: PremiseRow) {
    for (const t of await monitor.openTroubles(db, p.account)) {
      if (!restoreClears(t, e)) continue;
      const cleared = await monitor.clearTrouble(db, t.id, new Date(e.receivedAt), e.id, 'restore');
      if (cleared) await publishTrouble(cleared, 'cleared', p.wardCode);
    }
  }

  async function handleNow(e: AlarmReceivedPayload) {
    const p = await deps.premise(e.account);
    if (!p) return; // unregistered: kept and shown to city staff (alarm.received went out already)
    for (const t of await monitor.clearCommLoss(db, p.account, new Date(e.receivedAt), e.id)) await publishTrouble(t, 'cleared', p.wardCode);
    if (!p.enabled) return;
    const h = classify(e);
    if (h.kind === 'fire') await onFire(e, p);
    else if (h.kind === 'fire-restore') await onFireRestore(e, p);
    else if (h.kind === 'trouble') await onTrouble(e, p, h.trouble);
    else if (h.kind === 'restore') await onRestore(e, p);
  }

  return {
    /** Bus `alarm.updated` / `alarm.trouble` (also for the operator's changes); a failed publish is logged, not thrown. */
    publishUpdated,
    publishTrouble,

    /** Handles one stored event; serialised per account in this process. Never throws. */
    handle(e: AlarmReceivedPayload): Promise<void> {
      const prev = chains.get(e.account) ?? Promise.resolve();
      const next = prev.then(() => handleNow(e)).catch((err: unknown) => log.error({ err, account: e.account }, 'alarm handling failed'));
      chains.set(e.account, next);
      void next.then(() => {
        if (chains.get(e.account) === next) chains.delete(e.account);
      });
      return next;
    },

    /** Incident updates (bus `incident.updated`): a resolved/closed incident ends its activations; a merge moves them. */
    async onIncidentUpdated(payload: { incident?: { id: string; status: string; wardCode: string | null }; mergedInto?: string }) {
      const inc = payload.incident;
      if (!inc) return;
      if (payload.mergedInto) {
        for (const a of await monitor.openActivationsOfIncident(db, inc.id)) await monitor.setActivationIncident(db, a.id, payload.mergedInto);
        return;
      }
      if (!CLOSED_STATUSES.has(inc.status)) return;
      for (const a of await monitor.openActivationsOfIncident(db, inc.id)) {
        const reason = a.outcome === 'false_alarm' ? 'false_alarm' : `incident_${inc.status}`;
        if (await monitor.closeActivation(db, a.id, now(), reason)) await publishUpdated(a, 'closed', inc.wardCode);
      }
    },

    /** The activation's open incident; creates one from its first event when there is none (operator confirmation). */
    async ensureIncident(a: ActivationRow, p: PremiseRow): Promise<string> {
      const live = a.incidentId ? await liveIncident(a) : null;
      if (live) return live;
      const [ev] = await db.query<{ id: string; code: string; cidCode: string | null; zone: string | null; description: string | null; receivedAt: Date }>(
        'select id, code, cid_code as "cidCode", zone, description, received_at as "receivedAt" from alarm_events where id = $1',
        [a.firstEventId],
      );
      const e = ev ?? { id: a.firstEventId, code: 'FA', cidCode: null, zone: a.zones[0] ?? null, description: null, receivedAt: a.openedAt };
      return createIncidentFor(a, p, { ...e, descriptionVi: describe(e.code).descriptionVi, receivedAt: new Date(e.receivedAt).toISOString() });
    },

    /** Waits for the handling in flight (tests, shutdown). */
    async idle() {
      while (chains.size) await Promise.all([...chains.values()]);
    },
  };
}

export type AlarmHandler = ReturnType<typeof createAlarmHandler>;

export function troubleSummary(t: TroubleRow, change: string) {
  return {
    change,
    troubleId: t.id,
    account: t.account,
    kind: t.kind,
    kindLabel: TROUBLE_KIND_LABELS[t.kind],
    code: t.code,
    zone: t.zone,
    openedAt: new Date(t.openedAt).toISOString(),
    clearedAt: t.clearedAt ? new Date(t.clearedAt).toISOString() : null,
    eventCount: t.eventCount,
  };
}

/** The bus payload for a stored event (from the receiver's `onEvent`). */
export function receivedPayload(e: {
  id: string; account: string; knownAccount: boolean; receiver: string | null; line: string | null; sequence: string; token: string;
  encrypted: boolean; transport: string; index: number; receivedAt: Date;
  event: { code: string; qualifier: string; category: string; description: string | null; descriptionVi: string | null; zone: string | null; area: string | null; cidCode: string | null; eventTime: Date | null };
}): AlarmReceivedPayload {
  const ev = e.event;
  return {
    id: e.id,
    account: e.account,
    knownAccount: e.knownAccount,
    receiver: e.receiver,
    line: e.line,
    sequence: e.sequence,
    token: e.token,
    encrypted: e.encrypted,
    transport: e.transport,
    index: e.index,
    code: ev.code,
    qualifier: ev.qualifier,
    category: ev.category,
    categoryLabel: CATEGORY_VI[ev.category as AlarmCategory] ?? ev.category,
    description: ev.description,
    descriptionVi: ev.descriptionVi ?? describe(ev.code).descriptionVi,
    zone: ev.zone,
    area: ev.area,
    cidCode: ev.cidCode,
    eventTime: ev.eventTime ? ev.eventTime.toISOString() : null,
    receivedAt: e.receivedAt.toISOString(),
    handling: classify(ev).kind,
  };
}
