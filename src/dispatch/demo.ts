import type { Db } from '../db/db.ts';
import type { Logger } from '../shared/logger.ts';
import type { Actor } from './access.ts';
import { DEMO_SCENARIOS, DEMO_WARDS, demoUnitSpecs, type DemoWard } from './demo-data.ts';
import { haversineM, interpolate } from './geo.ts';
import { createIncidentRepository } from './incident.repository.ts';
import type { IncidentService } from './incident.service.ts';
import { createUnitRepository } from './unit.repository.ts';
import type { UnitService } from './unit.service.ts';
import { seededRandom } from '../shared/random.ts';

export type { DemoWard } from './demo-data.ts';

export interface DemoOptions {
  /** A new scripted incident every intervalMs. */
  intervalMs: number;
  /** Unit simulation step. */
  tickMs: number;
  /** Simulated turnout before a dispatched demo unit leaves. */
  turnoutMs: number;
  /** Time a demo unit stays on scene. */
  onSceneMs: number;
  /** No new demo incidents while this many are open. */
  maxOpen: number;
  /** Incidents created right away so that the console is not empty. */
  initial: number;
}

export const DEFAULT_DEMO_OPTIONS: DemoOptions = { intervalMs: 30_000, tickMs: 5_000, turnoutMs: 20_000, onSceneMs: 180_000, maxOpen: 30, initial: 3 };

export interface DemoDeps {
  db: Db;
  log: Logger;
  incidents: IncidentService;
  units: UnitService;
  wards?: DemoWard[];
  now?: () => Date;
  options?: Partial<DemoOptions>;
}

export interface DemoRunner {
  /** Creates the next scripted incident now (also used by tests). */
  next(): Promise<void>;
  /** Runs one unit-simulation step now. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

const DEMO_ACTOR: Actor = { username: 'demo' };

/** Seeds demo units (once) and starts the scripted stream and the unit simulation. */
export async function startDemo(deps: DemoDeps): Promise<DemoRunner> {
  const o = { ...DEFAULT_DEMO_OPTIONS, ...deps.options };
  const now = deps.now ?? (() => new Date());
  const wards = deps.wards?.length ? deps.wards : DEMO_WARDS;
  const rand = seededRandom(20250701);
  const incidentRows = createIncidentRepository();
  const unitRows = createUnitRepository();
  let n = 0;
  let duplicateOf: { ward: DemoWard; lat: number; lon: number } | null = null;

  let seeded = 0;
  for (const spec of demoUnitSpecs(wards)) {
    if (await unitRows.byCallSign(deps.db, spec.callSign)) continue;
    await deps.units.createUnit(
      { callSign: spec.callSign, name: spec.name, kind: spec.kind, agency: spec.agency, wardCode: spec.wardCode, isDemo: true, home: { name: `Điểm đại diện ${spec.base.name} (sapnhap.bando.com.vn) – DỮ LIỆU DEMO`, lat: spec.base.lat, lon: spec.base.lon } },
      DEMO_ACTOR,
    );
    seeded++;
  }
  deps.log.info({ seeded }, 'demo units ready');

  async function next() {
    if ((await incidentRows.countOpenDemo(deps.db)) >= o.maxOpen) return;
    const scenario = DEMO_SCENARIOS[n % DEMO_SCENARIOS.length]!;
    n++;
    let ward: DemoWard;
    let lat: number;
    let lon: number;
    if (duplicateOf && scenario.type === 'fire') {
      // A second report about the previous fire, ~100 m away: the console proposes merging them.
      ({ ward } = duplicateOf);
      lat = duplicateOf.lat + 0.0007;
      lon = duplicateOf.lon + 0.0004;
      duplicateOf = null;
    } else {
      ward = wards[Math.floor(rand() * wards.length)]!;
      // Within roughly 600 m of the ward's representative point.
      lat = ward.lat + (rand() - 0.5) * 0.011;
      lon = ward.lon + (rand() - 0.5) * 0.011;
      if (scenario.type === 'fire') duplicateOf = { ward, lat, lon };
    }
    await deps.incidents.createIncident({
      source: scenario.source,
      type: scenario.type,
      priority: scenario.priority,
      wardCode: ward.code,
      lat: Math.round(lat * 1e5) / 1e5,
      lon: Math.round(lon * 1e5) / 1e5,
      addressText: `Khu vực ${ward.name} (vị trí giả lập – DỮ LIỆU DEMO)`,
      description: `[DỮ LIỆU DEMO] ${scenario.description}`,
      links: scenario.source === 'alarm' ? [{ kind: 'alarm_event', refId: `demo-alarm-${n}` }] : [],
      isDemo: true,
      actor: DEMO_ACTOR,
    });
  }

  /** Moves dispatched demo units: turnout, travel along a straight line at the ETA pace, on scene, back home. */
  async function tick() {
    const t = now().getTime();
    const rows = await deps.db.query<{
      id: string; status: string; status_since: Date; lat: number; lon: number; home_lat: number; home_lon: number;
      incident_id: string | null; inc_lat: number | null; inc_lon: number | null; inc_status: string | null; dispatched_at: Date | null; eta_seconds: number | null;
    }>(
      `select u.id, u.status, u.status_since, u.lat, u.lon, u.home_lat, u.home_lon, a.incident_id, i.lat as inc_lat, i.lon as inc_lon,
              i.status as inc_status, a.dispatched_at, a.eta_seconds
         from units u
         left join incident_units a on a.unit_id = u.id and a.cleared_at is null
         left join incidents i on i.id = a.incident_id
        where u.is_demo and u.status in ('dispatched', 'en_route', 'on_scene', 'returning')`,
    );
    for (const r of rows) {
      const since = t - new Date(r.status_since).getTime();
      try {
        if (r.status === 'dispatched' && since >= o.turnoutMs) {
          await deps.units.updateUnit(r.id, { status: 'en_route' }, DEMO_ACTOR);
        } else if (r.status === 'en_route' && r.inc_lat !== null && r.inc_lon !== null) {
          const etaMs = Math.max(1, (r.eta_seconds ?? 120) * 1000);
          const target = { lat: r.inc_lat, lon: r.inc_lon };
          if (since >= etaMs) await deps.units.updateUnit(r.id, { status: 'on_scene', ...target }, DEMO_ACTOR);
          else await deps.units.updateUnit(r.id, interpolate({ lat: r.lat, lon: r.lon }, target, Math.min(1, o.tickMs / (etaMs - since))), DEMO_ACTOR);
        } else if (r.status === 'on_scene' && since >= o.onSceneMs) {
          await deps.units.updateUnit(r.id, { status: 'returning' }, DEMO_ACTOR);
          if (r.incident_id && r.inc_status === 'on_scene') {
            if (!(await unitRows.openAssignmentsOf(deps.db, r.incident_id)).length) await deps.incidents.transition(r.incident_id, 'resolved', DEMO_ACTOR, 'Mô phỏng demo: lực lượng đã xử lý xong.');
          }
        } else if (r.status === 'returning') {
          const home = { lat: r.home_lat, lon: r.home_lon };
          if (haversineM({ lat: r.lat, lon: r.lon }, home) < 50) await deps.units.updateUnit(r.id, { status: 'available', ...home }, DEMO_ACTOR);
          else await deps.units.updateUnit(r.id, interpolate({ lat: r.lat, lon: r.lon }, home, 0.5), DEMO_ACTOR);
        }
      } catch (err) {
        deps.log.warn({ err, unitId: r.id }, 'demo unit step failed');
      }
    }
    // Resolved demo incidents are closed after a while so that the queue stays readable.
    const stale = await deps.db.query<{ id: string }>(`select id from incidents where is_demo and status = 'resolved' and resolved_at < $1`, [new Date(t - 2 * 60_000)]);
    for (const s of stale) await deps.incidents.transition(s.id, 'closed', DEMO_ACTOR, 'Mô phỏng demo: đóng sự cố.').catch(() => undefined);
  }

  let busy: Promise<void> = Promise.resolve();
  const serial = (fn: () => Promise<void>) => () => {
    busy = busy.then(fn).catch((err: unknown) => deps.log.warn({ err }, 'demo step failed'));
    return busy;
  };
  const runNext = serial(next);
  const runTick = serial(tick);
  for (let i = 0; i < o.initial; i++) await runNext();
  const incidentTimer = setInterval(() => void runNext(), o.intervalMs);
  const tickTimer = setInterval(() => void runTick(), o.tickMs);
  incidentTimer.unref?.();
  tickTimer.unref?.();

  return {
    next: runNext,
    tick: runTick,
    async stop() {
      clearInterval(incidentTimer);
      clearInterval(tickTimer);
      await busy;
    },
  };
}
