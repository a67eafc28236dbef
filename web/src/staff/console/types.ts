// JSON shapes of the dispatch API (src/dispatch/views.ts, dispatch.routes.ts) as the console reads them.
// The vocabulary (statuses, transitions, labels) is imported from the server's pure model module so that
// the console and the server can never disagree on the lifecycle.
import type { IncidentSource, IncidentStatus, IncidentType, LinkKind, UnitKind, UnitStatus } from '../../../../src/dispatch/model.ts';
import type { StandardKey, StandardState } from '../../../../src/dispatch/standards.ts';
import type { MergeCandidate } from '../../../../src/dispatch/merge.ts';

export type { IncidentSource, IncidentStatus, IncidentType, LinkKind, UnitKind, UnitStatus, StandardKey, StandardState };

export interface IncidentTimesView {
  receivedAt: string | null;
  shownAt: string | null;
  shownBy: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  dispatchedAt: string | null;
  dispatchedBy: string | null;
  firstEnrouteAt: string | null;
  firstOnSceneAt: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
}

/** What the live channel carries: no reporter, phone, address text or description. */
export interface IncidentSummary {
  id: string;
  code: string;
  type: IncidentType;
  typeLabel: string;
  priority: number;
  priorityLabel: string;
  status: IncidentStatus;
  statusLabel: string;
  source: IncidentSource;
  sourceLabel: string;
  wardCode: string | null;
  lat: number | null;
  lon: number | null;
  createdAt: string;
  receivedAt: string;
  updatedAt: string;
  mergedInto: string | null;
  overdue: boolean;
  isDemo: boolean;
  demoLabel?: string;
}

/** The full incident (list and detail), for staff allowed to see it. */
export interface Incident extends IncidentSummary {
  addressText?: string | null;
  reporterName?: string | null;
  callbackPhone?: string | null;
  description?: string | null;
  createdBy?: string;
  times?: IncidentTimesView;
}

export interface StandardMeasureView {
  key: StandardKey;
  label: string;
  standard: string;
  limitMs: number;
  startAt: string | null;
  endAt: string | null;
  durationMs: number | null;
  state: StandardState;
  overdue: boolean;
}

export interface TimelineEntryView {
  seq: number;
  at: string;
  actor: string;
  action: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface LinkView {
  kind: LinkKind;
  refId: string;
  viaIncidentId: string | null;
  createdAt: string | null;
}

export interface AssignmentView {
  unitId: string;
  callSign: string;
  name: string;
  kind: UnitKind;
  unitStatus: UnitStatus;
  unitStatusLabel: string;
  dispatchedAt: string | null;
  dispatchedBy: string;
  enrouteAt: string | null;
  onSceneAt: string | null;
  clearedAt: string | null;
  etaSeconds: number | null;
  distanceM: number | null;
  isDemo: boolean;
}

export interface MergeCandidateView extends MergeCandidate {
  incident: IncidentSummary;
}

export interface IncidentDetail {
  incident: Incident;
  standards: { anyOverdue: boolean; measures: StandardMeasureView[] };
  timeline: TimelineEntryView[];
  transitions: Array<{ from: IncidentStatus; to: IncidentStatus; at: string; by: string }>;
  links: LinkView[];
  units: AssignmentView[];
  mergeCandidates: MergeCandidateView[];
}

export interface VerifyResultView {
  incidentId: string;
  code: string;
  ok: boolean;
  entries: number;
  headHash: string | null;
  broken?: { seq: number; reason: string; expected?: string; found?: string };
}

export interface Unit {
  id: string;
  callSign: string;
  name: string;
  kind: UnitKind;
  kindLabel: string;
  agency: string;
  wardCode: string | null;
  home: { name: string; lat: number; lon: number };
  status: UnitStatus;
  statusLabel: string;
  statusSince: string | null;
  lat: number;
  lon: number;
  positionAt: string | null;
  currentIncidentId: string | null;
  isDemo: boolean;
  demoLabel?: string;
}

export interface Recommendation {
  unit: Unit;
  kindRank: number;
  distanceM: number;
  roadDistanceM: number;
  etaSeconds: number;
}

export interface RecommendResult {
  incidentId: string;
  kinds: UnitKind[];
  model: { routeFactor: number; speedKmh: Record<string, number>; note: string };
  recommendations: Recommendation[];
}

export interface StandardStat {
  key: StandardKey;
  label: string;
  standard: string;
  measured: number;
  medianMs: number | null;
  p90Ms: number | null;
  withinShare: number | null;
}

export interface Stats {
  from: string;
  to: string;
  wardCode: string | null;
  total: number;
  /** `previous`: the count of that type in the window of the same length just before. */
  byType: Array<{ type: IncidentType; label: string; count: number; previous: number }>;
  previous: { from: string; to: string; total: number; byType: Array<{ type: IncidentType; label: string; count: number }> };
  byTypeDay: Array<{ day: string; type: IncidentType; count: number }>;
  byWard: Array<{ wardCode: string | null; count: number }>;
  bySource: Array<{ source: IncidentSource; count: number }>;
  byStatus: Array<{ status: IncidentStatus; count: number }>;
  byDay: Array<{ day: string; count: number }>;
  standards: StandardStat[];
  responseTotal: { label: string; measured: number; medianMs: number | null; p90Ms: number | null };
  demoIncluded: boolean;
}

export interface PublicWarning {
  id: string;
  identifier: string;
  incidentId: string | null;
  wardCodes: string[];
  status: string;
  headline: string;
  createdBy: string;
  createdAt: string;
  xmlUrl: string;
}

/** A live-channel event (src/dispatch/live.ts). */
export interface LiveEvent {
  id: string;
  type: string;
  at: string;
  wardCode: string | null;
  payload: Record<string, unknown>;
}
