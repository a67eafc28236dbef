import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../auth/audit.repository.ts';
import type { Db } from '../db/db.ts';
import type { EventBus } from '../shared/bus.ts';
import { AppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { toActor, type Actor } from './access.ts';
import { buildCapXml, capDateTime, type CapAlert } from './cap.ts';
import type { IncidentService } from './incident.service.ts';
import { appendTimeline } from './timeline.ts';

/** geocode valueName for ward codes: the 5-digit codes of CV 1027/CTK-CSCL (units after 1/7/2025). */
export const WARD_GEOCODE_NAME = 'VN-MA-DVHC-CAP-XA-2025';

export interface WarningInput {
  status: 'Actual' | 'Exercise' | 'Test';
  msgType: 'Alert' | 'Update' | 'Cancel';
  /** Earlier warnings (their ids) this one updates or cancels. */
  references?: string[];
  category: CapAlert['info']['category'];
  event: string;
  responseType?: CapAlert['info']['responseType'];
  urgency: CapAlert['info']['urgency'];
  severity: CapAlert['info']['severity'];
  certainty: CapAlert['info']['certainty'];
  headline: string;
  description: string;
  instruction?: string;
  areaDesc: string;
  wardCodes?: string[];
  circle?: { lat: number; lon: number; radiusKm: number };
  expiresInMinutes?: number;
  incidentId?: string;
}

interface WarningRow {
  id: string;
  identifier: string;
  incident_id: string | null;
  ward_codes: string[];
  status: string;
  headline: string;
  xml: string;
  created_by: string;
  created_at: Date;
}

export interface WarningServiceDeps {
  db: Db;
  bus: EventBus;
  log: Logger;
  audit?: AuditLog;
  incidents: IncidentService;
  now?: () => Date;
  /** CAP <sender> and identifier prefix: the agency's domain name. */
  agencyId: string;
  senderName: string;
}

const sentOf = (xml: string) => /<sent>([^<]+)<\/sent>/.exec(xml)?.[1] ?? '';

export function createWarningService(deps: WarningServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const view = (r: WarningRow) => ({
    id: r.id,
    identifier: r.identifier,
    incidentId: r.incident_id,
    wardCodes: r.ward_codes,
    status: r.status,
    headline: r.headline,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    xmlUrl: `/api/v1/warnings/${r.id}.xml`,
  });

  return {
    async create(input: WarningInput, actorIn: Actor | string) {
      const actor = toActor(actorIn);
      const at = now();
      if (input.incidentId) await deps.incidents.get(input.incidentId, actor);
      if (!input.wardCodes?.length && !input.circle && !input.areaDesc) throw new AppError('VALIDATION', 'Vui lòng nêu khu vực cảnh báo.');
      const references: string[] = [];
      for (const refId of input.references ?? []) {
        const [r] = await deps.db.query<WarningRow>('select * from public_warnings where id = $1', [refId]);
        if (!r) throw new AppError('NOT_FOUND', 'Không tìm thấy cảnh báo được tham chiếu.');
        references.push(`${deps.agencyId},${r.identifier},${sentOf(r.xml)}`);
      }
      if (input.msgType !== 'Alert' && !references.length) throw new AppError('VALIDATION', 'Cảnh báo cập nhật/hủy phải tham chiếu cảnh báo trước đó.');
      const id = randomUUID();
      const identifier = `${deps.agencyId}.${capDateTime(at).slice(0, 19).replace(/\D/g, '')}.${id.slice(0, 8)}`;
      const alert: CapAlert = {
        identifier,
        sender: deps.agencyId,
        sent: at,
        status: input.status,
        msgType: input.msgType,
        scope: 'Public',
        references,
        ...(input.incidentId ? { incidents: [input.incidentId] } : {}),
        info: {
          language: 'vi-VN',
          category: input.category,
          event: input.event,
          responseType: input.responseType,
          urgency: input.urgency,
          severity: input.severity,
          certainty: input.certainty,
          effective: at,
          ...(input.expiresInMinutes ? { expires: new Date(at.getTime() + input.expiresInMinutes * 60_000) } : {}),
          senderName: deps.senderName,
          headline: input.headline,
          description: input.description,
          instruction: input.instruction,
          areas: [
            {
              areaDesc: input.areaDesc,
              circles: input.circle ? [input.circle] : [],
              geocodes: (input.wardCodes ?? []).map((value) => ({ valueName: WARD_GEOCODE_NAME, value })),
            },
          ],
        },
      };
      const xml = buildCapXml(alert);
      await deps.db.query(
        `insert into public_warnings (id, identifier, incident_id, ward_codes, status, headline, xml, created_by, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, identifier, input.incidentId ?? null, input.wardCodes ?? [], input.status, input.headline, xml, actor.username, at],
      );
      await deps.audit?.record({ actorId: actor.userId ?? null, actorUsername: actor.username, action: 'warning.publish', target: identifier, ip: actor.ip ?? null, details: { status: input.status, msgType: input.msgType } });
      if (input.incidentId) {
        await deps.db.transaction(async (tx) => {
          await appendTimeline(tx, { incidentId: input.incidentId!, at, actor: actor.username, action: 'warning_published', data: { warningId: id, identifier, status: input.status } });
        });
      }
      await deps.bus.publish('warning.published', { id, identifier, status: input.status, headline: input.headline, wardCodes: input.wardCodes ?? [] }, { wardCode: input.wardCodes?.length === 1 ? input.wardCodes[0] : null }).catch((err: unknown) => deps.log.error({ err }, 'warning event publish failed'));
      const [row] = await deps.db.query<WarningRow>('select * from public_warnings where id = $1', [id]);
      return { warning: view(row!), xml };
    },

    async list(limit = 100) {
      const rows = await deps.db.query<WarningRow>('select * from public_warnings order by created_at desc limit $1', [limit]);
      return rows.map(view);
    },

    async xml(id: string): Promise<string> {
      const [row] = await deps.db.query<WarningRow>('select xml from public_warnings where id = $1', [id]);
      if (!row) throw new AppError('NOT_FOUND');
      return row.xml;
    },
  };
}

export type WarningService = ReturnType<typeof createWarningService>;
