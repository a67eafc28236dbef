import type { IncidentRow, LinkRow } from './incident.repository.ts';
import {
  DEMO_LABEL,
  INCIDENT_SOURCE_LABELS,
  INCIDENT_STATUS_LABELS,
  INCIDENT_TYPE_LABELS,
  PRIORITY_LABELS,
  UNIT_KIND_LABELS,
  UNIT_STATUS_LABELS,
} from './model.ts';
import { timeStandards, type IncidentTimes } from './standards.ts';
import type { TimelineEntry } from './timeline.ts';
import type { AssignmentRow, UnitRow } from './unit.repository.ts';

/** JSON shapes returned by the API and sent on the live channel. Dates are ISO strings. */

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export const incidentTimes = (r: IncidentRow): IncidentTimes => ({
  type: r.type,
  status: r.status,
  mergedInto: r.merged_into,
  receivedAt: new Date(r.received_at),
  shownAt: r.shown_at ? new Date(r.shown_at) : null,
  acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at) : null,
  dispatchedAt: r.dispatched_at ? new Date(r.dispatched_at) : null,
  firstEnrouteAt: r.first_enroute_at ? new Date(r.first_enroute_at) : null,
  firstOnSceneAt: r.first_on_scene_at ? new Date(r.first_on_scene_at) : null,
});

/**
 * What crosses the event bus and the live channel: no reporter name, phone number, address text or
 * description (personal data stays behind the scoped HTTP API; the console fetches the detail).
 */
export function incidentSummary(r: IncidentRow, now: Date) {
  const std = timeStandards(incidentTimes(r), now);
  return {
    id: r.id,
    code: r.code,
    type: r.type,
    typeLabel: INCIDENT_TYPE_LABELS[r.type],
    priority: r.priority,
    priorityLabel: PRIORITY_LABELS[r.priority] ?? String(r.priority),
    status: r.status,
    statusLabel: INCIDENT_STATUS_LABELS[r.status],
    source: r.source,
    sourceLabel: INCIDENT_SOURCE_LABELS[r.source],
    wardCode: r.ward_code,
    lat: r.lat,
    lon: r.lon,
    createdAt: iso(r.created_at)!,
    receivedAt: iso(r.received_at)!,
    updatedAt: iso(r.updated_at)!,
    mergedInto: r.merged_into,
    overdue: std.anyOverdue,
    isDemo: r.is_demo,
    ...(r.is_demo ? { demoLabel: DEMO_LABEL } : {}),
  };
}
export type IncidentSummary = ReturnType<typeof incidentSummary>;

/** The full incident for staff allowed to see it (list and detail). */
export function incidentView(r: IncidentRow, now: Date) {
  return {
    ...incidentSummary(r, now),
    addressText: r.address_text,
    reporterName: r.reporter_name,
    callbackPhone: r.callback_phone,
    description: r.description,
    createdBy: r.created_by,
    times: {
      receivedAt: iso(r.received_at),
      shownAt: iso(r.shown_at),
      shownBy: r.shown_by,
      acknowledgedAt: iso(r.acknowledged_at),
      acknowledgedBy: r.acknowledged_by,
      dispatchedAt: iso(r.dispatched_at),
      dispatchedBy: r.dispatched_by,
      firstEnrouteAt: iso(r.first_enroute_at),
      firstOnSceneAt: iso(r.first_on_scene_at),
      resolvedAt: iso(r.resolved_at),
      resolvedBy: r.resolved_by,
      closedAt: iso(r.closed_at),
      closedBy: r.closed_by,
    },
  };
}
export type IncidentView = ReturnType<typeof incidentView>;

export function standardsView(r: IncidentRow, now: Date) {
  const s = timeStandards(incidentTimes(r), now);
  return {
    anyOverdue: s.anyOverdue,
    measures: s.measures.map((m) => ({ ...m, startAt: iso(m.startAt), endAt: iso(m.endAt) })),
  };
}

export const timelineView = (e: TimelineEntry) => ({
  seq: e.seq,
  at: e.at.toISOString(),
  actor: e.actor,
  action: e.action,
  data: e.data,
  prevHash: e.prevHash,
  hash: e.hash,
});

export const linkView = (l: LinkRow) => ({ kind: l.kind, refId: l.ref_id, viaIncidentId: l.via_incident_id, createdAt: iso(l.created_at) });

export function unitView(u: UnitRow) {
  return {
    id: u.id,
    callSign: u.call_sign,
    name: u.name,
    kind: u.kind,
    kindLabel: UNIT_KIND_LABELS[u.kind],
    agency: u.agency,
    wardCode: u.ward_code,
    home: { name: u.home_name, lat: u.home_lat, lon: u.home_lon },
    status: u.status,
    statusLabel: UNIT_STATUS_LABELS[u.status],
    statusSince: iso(u.status_since),
    lat: u.lat,
    lon: u.lon,
    positionAt: iso(u.position_at),
    currentIncidentId: u.current_incident_id,
    isDemo: u.is_demo,
    ...(u.is_demo ? { demoLabel: DEMO_LABEL } : {}),
  };
}
export type UnitView = ReturnType<typeof unitView>;

export const assignmentView = (a: AssignmentRow & { call_sign: string; name: string; kind: UnitRow['kind']; unit_status: UnitRow['status']; is_demo: boolean }) => ({
  unitId: a.unit_id,
  callSign: a.call_sign,
  name: a.name,
  kind: a.kind,
  unitStatus: a.unit_status,
  unitStatusLabel: UNIT_STATUS_LABELS[a.unit_status],
  dispatchedAt: iso(a.dispatched_at),
  dispatchedBy: a.dispatched_by,
  enrouteAt: iso(a.enroute_at),
  onSceneAt: iso(a.on_scene_at),
  clearedAt: iso(a.cleared_at),
  etaSeconds: a.eta_seconds,
  distanceM: a.distance_m === null ? null : Math.round(a.distance_m),
  isDemo: a.is_demo,
});
