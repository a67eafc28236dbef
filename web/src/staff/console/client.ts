import { OFFICER_FALLBACK, qs, requestWith } from '../../api.ts';
import type {
  Incident,
  IncidentDetail,
  IncidentStatus,
  IncidentType,
  PublicWarning,
  RecommendResult,
  Stats,
  Unit,
  UnitStatus,
  VerifyResultView,
} from './types.ts';

// Client for the dispatch endpoints of /api/v1: api.ts's staff `request` (same ApiError, session and CSRF
// handling) with the officers' fallback messages.

const request = requestWith({
  ...OFFICER_FALLBACK,
  404: 'Không tìm thấy nội dung yêu cầu (có thể đã được gộp hoặc không thuộc phạm vi của anh/chị).',
});

/** For the other staff panels of the workspace (hand-offs, reports): same errors, same CSRF handling. */
export const apiRequest = request;
export { qs };

const enc = encodeURIComponent;

export interface NewIncidentInput {
  type: IncidentType;
  priority?: number;
  wardCode?: string | null;
  lat?: number | null;
  lon?: number | null;
  addressText?: string | null;
  description?: string | null;
  source?: 'manual' | 'call';
  reporterName?: string | null;
  callbackPhone?: string | null;
}

export interface WarningInput {
  status: 'Actual' | 'Exercise' | 'Test';
  msgType: 'Alert';
  category: string[];
  event: string;
  responseType?: string[];
  urgency: string;
  severity: string;
  certainty: string;
  headline: string;
  description: string;
  instruction?: string;
  areaDesc: string;
  wardCodes?: string[];
  expiresInMinutes?: number;
  incidentId?: string;
}

export const dispatchApi = {
  incidents: (params: { status?: string; limit?: number } = {}, signal?: AbortSignal) =>
    request<{ incidents: Incident[] }>('GET', `/incidents${qs(params)}`, undefined, signal).then((r) => r.incidents),
  detail: (id: string, signal?: AbortSignal) => request<IncidentDetail>('GET', `/incidents/${enc(id)}`, undefined, signal),
  create: (input: NewIncidentInput) => request<{ incident: Incident }>('POST', '/incidents', input).then((r) => r.incident),
  acknowledge: (id: string) => request<{ incident: Incident }>('POST', `/incidents/${enc(id)}/acknowledge`).then((r) => r.incident),
  shown: (id: string) => request<{ incident: Incident; first: boolean }>('POST', `/incidents/${enc(id)}/shown`),
  transition: (id: string, status: IncidentStatus, note?: string) =>
    request<{ incident: Incident }>('POST', `/incidents/${enc(id)}/transition`, note ? { status, note } : { status }).then((r) => r.incident),
  dispatch: (id: string, unitIds: string[]) => request<{ incident: Incident; units: Unit[] }>('POST', `/incidents/${enc(id)}/dispatch`, { unitIds }),
  merge: (primaryId: string, duplicateId: string) => request<{ primary: Incident; duplicate: Incident }>('POST', `/incidents/${enc(primaryId)}/merge`, { duplicateId }),
  verify: (id: string, signal?: AbortSignal) => request<VerifyResultView>('GET', `/incidents/${enc(id)}/timeline/verify`, undefined, signal),
  eidoUrl: (id: string) => `/api/v1/incidents/${enc(id)}/eido`,

  units: (signal?: AbortSignal) => request<{ units: Unit[] }>('GET', '/units', undefined, signal).then((r) => r.units),
  recommend: (incidentId: string, signal?: AbortSignal) => request<RecommendResult>('GET', `/units/recommend${qs({ incidentId, limit: 3 })}`, undefined, signal),
  setUnitStatus: (id: string, status: Exclude<UnitStatus, 'dispatched'>) => request<{ unit: Unit }>('PATCH', `/units/${enc(id)}`, { status }).then((r) => r.unit),

  stats: (params: { from?: string; to?: string; ward?: string }, signal?: AbortSignal) => request<Stats>('GET', `/stats${qs(params)}`, undefined, signal),

  warnings: (signal?: AbortSignal) => request<{ warnings: PublicWarning[] }>('GET', '/warnings', undefined, signal).then((r) => r.warnings),
  createWarning: (input: WarningInput) => request<{ warning: PublicWarning }>('POST', '/warnings', input).then((r) => r.warning),
};
