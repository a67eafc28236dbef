import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../auth/audit.repository.ts';
import type { Db, Queryable } from '../db/db.ts';
import type { EventBus } from '../shared/bus.ts';
import { AppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { assertInScope, checkScope, runAudited, toActor, type Actor } from './access.ts';
import { createIncidentRepository, type IncidentFilter, type IncidentRow } from './incident.repository.ts';
import { mergeCandidates, MERGE_WINDOW_MS, type MergeSubject } from './merge.ts';
import {
  canTransition,
  DEFAULT_PRIORITY,
  INCIDENT_STATUS_LABELS,
  type IncidentSource,
  type IncidentStatus,
  type IncidentType,
  type LinkKind,
} from './model.ts';
import { appendTimeline, loadTimeline, verifyIncidentTimeline, type VerifyResult } from './timeline.ts';
import { createUnitRepository } from './unit.repository.ts';
import { assignmentView, incidentSummary, incidentView, linkView, standardsView, timelineView } from './views.ts';

/** Ward of a point and/or an address (the point first, then the address): `wardResolverFrom` in dispatch.module.ts. */
export type ResolveWard = (q: { lat?: number; lon?: number; address?: string }) => Promise<string | null>;

export interface IncidentServiceDeps {
  db: Db;
  bus: EventBus;
  log: Logger;
  audit?: AuditLog;
  now?: () => Date;
  /** Resolves a point or an address to a current (post-2025) ward code; provided by the org module. */
  resolveWard?: ResolveWard;
}

export interface CreateIncidentInput {
  source: IncidentSource;
  type: IncidentType;
  priority?: number;
  wardCode?: string | null;
  lat?: number | null;
  lon?: number | null;
  addressText?: string | null;
  description?: string | null;
  reporter?: string | null;
  callbackPhone?: string | null;
  links?: Array<{ kind: LinkKind; refId: string }>;
  /** When the report reached the system (an alarm's receive time); default now. */
  receivedAt?: Date;
  isDemo?: boolean;
  actor: Actor | string;
}

export interface IncidentPatch {
  type?: IncidentType;
  priority?: number;
  wardCode?: string | null;
  addressText?: string | null;
  lat?: number | null;
  lon?: number | null;
  description?: string | null;
  callbackPhone?: string | null;
}

/** Strips NUL (PostgreSQL text refuses it) and trims; empty → null. */
const text = (s: string | null | undefined, max = 4000) => {
  if (s === undefined || s === null) return null;
  const t = s.replace(/\u0000/g, '').normalize('NFC').trim().slice(0, max);
  return t.length ? t : null;
};

/** Columns set when an incident reaches a status (first time only). */
const REACHED: Partial<Record<IncidentStatus, (at: Date, by: string) => Record<string, Date | string>>> = {
  acknowledged: (at, by) => ({ acknowledged_at: at, acknowledged_by: by }),
  en_route: (at) => ({ first_enroute_at: at }),
  on_scene: (at) => ({ first_on_scene_at: at }),
  resolved: (at, by) => ({ resolved_at: at, resolved_by: by }),
  closed: (at, by) => ({ closed_at: at, closed_by: by }),
};

export function createIncidentService(deps: IncidentServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const incidents = createIncidentRepository();
  const units = createUnitRepository();
  const { db } = deps;
  const inTx = <T>(fn: (q: Queryable) => Promise<T>) => runAudited(db, deps.audit, fn);

  const publish = async (type: 'incident.created' | 'incident.updated', row: IncidentRow, change: string, extra: Record<string, unknown> = {}) => {
    try {
      await deps.bus.publish(type, { incident: incidentSummary(row, now()), change, ...extra }, { wardCode: row.ward_code });
    } catch (err) {
      deps.log.error({ err, incidentId: row.id }, 'incident event publish failed');
    }
  };

  /** Loads an incident the actor may see, or throws NOT_FOUND (cross-ward attempts are audited). */
  async function load(q: Queryable, id: string, actor: Actor, action: string, forUpdate = false): Promise<IncidentRow> {
    const row = await incidents.get(q, id, { forUpdate });
    if (!row) throw new AppError('NOT_FOUND');
    // Outside a transaction the audit entry is written now; inside, runAudited writes it after rollback.
    const record = { wardCode: row.ward_code, target: `incident:${id}` };
    if (q === db) await assertInScope(deps.audit, actor, record, action);
    else checkScope(actor, record, action);
    return row;
  }

  async function resolveWardFor(input: { lat?: number | null; lon?: number | null; address?: string | null }): Promise<string | null> {
    if (!deps.resolveWard) return null;
    try {
      return await deps.resolveWard({
        ...(input.lat != null && input.lon != null ? { lat: input.lat, lon: input.lon } : {}),
        ...(input.address ? { address: input.address } : {}),
      });
    } catch (err) {
      deps.log.warn({ err }, 'ward resolution failed');
    }
    return null;
  }

  /** Applies a status change inside a transaction; returns the updated row. */
  async function applyStatus(tx: Queryable, row: IncidentRow, to: IncidentStatus, actor: Actor, at: Date, data: Record<string, unknown> = {}, force = false) {
    if (!force && !canTransition(row.status, to)) {
      throw new AppError('INVALID_TRANSITION', `Không thể chuyển sự cố từ «${INCIDENT_STATUS_LABELS[row.status]}» sang «${INCIDENT_STATUS_LABELS[to]}».`, { from: row.status, to });
    }
    await incidents.setStatus(tx, row.id, to, at);
    const reached = REACHED[to]?.(at, actor.username);
    if (reached) await incidents.setTimesIfNull(tx, row.id, at, reached);
    if (to === 'acknowledged' && row.status === 'resolved') await incidents.clearTimes(tx, row.id, ['resolved_at', 'resolved_by']);
    // Recalled before arrival, or closed: open assignments end and the units head back.
    if ((to === 'acknowledged' && row.status !== 'new') || to === 'closed') {
      for (const a of await units.openAssignmentsOf(tx, row.id)) {
        await units.markAssignment(tx, a, 'cleared_at', at);
        await units.setStatus(tx, a.unit_id, 'returning', at, null);
      }
    }
    await appendTimeline(tx, { incidentId: row.id, at, actor: actor.username, action: 'status_changed', data: { from: row.status, to, ...data } });
    return (await incidents.get(tx, row.id))!;
  }

  const subjectOf = (r: IncidentRow): MergeSubject => ({
    id: r.id,
    type: r.type,
    wardCode: r.ward_code,
    lat: r.lat,
    lon: r.lon,
    addressText: r.address_text,
    receivedAt: new Date(r.received_at),
  });

  async function candidatesFor(row: IncidentRow) {
    if (row.merged_into || row.status === 'closed') return [];
    const at = new Date(row.received_at).getTime();
    const others = await incidents.openBetween(db, new Date(at - MERGE_WINDOW_MS), new Date(at + MERGE_WINDOW_MS), row.id);
    const byId = new Map(others.map((o) => [o.id, o]));
    return mergeCandidates(subjectOf(row), others.map(subjectOf)).map((c) => ({ ...c, incident: incidentSummary(byId.get(c.id)!, now()) }));
  }

  const service = {
    async createIncident(input: CreateIncidentInput) {
      const actor = toActor(input.actor);
      const at = now();
      let wardCode = input.wardCode ?? null;
      if (actor.scope) {
        if (wardCode && wardCode !== actor.scope) throw new AppError('FORBIDDEN', 'Cán bộ xã/phường chỉ tạo được sự cố thuộc xã/phường của mình.');
        wardCode = actor.scope;
      }
      const lat = input.lat ?? null;
      const lon = input.lon ?? null;
      if ((lat === null) !== (lon === null)) throw new AppError('VALIDATION', 'Cần cả vĩ độ và kinh độ.');
      const addressText = text(input.addressText, 500);
      const priority = input.priority ?? DEFAULT_PRIORITY[input.type];
      const reporter = text(input.reporter, 200);
      const callbackPhone = text(input.callbackPhone, 40);
      const description = text(input.description);
      const isDemo = input.isDemo ?? false;
      if (!wardCode) wardCode = await resolveWardFor({ lat, lon, address: addressText });
      const id = randomUUID();
      const receivedAt = input.receivedAt ?? at;
      const row = await inTx(async (tx) => {
        const code = await incidents.nextCode(tx, Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' }).format(receivedAt)));
        await incidents.insert(tx, {
          id,
          code,
          type: input.type,
          priority,
          status: 'new',
          source: input.source,
          ward_code: wardCode,
          address_text: addressText,
          lat,
          lon,
          reporter_name: reporter,
          callback_phone: callbackPhone,
          description,
          is_demo: isDemo,
          created_by: actor.username,
          created_at: at,
          updated_at: at,
          received_at: receivedAt,
        });
        const links = input.links ?? [];
        for (const l of links) await incidents.addLink(tx, { incidentId: id, kind: l.kind, refId: l.refId, at });
        await appendTimeline(tx, {
          incidentId: id,
          at,
          actor: actor.username,
          action: 'created',
          data: {
            code, source: input.source, type: input.type, priority, wardCode, addressText, lat, lon, reporter, callbackPhone,
            description, receivedAt: receivedAt.toISOString(), links, isDemo,
          },
        });
        return (await incidents.get(tx, id))!;
      });
      deps.log.info({ incidentId: id, type: row.type, source: row.source, wardCode: row.ward_code }, 'incident created');
      const candidates = await candidatesFor(row);
      await publish('incident.created', row, 'created', { mergeCandidateIds: candidates.map((c) => c.id) });
      return incidentView(row, now());
    },

    async get(id: string, actor: Actor) {
      return incidentView(await load(db, id, actor, 'read'), now());
    },

    async list(filter: Omit<IncidentFilter, 'scope'>, actor: Actor) {
      const rows = await incidents.list(db, { ...filter, scope: actor.scope ?? null });
      const t = now();
      return rows.map((r) => incidentView(r, t));
    },

    /** Everything the console detail pane needs. */
    async detail(id: string, actor: Actor) {
      const row = await load(db, id, actor, 'read');
      const [timeline, links, assignments, candidates] = await Promise.all([
        loadTimeline(db, id),
        incidents.links(db, id),
        units.assignmentsOf(db, id),
        candidatesFor(row),
      ]);
      const t = now();
      const visibleCandidates = actor.scope ? candidates.filter((c) => c.incident.wardCode === actor.scope) : candidates;
      return {
        incident: incidentView(row, t),
        standards: standardsView(row, t),
        timeline: timeline.map(timelineView),
        transitions: timeline
          .filter((e) => e.action === 'status_changed')
          .map((e) => ({ from: e.data.from, to: e.data.to, at: e.at.toISOString(), by: e.actor })),
        links: links.map(linkView),
        units: assignments.map(assignmentView),
        mergeCandidates: visibleCandidates,
      };
    },

    async findMergeCandidates(id: string, actor: Actor) {
      const row = await load(db, id, actor, 'read');
      const c = await candidatesFor(row);
      return actor.scope ? c.filter((x) => x.incident.wardCode === actor.scope) : c;
    },

    async transition(id: string, to: IncidentStatus, actorIn: Actor | string, note?: string | null) {
      const actor = toActor(actorIn);
      if (to === 'dispatched') throw new AppError('INVALID_TRANSITION', 'Để điều động, vui lòng chọn lực lượng (chức năng Điều động).');
      if (to === 'new') throw new AppError('INVALID_TRANSITION');
      const at = now();
      const row = await inTx(async (tx) => {
        const cur = await load(tx, id, actor, `transition:${to}`, true);
        if (cur.status === 'closed') throw new AppError('INCIDENT_CLOSED');
        return applyStatus(tx, cur, to, actor, at, note ? { note: text(note, 1000) } : {});
      });
      await publish('incident.updated', row, 'status');
      return incidentView(row, now());
    },

    /** Operator acknowledges (answers) the report. Idempotent once acknowledged. */
    async acknowledge(id: string, actorIn: Actor | string) {
      const actor = toActor(actorIn);
      const at = now();
      const { row, changed } = await inTx(async (tx) => {
        const cur = await load(tx, id, actor, 'acknowledge', true);
        if (cur.status !== 'new') return { row: cur, changed: false };
        return { row: await applyStatus(tx, cur, 'acknowledged', actor, at), changed: true };
      });
      if (changed) await publish('incident.updated', row, 'status');
      return incidentView(row, now());
    },

    /** First display on a console (the end of the NFPA 72 "alarm → shown" interval). Later calls are no-ops. */
    async markShown(id: string, actorIn: Actor | string) {
      const actor = toActor(actorIn);
      const at = now();
      const { row, first } = await inTx(async (tx) => {
        const cur = await load(tx, id, actor, 'shown', true);
        if (cur.shown_at) return { row: cur, first: false };
        await incidents.setTimesIfNull(tx, id, at, { shown_at: at, shown_by: actor.username });
        await appendTimeline(tx, { incidentId: id, at, actor: actor.username, action: 'shown', data: {} });
        return { row: (await incidents.get(tx, id))!, first: true };
      });
      if (first) await publish('incident.updated', row, 'shown');
      return { incident: incidentView(row, now()), first };
    },

    async update(id: string, patch: IncidentPatch, actorIn: Actor | string) {
      const actor = toActor(actorIn);
      const at = now();
      const row = await inTx(async (tx) => {
        const cur = await load(tx, id, actor, 'update', true);
        if (cur.status === 'closed') throw new AppError('INCIDENT_CLOSED');
        if (actor.scope && patch.wardCode !== undefined && patch.wardCode !== actor.scope) {
          throw new AppError('FORBIDDEN', 'Cán bộ xã/phường không thể chuyển sự cố sang xã/phường khác.');
        }
        const next = {
          type: patch.type ?? cur.type,
          priority: patch.priority ?? cur.priority,
          ward_code: patch.wardCode !== undefined ? patch.wardCode : cur.ward_code,
          address_text: patch.addressText !== undefined ? text(patch.addressText, 500) : cur.address_text,
          lat: patch.lat !== undefined ? patch.lat : cur.lat,
          lon: patch.lon !== undefined ? patch.lon : cur.lon,
          description: patch.description !== undefined ? text(patch.description) : cur.description,
          callback_phone: patch.callbackPhone !== undefined ? text(patch.callbackPhone, 40) : cur.callback_phone,
        };
        if ((next.lat === null) !== (next.lon === null)) throw new AppError('VALIDATION', 'Cần cả vĩ độ và kinh độ.');
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        for (const [k, v] of Object.entries(next)) {
          const old = cur[k as keyof IncidentRow];
          if (old !== v) changes[k] = { from: old, to: v };
        }
        if (!Object.keys(changes).length) return cur;
        await tx.query(
          `update incidents set type = $2, priority = $3, ward_code = $4, address_text = $5, lat = $6, lon = $7, description = $8,
             callback_phone = $9, updated_at = $10 where id = $1`,
          [id, next.type, next.priority, next.ward_code, next.address_text, next.lat, next.lon, next.description, next.callback_phone, at],
        );
        await appendTimeline(tx, { incidentId: id, at, actor: actor.username, action: 'updated', data: { changes } });
        return (await incidents.get(tx, id))!;
      });
      await publish('incident.updated', row, 'details');
      return incidentView(row, now());
    },

    /**
     * Merges `duplicateId` into `primaryId`: the duplicate is closed with merged_into set; its links are
     * copied to the primary (marked with where they came from); both timelines keep their own entries and
     * each records the merge.
     */
    async merge(primaryId: string, duplicateId: string, actorIn: Actor | string) {
      const actor = toActor(actorIn);
      if (primaryId === duplicateId) throw new AppError('CONFLICT', 'Không thể gộp một sự cố với chính nó.');
      const at = now();
      const { primary, duplicate } = await inTx(async (tx) => {
        const p = await load(tx, primaryId, actor, 'merge', true);
        const d = await load(tx, duplicateId, actor, 'merge', true);
        if (p.status === 'closed' || p.merged_into) throw new AppError('INCIDENT_CLOSED', 'Sự cố chính đã đóng hoặc đã được gộp.');
        if (d.status === 'closed' || d.merged_into) throw new AppError('INCIDENT_CLOSED', 'Sự cố trùng đã đóng hoặc đã được gộp.');
        if ((await units.openAssignmentsOf(tx, d.id)).length) {
          throw new AppError('CONFLICT', 'Sự cố trùng đang có lực lượng được điều động; vui lòng thu hồi hoặc hoàn tất trước khi gộp.');
        }
        const links = await incidents.links(tx, d.id);
        for (const l of links) await incidents.addLink(tx, { incidentId: p.id, kind: l.kind, refId: l.ref_id, viaIncidentId: d.id, at });
        await incidents.setMergedInto(tx, d.id, p.id, at);
        await appendTimeline(tx, { incidentId: d.id, at, actor: actor.username, action: 'merged_into', data: { into: p.id, intoCode: p.code } });
        // A merge closes the duplicate from whatever status it had (the lifecycle rules do not apply).
        const dup = await applyStatus(tx, d, 'closed', actor, at, { reason: 'merged', into: p.id }, true);
        await appendTimeline(tx, {
          incidentId: p.id,
          at,
          actor: actor.username,
          action: 'merged_from',
          data: { from: d.id, fromCode: d.code, links: links.map((l) => ({ kind: l.kind, refId: l.ref_id })) },
        });
        return { primary: (await incidents.get(tx, p.id))!, duplicate: dup };
      });
      await publish('incident.updated', duplicate, 'merged', { mergedInto: primary.id });
      await publish('incident.updated', primary, 'merged_from', { mergedFrom: duplicate.id });
      return { primary: incidentView(primary, now()), duplicate: incidentView(duplicate, now()) };
    },

    async addLink(id: string, link: { kind: LinkKind; refId: string }, actorIn: Actor | string) {
      const actor = toActor(actorIn);
      const at = now();
      await inTx(async (tx) => {
        await load(tx, id, actor, 'link', true);
        if (await incidents.addLink(tx, { incidentId: id, kind: link.kind, refId: link.refId, at })) {
          await appendTimeline(tx, { incidentId: id, at, actor: actor.username, action: 'linked', data: link });
        }
      });
    },

    async timeline(id: string, actor: Actor) {
      await load(db, id, actor, 'read');
      return (await loadTimeline(db, id)).map(timelineView);
    },

    async verifyTimeline(id: string, actor?: Actor): Promise<VerifyResult & { incidentId: string; code: string }> {
      const row = actor ? await load(db, id, actor, 'verify') : await incidents.get(db, id);
      if (!row) throw new AppError('NOT_FOUND');
      return { incidentId: id, code: row.code, ...(await verifyIncidentTimeline(db, id)) };
    },

    /** Verifies every incident; returns the failures (the first broken link of each). */
    async verifyAll(): Promise<{ checked: number; failures: Array<VerifyResult & { incidentId: string; code: string }> }> {
      const ids = await incidents.allIds(db);
      const failures = [];
      for (const id of ids) {
        const r = await service.verifyTimeline(id);
        if (!r.ok) failures.push(r);
      }
      return { checked: ids.length, failures };
    },

    /** Internal: rows for other dispatch services (units, demo, stats). */
    async _row(q: Queryable, id: string, actor: Actor, action: string, forUpdate = false) {
      return load(q, id, actor, action, forUpdate);
    },
    _applyStatus: applyStatus,
    _publish: publish,
  };
  return service;
}

export type IncidentService = ReturnType<typeof createIncidentService>;
