import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '../auth/audit.repository.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { Db } from '../db/db.ts';
import type { EventBus } from '../shared/bus.ts';
import type { Logger } from '../shared/logger.ts';
import { startDemo, type DemoOptions, type DemoRunner, type DemoWard } from './demo.ts';
import { dispatchRoutes } from './dispatch.routes.ts';
import { createIncidentService, type ResolveWard } from './incident.service.ts';
import { createLiveHub, type LiveOptions } from './live.ts';
import { registerLiveRoutes } from './live.routes.ts';
import { createUnitService } from './unit.service.ts';
import { createWarningService } from './warning.service.ts';

export interface DispatchModuleDeps {
  db: Db;
  bus: EventBus;
  log: Logger;
  audit: AuditLog;
  auth?: Pick<AuthService, 'authenticate'>;
  now?: () => Date;
  resolveWard?: ResolveWard;
  /** Agency identifier (domain name) used in EIDO and CAP; a reserved placeholder until one is assigned. */
  agencyId?: string;
  senderName?: string;
  live?: Partial<LiveOptions>;
}

/** The part of the organisation service (src/org) used to place incidents; structural, so no import. */
export interface WardLookup {
  locate(lat: number, lon: number): Promise<{ ward: { code: string } | null; nearest?: { code: string } | null }>;
  resolve(q: string): Promise<{ matches: Array<{ code: string; confidence: number }> }>;
}

/** Address matches below this confidence leave the incident's ward unresolved for a dispatcher to set. */
export const MIN_ADDRESS_CONFIDENCE = 0.8;

/**
 * Ward of an incident: the unit containing the point (or the nearest one within the org module's limit,
 * for points just outside the simplified boundaries); otherwise the best address match when it is
 * confident enough. Boundaries missing (no ADMIN_GEOJSON) → falls through to the address.
 */
export function wardResolverFrom(org: WardLookup): ResolveWard {
  return async (q) => {
    if (q.lat !== undefined && q.lon !== undefined) {
      const r = await org.locate(q.lat, q.lon).catch(() => null);
      const code = r?.ward?.code ?? r?.nearest?.code ?? null;
      if (code) return code;
    }
    if (q.address) {
      const best = (await org.resolve(q.address)).matches[0];
      if (best && best.confidence >= MIN_ADDRESS_CONFIDENCE) return best.code;
    }
    return null;
  };
}

/** Used when AGENCY_ID is unset: `.invalid` is reserved (RFC 2606), so an export can never name a real agency. */
export const DEFAULT_AGENCY_ID = 'cand-hanoi.binh-yen.invalid';
export const DEFAULT_SENDER_NAME = 'Trung tâm Thông tin chỉ huy – Công an thành phố Hà Nội (hệ thống Bình Yên)';

/**
 * The Command Information Center capability, composed: services others call (`incidents.createIncident`,
 * …), the HTTP routes, the live WebSocket channel and the demo runner. `src/app.ts` wires it in.
 */
export function createDispatchModule(deps: DispatchModuleDeps) {
  const log = deps.log.child({ module: 'dispatch' });
  const agencyId = deps.agencyId ?? DEFAULT_AGENCY_ID;
  const incidents = createIncidentService({ db: deps.db, bus: deps.bus, log, audit: deps.audit, now: deps.now, resolveWard: deps.resolveWard });
  const units = createUnitService({ db: deps.db, bus: deps.bus, log, audit: deps.audit, now: deps.now, incidents });
  const warnings = createWarningService({ db: deps.db, bus: deps.bus, log, audit: deps.audit, incidents, now: deps.now, agencyId, senderName: deps.senderName ?? DEFAULT_SENDER_NAME });
  const hub = createLiveHub({ bus: deps.bus, log, options: deps.live });
  let demo: DemoRunner | null = null;

  return {
    incidents,
    units,
    warnings,
    hub,
    routes: { prefix: '/api/v1', plugin: dispatchRoutes({ db: deps.db, incidents, units, warnings, agencyId, now: deps.now }) },
    /** For `buildServer({ extend })`: the WebSocket endpoint needs the root instance. */
    async extend(app: FastifyInstance) {
      await registerLiveRoutes(app, { hub, auth: deps.auth, now: deps.now });
    },
    async start(opts: { demo?: boolean; demoWards?: DemoWard[]; demoOptions?: Partial<DemoOptions> } = {}) {
      await hub.start();
      if (opts.demo) demo = await startDemo({ db: deps.db, log, incidents, units, wards: opts.demoWards, now: deps.now, options: opts.demoOptions });
    },
    async stop() {
      await demo?.stop();
      demo = null;
      await hub.stop();
    },
  };
}

export type DispatchModule = ReturnType<typeof createDispatchModule>;
