import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../shared/errors.ts';
import type { OrgService } from './org.service.ts';

export interface OrgRoutesDeps {
  org: OrgService;
}

export const RESOLVE_MIN_CHARS = 2;
export const RESOLVE_MAX_CHARS = 300;

const wardCode = z.string().regex(/^\d{5}$/);
/** Digits with the usual separators: "024 3825 1234", "(024) 3942.4120", "069 2196 100", "113". */
const phone = z.string().trim().regex(/^\+?[0-9][0-9 ().-]{1,18}[0-9]$/, 'số điện thoại chỉ gồm chữ số, khoảng trắng, dấu chấm, gạch, ngoặc');
const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();

export function orgRoutes(deps: OrgRoutesDeps): FastifyPluginAsyncZod {
  const { org } = deps;
  return async (app) => {
    app.get('/wards', { schema: { tags: ['wards'], summary: 'Danh sách 126 xã/phường của Hà Nội (từ 1/7/2025)' } }, async () => org.listWards());

    app.get(
      '/wards/resolve',
      {
        schema: {
          tags: ['wards'],
          summary: 'Tra xã/phường mới từ địa chỉ (tên mới hoặc cũ, có hoặc không dấu)',
          querystring: z.object({ q: z.string().optional(), limit: z.coerce.number().int().min(1).max(50).optional() }),
        },
        config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      },
      async (req) => {
        const q = (req.query.q ?? '').trim();
        if (q.length < RESOLVE_MIN_CHARS) throw new AppError('QUERY_TOO_SHORT');
        if (q.length > RESOLVE_MAX_CHARS) throw new AppError('QUERY_TOO_LONG');
        return org.resolve(q, { limit: req.query.limit });
      },
    );

    app.get(
      '/wards/locate',
      {
        schema: {
          tags: ['wards'],
          summary: 'Tìm xã/phường chứa một tọa độ (WGS84)',
          querystring: z.object({ lat: z.coerce.number().min(-90).max(90), lon: z.coerce.number().min(-180).max(180) }),
        },
        config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      },
      async (req) => org.locate(req.query.lat, req.query.lon),
    );

    app.get('/wards/boundaries', { schema: { tags: ['wards'], summary: 'Ranh giới 126 xã/phường (GeoJSON)' } }, async (_req, reply) => {
      const json = await org.wardBoundaries();
      if (!json) throw new AppError('BOUNDARIES_UNAVAILABLE');
      return reply.header('content-type', 'application/geo+json; charset=utf-8').header('cache-control', 'public, max-age=3600').send(json);
    });

    app.get(
      '/wards/:code',
      { schema: { tags: ['wards'], summary: 'Một xã/phường: công an, điều khoản Nghị quyết 1656, các đơn vị cũ', params: z.object({ code: wardCode }) } },
      async (req) => {
        const ward = await org.getWard(req.params.code);
        if (!ward) throw new AppError('WARD_NOT_FOUND');
        return ward;
      },
    );

    app.get('/police-units', { schema: { tags: ['police-units'], summary: 'Công an thành phố và công an 126 xã/phường' } }, async () => ({
      policeUnits: await org.listPoliceUnits(),
    }));

    app.patch(
      '/police-units/:id',
      {
        schema: {
          tags: ['police-units'],
          summary: 'Cập nhật địa chỉ, số điện thoại, ghi chú của một đơn vị công an (quản trị)',
          params: z.object({ id: z.string().regex(/^ca-(hanoi|\d{5})$/) }),
          body: z.strictObject({ address: optionalText(300), phone: phone.nullable().optional(), note: optionalText(500) }),
        },
        preHandler: app.requireStaff(['admin']),
      },
      async (req) => ({ policeUnit: await org.updatePoliceUnit(req.staff!, req.params.id, req.body, req.ip) }),
    );
  };
}
