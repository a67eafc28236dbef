import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../auth/audit.repository.ts';
import type { Db, Queryable } from '../db/db.ts';
import type { EventBus } from '../shared/bus.ts';
import { AppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { assertInScope, checkScope, runAudited, toActor, type Actor } from './access.ts';
import { estimateTravel, ROUTE_FACTOR, URBAN_SPEED_KMH } from './geo.ts';
import { createIncidentRepository, type IncidentRow } from './incident.repository.ts';
import type { IncidentService } from './incident.service.ts';
import { KINDS_FOR_TYPE, UNIT_STATUS_LABELS, type UnitKind, type UnitStatus } from './model.ts';
import { appendTimeline } from './timeline.ts';
import { createUnitRepository, type UnitRow } from './unit.repository.ts';
import { incidentView, unitView } from './views.ts';

export interface UnitServiceDeps {
  db: Db;
  bus: EventBus;
  log: Logger;
  audit?: AuditLog;
  now?: () => Date;
  incidents: IncidentService;
}

export interface NewUnit {
  callSign: string;
  name: string;
  kind: UnitKind;
  agency: string;
  wardCode?: string | null;
  home: { name: string; lat: number; lon: number };
  status?: UnitStatus;
  isDemo?: boolean;
}

/** Statuses a unit may be set to by PATCH; `dispatched` only comes from dispatching. */
export const SETTABLE_UNIT_STATUSES = ['en_route', 'on_scene', 'returning', 'available', 'off_duty'] as const;
export type SettableUnitStatus = (typeof SETTABLE_UNIT_STATUSES)[number];

/** Units that may receive a new assignment: free, or on their way home. */
const DISPATCHABLE: readonly UnitStatus[] = ['available', 'returning'];

export function createUnitService(deps: UnitServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const units = createUnitRepository();
  const incidents = createIncidentRepository();
  const { db } = deps;

  /** Live event for a unit; a city unit working a ward's incident is also shown to that ward. */
  const publishUnit = async (q: Queryable, u: UnitRow) => {
    let wardCode = u.ward_code;
    if (!wardCode && u.current_incident_id) wardCode = (await incidents.get(q, u.current_incident_id))?.ward_code ?? null;
    try {
      await deps.bus.publish('unit.updated', { unit: unitView(u) }, { wardCode });
    } catch (err) {
      deps.log.error({ err }, 'unit event publish failed');
    }
  };

  async function loadUnit(q: Queryable, id: string, actor: Actor, action: string, forUpdate = false): Promise<UnitRow> {
    const u = await units.get(q, id, { forUpdate });
    if (!u) throw new AppError('NOT_FOUND');
    // A city unit working this ward's incident is listed for the ward, but only the ward's own units are theirs to command.
    const record = { wardCode: u.ward_code, target: `unit:${id}` };
    if (q === db) await assertInScope(deps.audit, actor, record, action);
    else checkScope(actor, record, action);
    return u;
  }

  return {
    async createUnit(input: NewUnit, actorIn: Actor | string) {
      const actor = toActor(actorIn);
      if (actor.scope && input.wardCode && input.wardCode !== actor.scope) {
        throw new AppError('FORBIDDEN', 'Cán bộ xã/phường chỉ quản lý lực lượng của xã/phường mình.');
      }
      const wardCode = actor.scope ?? input.wardCode ?? null;
      if (await units.byCallSign(db, input.callSign)) throw new AppError('CONFLICT', 'Hô hiệu này đã được dùng cho lực lượng khác.');
      const at = now();
      const row: Omit<UnitRow, 'current_incident_id'> = {
        id: randomUUID(),
        call_sign: input.callSign.trim(),
        name: input.name.trim(),
        kind: input.kind,
        agency: input.agency.trim(),
        ward_code: wardCode,
        home_name: input.home.name.trim(),
        home_lat: input.home.lat,
        home_lon: input.home.lon,
        status: input.status ?? 'available',
        lat: input.home.lat,
        lon: input.home.lon,
        status_since: at,
        position_at: at,
        is_demo: input.isDemo ?? false,
        created_at: at,
      };
      await units.insert(db, row);
      const u = (await units.get(db, row.id))!;
      await deps.audit?.record({ actorId: actor.userId ?? null, actorUsername: actor.username, action: 'unit.create', target: u.call_sign, ip: actor.ip ?? null });
      await publishUnit(db, u);
      return unitView(u);
    },

    async listUnits(filter: { kind?: UnitKind[]; status?: UnitStatus[] }, actor: Actor) {
      return (await units.list(db, { ...filter, scope: actor.scope ?? null })).map(unitView);
    },

    async getUnit(id: string, actor: Actor) {
      return unitView(await loadUnit(db, id, actor, 'read'));
    },

    /**
     * Sends units to an incident. A new incident is acknowledged on the way (recorded as its own step).
     * Each unit must be free (available or returning); the ETA from its current position is stored.
     */
    async dispatchUnits(incidentId: string, unitIds: string[], actorIn: Actor | string) {
      const actor = toActor(actorIn);
      const ids = [...new Set(unitIds)];
      if (!ids.length) throw new AppError('VALIDATION', 'Vui lòng chọn ít nhất một lực lượng.');
      const at = now();
      const { incident, touched } = await runAudited(db, deps.audit, async (tx) => {
        let inc = await deps.incidents._row(tx, incidentId, actor, 'dispatch', true);
        if (inc.status === 'closed') throw new AppError('INCIDENT_CLOSED');
        if (inc.status === 'resolved') throw new AppError('INVALID_TRANSITION', 'Sự cố đã xử lý xong; hãy mở lại trước khi điều động.');
        if (inc.status === 'new') inc = await deps.incidents._applyStatus(tx, inc, 'acknowledged', actor, at, { implicit: 'dispatch' });
        const sent: Array<{ unitId: string; callSign: string; etaSeconds: number | null; distanceM: number | null }> = [];
        const touched: UnitRow[] = [];
        for (const uid of ids) {
          const u = await loadUnit(tx, uid, actor, 'dispatch', true);
          if (!DISPATCHABLE.includes(u.status)) {
            throw new AppError('UNIT_NOT_AVAILABLE', `Lực lượng ${u.call_sign} đang ở trạng thái «${UNIT_STATUS_LABELS[u.status]}», không thể điều động.`, { unitId: u.id });
          }
          const travel = inc.lat !== null && inc.lon !== null ? estimateTravel(u, { lat: inc.lat, lon: inc.lon }, u.kind) : null;
          await units.insertAssignment(tx, { incidentId: inc.id, unitId: u.id, at, by: actor.username, etaSeconds: travel?.etaSeconds ?? null, distanceM: travel?.distanceM ?? null });
          await units.setStatus(tx, u.id, 'dispatched', at, inc.id);
          sent.push({ unitId: u.id, callSign: u.call_sign, etaSeconds: travel?.etaSeconds ?? null, distanceM: travel ? Math.round(travel.distanceM) : null });
          touched.push((await units.get(tx, u.id))!);
        }
        await incidents.setTimesIfNull(tx, inc.id, at, { dispatched_at: at, dispatched_by: actor.username });
        await appendTimeline(tx, { incidentId: inc.id, at, actor: actor.username, action: 'units_dispatched', data: { units: sent } });
        if (inc.status === 'acknowledged') inc = await deps.incidents._applyStatus(tx, inc, 'dispatched', actor, at);
        return { incident: (await incidents.get(tx, inc.id))!, touched };
      });
      await deps.incidents._publish('incident.updated', incident, 'units');
      for (const u of touched) await publishUnit(db, u);
      return { incident: incidentView(incident, now()), units: touched.map(unitView) };
    },

    /**
     * A unit reports a status (from the console or a field device) and/or a position:
     * en_route / on_scene move the incident forward (first en route / first on scene times);
     * returning clears the unit from its incident; available also clears; off_duty needs no open assignment.
     */
    async updateUnit(id: string, patch: { status?: SettableUnitStatus; lat?: number; lon?: number }, actorIn: Actor | string) {
      const actor = toActor(actorIn);
      if ((patch.lat === undefined) !== (patch.lon === undefined)) throw new AppError('VALIDATION', 'Cần cả vĩ độ và kinh độ.');
      const at = now();
      const { unit, incident } = await runAudited(db, deps.audit, async (tx) => {
        const u = await loadUnit(tx, id, actor, 'update', true);
        if (patch.lat !== undefined && patch.lon !== undefined) await units.setPosition(tx, id, patch.lat, patch.lon, at);
        let inc: IncidentRow | undefined;
        const s = patch.status;
        if (s && s !== u.status) {
          const a = await units.openAssignment(tx, id);
          const incRow = a ? await incidents.get(tx, a.incident_id, { forUpdate: true }) : undefined;
          const log = async (action: string, data: Record<string, unknown> = {}) => {
            if (incRow) await appendTimeline(tx, { incidentId: incRow.id, at, actor: actor.username, action, data: { unitId: id, callSign: u.call_sign, ...data } });
          };
          if (s === 'en_route' || s === 'on_scene') {
            if (!a || !incRow) throw new AppError('UNIT_NOT_AVAILABLE', `Lực lượng ${u.call_sign} chưa được điều động tới sự cố nào.`);
            await units.markAssignment(tx, a, s === 'en_route' ? 'enroute_at' : 'on_scene_at', at);
            await units.setStatus(tx, id, s, at, incRow.id);
            await log(s === 'en_route' ? 'unit_en_route' : 'unit_on_scene');
            // The incident moves forward only from dispatched/en route (not back, and not once resolved or closed).
            const order = ['dispatched', 'en_route', 'on_scene'];
            if (order.includes(incRow.status) && order.indexOf(incRow.status) < order.indexOf(s)) {
              inc = await deps.incidents._applyStatus(tx, incRow, s, actor, at, { byUnit: u.call_sign });
            } else {
              await incidents.setTimesIfNull(tx, incRow.id, at, s === 'en_route' ? { first_enroute_at: at } : { first_on_scene_at: at });
              inc = (await incidents.get(tx, incRow.id))!;
            }
          } else if (s === 'off_duty') {
            if (a) throw new AppError('CONFLICT', `Lực lượng ${u.call_sign} đang làm nhiệm vụ; hãy kết thúc nhiệm vụ trước khi chuyển ngoài ca.`);
            await units.setStatus(tx, id, 'off_duty', at, null);
          } else {
            // returning or available: the unit leaves its incident.
            if (a) {
              await units.markAssignment(tx, a, 'cleared_at', at);
              await log('unit_cleared', { next: s });
              inc = incRow;
            }
            await units.setStatus(tx, id, s, at, null);
          }
        }
        return { unit: (await units.get(tx, id))!, incident: inc };
      });
      if (incident) await deps.incidents._publish('incident.updated', (await incidents.get(db, incident.id))!, 'units');
      await publishUnit(db, unit);
      return unitView(unit);
    },

    /**
     * Nearest free units of the kinds that answer this incident type, ranked by estimated travel time
     * (see geo.ts for the ETA model). Units of the first-choice kind come first.
     */
    async recommendUnits(incidentId: string, actor: Actor, limit = 5) {
      const inc = await deps.incidents._row(db, incidentId, actor, 'recommend');
      if (inc.lat === null || inc.lon === null) throw new AppError('INCIDENT_NO_LOCATION');
      const kinds = KINDS_FOR_TYPE[inc.type];
      let free = await units.available(db, kinds);
      if (actor.scope) free = free.filter((u) => u.ward_code === actor.scope);
      const ranked = free
        .map((u) => {
          const t = estimateTravel(u, { lat: inc.lat!, lon: inc.lon! }, u.kind);
          return { unit: unitView(u), kindRank: kinds.indexOf(u.kind), distanceM: Math.round(t.distanceM), roadDistanceM: Math.round(t.roadDistanceM), etaSeconds: t.etaSeconds };
        })
        .sort((a, b) => a.kindRank - b.kindRank || a.etaSeconds - b.etaSeconds || a.distanceM - b.distanceM);
      const perKind = new Map<number, number>();
      const out = ranked.filter((r) => {
        const n = perKind.get(r.kindRank) ?? 0;
        perKind.set(r.kindRank, n + 1);
        return n < limit;
      });
      return {
        incidentId: inc.id,
        kinds,
        model: { routeFactor: ROUTE_FACTOR, speedKmh: URBAN_SPEED_KMH, note: 'ETA = khoảng cách đường chim bay × hệ số đường đi ÷ tốc độ trung bình trong đô thị (giả định, chưa tính ùn tắc).' },
        recommendations: out,
      };
    },
  };
}

export type UnitService = ReturnType<typeof createUnitService>;
