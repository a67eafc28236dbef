import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../auth/roles.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../shared/errors.ts';
import { actorOf } from './access.ts';
import { CAP_CATEGORY, CAP_CERTAINTY, CAP_RESPONSE_TYPE, CAP_SEVERITY, CAP_URGENCY } from './cap.ts';
import { buildEido } from './eido.ts';
import type { IncidentService } from './incident.service.ts';
import { INCIDENT_STATUSES, INCIDENT_TYPES, LINK_KINDS, UNIT_KINDS, UNIT_STATUSES } from './model.ts';
import { computeStats } from './stats.service.ts';
import { SETTABLE_UNIT_STATUSES, type UnitService } from './unit.service.ts';
import type { WarningService } from './warning.service.ts';

export interface DispatchRoutesDeps {
  db: Db;
  incidents: IncidentService;
  units: UnitService;
  warnings: WarningService;
  agencyId: string;
  now?: () => Date;
}

/** Who may do what. Leaders read; kb editors have no access to dispatch. */
export const DISPATCH_ROLES = {
  read: ['admin', 'dispatcher', 'leader', 'ward_officer'],
  write: ['admin', 'dispatcher', 'ward_officer'],
  stats: ['admin', 'dispatcher', 'leader'],
  warn: ['admin', 'dispatcher'],
} as const satisfies Record<string, readonly Role[]>;

const id = z.object({ id: z.uuid() });
const wardCode = z.string().regex(/^\d{5}$/);
const lat = z.number().min(-90).max(90);
const lon = z.number().min(-180).max(180);
const oneLine = (max: number) => z.string().trim().min(1).max(max);
const csv = (max = 200) => z.string().max(max).regex(/^[a-z_,]+$/).optional();

function parseList<T extends string>(value: string | undefined, allowed: readonly T[], field: string): T[] | undefined {
  if (!value) return undefined;
  const items = value.split(',').filter(Boolean);
  for (const i of items) if (!allowed.includes(i as T)) throw new AppError('VALIDATION', undefined, { in: 'querystring', fields: [{ field, problem: 'invalid_value' }] });
  return items as T[];
}

const incidentBody = {
  type: z.enum(INCIDENT_TYPES),
  priority: z.number().int().min(1).max(4).optional(),
  wardCode: wardCode.nullish(),
  lat: lat.nullish(),
  lon: lon.nullish(),
  addressText: z.string().trim().max(500).nullish(),
  description: z.string().trim().max(4000).nullish(),
};

export function dispatchRoutes(deps: DispatchRoutesDeps): FastifyPluginAsyncZod {
  const now = deps.now ?? (() => new Date());
  return async (app) => {
    const tags = ['dispatch'];
    const read = app.requireStaff(DISPATCH_ROLES.read);
    const write = app.requireStaff(DISPATCH_ROLES.write);

    app.get(
      '/incidents',
      {
        schema: {
          tags,
          summary: 'Danh sách sự cố trong phạm vi của cán bộ (ưu tiên rồi thời gian)',
          querystring: z.strictObject({ status: csv(), type: csv(), ward: wardCode.optional(), since: z.iso.datetime({ offset: true }).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }),
        },
        preHandler: read,
      },
      async (req) => {
        const q = req.query;
        const incidents = await deps.incidents.list(
          { status: parseList(q.status, INCIDENT_STATUSES, 'status'), type: parseList(q.type, INCIDENT_TYPES, 'type'), ward: q.ward, since: q.since ? new Date(q.since) : undefined, limit: q.limit },
          actorOf(req.staff!, req.ip),
        );
        return { incidents };
      },
    );

    app.post(
      '/incidents',
      {
        schema: {
          tags,
          summary: 'Điều phối viên nhập sự cố; cán bộ xã/phường báo cáo sự cố của xã/phường mình',
          body: z.strictObject({
            ...incidentBody,
            source: z.enum(['manual', 'call']).optional(),
            reporterName: z.string().trim().max(200).nullish(),
            callbackPhone: z.string().trim().regex(/^\+?[0-9 .-]{3,20}$/).nullish(),
            links: z.array(z.strictObject({ kind: z.enum(LINK_KINDS), refId: oneLine(200) })).max(50).optional(),
          }),
        },
        preHandler: write,
      },
      async (req, reply) => {
        const actor = actorOf(req.staff!, req.ip);
        const b = req.body;
        const incident = await deps.incidents.createIncident({
          ...b,
          source: actor.scope ? 'ward_report' : (b.source ?? 'manual'),
          reporter: b.reporterName,
          actor,
        });
        return reply.status(201).send({ incident });
      },
    );

    app.get('/incidents/:id', { schema: { tags, params: id }, preHandler: read }, async (req) => deps.incidents.detail(req.params.id, actorOf(req.staff!, req.ip)));

    app.patch(
      '/incidents/:id',
      { schema: { tags, params: id, body: z.strictObject({ ...incidentBody, type: incidentBody.type.optional() }) }, preHandler: write },
      async (req) => ({ incident: await deps.incidents.update(req.params.id, req.body, actorOf(req.staff!, req.ip)) }),
    );

    app.post(
      '/incidents/:id/transition',
      { schema: { tags, params: id, body: z.strictObject({ status: z.enum(INCIDENT_STATUSES), note: z.string().trim().max(1000).optional() }) }, preHandler: write },
      async (req) => ({ incident: await deps.incidents.transition(req.params.id, req.body.status, actorOf(req.staff!, req.ip), req.body.note) }),
    );

    app.post('/incidents/:id/acknowledge', { schema: { tags, params: id }, preHandler: write }, async (req) => ({
      incident: await deps.incidents.acknowledge(req.params.id, actorOf(req.staff!, req.ip)),
    }));

    app.post('/incidents/:id/shown', { schema: { tags, params: id }, preHandler: write }, async (req) => deps.incidents.markShown(req.params.id, actorOf(req.staff!, req.ip)));

    app.post(
      '/incidents/:id/dispatch',
      { schema: { tags, params: id, body: z.strictObject({ unitIds: z.array(z.uuid()).min(1).max(20) }) }, preHandler: write },
      async (req) => deps.units.dispatchUnits(req.params.id, req.body.unitIds, actorOf(req.staff!, req.ip)),
    );

    app.post(
      '/incidents/:id/merge',
      { schema: { tags, summary: 'Gộp sự cố trùng (duplicateId) vào sự cố này', params: id, body: z.strictObject({ duplicateId: z.uuid() }) }, preHandler: write },
      async (req) => deps.incidents.merge(req.params.id, req.body.duplicateId, actorOf(req.staff!, req.ip)),
    );

    app.get('/incidents/:id/merge-candidates', { schema: { tags, params: id }, preHandler: read }, async (req) => ({
      candidates: await deps.incidents.findMergeCandidates(req.params.id, actorOf(req.staff!, req.ip)),
    }));

    app.get('/incidents/:id/timeline', { schema: { tags, params: id }, preHandler: read }, async (req) => ({
      timeline: await deps.incidents.timeline(req.params.id, actorOf(req.staff!, req.ip)),
    }));

    app.get('/incidents/:id/timeline/verify', { schema: { tags, params: id }, preHandler: read }, async (req) => deps.incidents.verifyTimeline(req.params.id, actorOf(req.staff!, req.ip)));

    app.get('/incidents/:id/eido', { schema: { tags, summary: 'Xuất sự cố theo NENA EIDO (JSON)', params: id }, preHandler: read }, async (req, reply) => {
      const actor = actorOf(req.staff!, req.ip);
      const d = await deps.incidents.detail(req.params.id, actor);
      const mergedFrom = d.timeline.filter((e) => e.action === 'merged_from').map((e) => String(e.data.from));
      const doc = buildEido({
        incident: d.incident,
        links: d.links.map((l) => ({ kind: l.kind, refId: l.refId })),
        units: d.units,
        timeline: d.timeline,
        mergedFrom,
        agencyId: deps.agencyId,
        agent: req.staff!.username,
        now: now(),
        timelineHead: d.timeline.at(-1)?.hash ?? null,
      });
      return reply.header('content-disposition', `attachment; filename="${d.incident.code}.eido.json"`).send(doc);
    });

    app.get(
      '/units',
      { schema: { tags, querystring: z.strictObject({ kind: csv(), status: csv() }) }, preHandler: read },
      async (req) => ({
        units: await deps.units.listUnits({ kind: parseList(req.query.kind, UNIT_KINDS, 'kind'), status: parseList(req.query.status, UNIT_STATUSES, 'status') }, actorOf(req.staff!, req.ip)),
      }),
    );

    app.get(
      '/units/recommend',
      { schema: { tags, summary: 'Gợi ý lực lượng gần nhất còn sẵn sàng', querystring: z.strictObject({ incidentId: z.uuid(), limit: z.coerce.number().int().min(1).max(20).optional() }) }, preHandler: read },
      async (req) => deps.units.recommendUnits(req.query.incidentId, actorOf(req.staff!, req.ip), req.query.limit),
    );

    app.post(
      '/units',
      {
        schema: {
          tags,
          body: z.strictObject({
            callSign: z.string().trim().min(2).max(40).regex(/^[\p{L}\p{N} ._-]+$/u),
            name: oneLine(120),
            kind: z.enum(UNIT_KINDS),
            agency: oneLine(120),
            wardCode: wardCode.nullish(),
            home: z.strictObject({ name: oneLine(200), lat, lon }),
            status: z.enum(['available', 'off_duty']).optional(),
          }),
        },
        preHandler: write,
      },
      async (req, reply) => reply.status(201).send({ unit: await deps.units.createUnit(req.body, actorOf(req.staff!, req.ip)) }),
    );

    app.get('/units/:id', { schema: { tags, params: id }, preHandler: read }, async (req) => ({ unit: await deps.units.getUnit(req.params.id, actorOf(req.staff!, req.ip)) }));

    app.patch(
      '/units/:id',
      { schema: { tags, params: id, body: z.strictObject({ status: z.enum(SETTABLE_UNIT_STATUSES).optional(), lat: lat.optional(), lon: lon.optional() }) }, preHandler: write },
      async (req) => ({ unit: await deps.units.updateUnit(req.params.id, req.body, actorOf(req.staff!, req.ip)) }),
    );

    app.get(
      '/stats',
      {
        schema: { tags, summary: 'Thống kê cho lãnh đạo', querystring: z.strictObject({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional(), ward: wardCode.optional() }) },
        preHandler: app.requireStaff(DISPATCH_ROLES.stats),
      },
      async (req) => {
        const to = req.query.to ? new Date(req.query.to) : now();
        const from = req.query.from ? new Date(req.query.from) : new Date(to.getTime() - 30 * 86_400_000);
        if (from >= to) throw new AppError('VALIDATION', 'Thời điểm bắt đầu phải trước thời điểm kết thúc.');
        return computeStats(deps.db, { from, to, wardCode: req.query.ward });
      },
    );

    app.post(
      '/warnings',
      {
        schema: {
          tags,
          summary: 'Phát cảnh báo công cộng (OASIS CAP 1.2)',
          body: z.strictObject({
            status: z.enum(['Actual', 'Exercise', 'Test']).default('Actual'),
            msgType: z.enum(['Alert', 'Update', 'Cancel']).default('Alert'),
            references: z.array(z.uuid()).max(10).optional(),
            category: z.array(z.enum(CAP_CATEGORY)).min(1).max(5),
            event: oneLine(200),
            responseType: z.array(z.enum(CAP_RESPONSE_TYPE)).max(5).optional(),
            urgency: z.enum(CAP_URGENCY),
            severity: z.enum(CAP_SEVERITY),
            certainty: z.enum(CAP_CERTAINTY),
            headline: oneLine(160),
            description: oneLine(4000),
            instruction: z.string().trim().max(2000).optional(),
            areaDesc: oneLine(500),
            wardCodes: z.array(wardCode).max(126).optional(),
            circle: z.strictObject({ lat, lon, radiusKm: z.number().positive().max(100) }).optional(),
            expiresInMinutes: z.number().int().min(5).max(7 * 24 * 60).optional(),
            incidentId: z.uuid().optional(),
          }),
        },
        preHandler: app.requireStaff(DISPATCH_ROLES.warn),
      },
      async (req, reply) => {
        const r = await deps.warnings.create(req.body, actorOf(req.staff!, req.ip));
        return reply.status(201).send({ warning: r.warning });
      },
    );

    app.get('/warnings', { schema: { tags }, preHandler: read }, async () => ({ warnings: await deps.warnings.list() }));

    // Public: a published public warning is meant to be read by anyone (CAP scope "Public").
    app.get('/warnings/:file', { schema: { tags, summary: 'Cảnh báo CAP 1.2 (XML)', params: z.object({ file: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.xml$/) }) } }, async (req, reply) => {
      const xml = await deps.warnings.xml(req.params.file.slice(0, 36));
      return reply.type('application/cap+xml; charset=utf-8').send(xml);
    });
  };
}
