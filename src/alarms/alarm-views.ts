import { TROUBLE_KIND_LABELS, zoneDescription } from './alarm-classify.ts';
import type { ActivationRow, TroubleRow } from './alarm-monitor.repository.ts';
import type { Contact } from './alarm-premise.repository.ts';
import { CATEGORY_VI, type AlarmCategory } from './dc09/data/categories.ts';
import { describe } from './dc09/events.ts';
import type { EventRow } from './alarm-event.repository.ts';

/** JSON shapes of the alarm monitoring API. Dates are ISO strings. */

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export const FALSE_ALARM_REASONS = ['test', 'device_fault', 'dust_steam', 'user_error', 'other'] as const;
export type FalseAlarmReason = (typeof FALSE_ALARM_REASONS)[number];

export const FALSE_ALARM_REASON_LABELS: Record<FalseAlarmReason, string> = {
  test: 'Thử nghiệm',
  device_fault: 'Lỗi thiết bị',
  dust_steam: 'Bụi/hơi nước',
  user_error: 'Thao tác nhầm',
  other: 'Khác',
};

export const UNREGISTERED_LABEL = 'Tài khoản chưa đăng ký';

/** One stored event: the contract's fields (`sequence`, `code`, `zone`, `receivedAt`, `incidentId?`) and more. */
export function eventView(r: EventRow) {
  return {
    id: r.id,
    account: r.account,
    sequence: r.sequence,
    code: r.code,
    zone: r.zone,
    receivedAt: iso(r.receivedAt)!,
    ...(r.incidentId ? { incidentId: r.incidentId } : {}),
    zoneDescription: zoneDescription(r.zones, r.zone),
    qualifier: r.qualifier,
    category: r.category,
    categoryLabel: CATEGORY_VI[r.category as AlarmCategory] ?? r.category,
    description: r.description,
    descriptionVi: describe(r.code).descriptionVi,
    cidCode: r.cidCode,
    area: r.area,
    receiver: r.receiver,
    line: r.line,
    token: r.token,
    encrypted: r.encrypted,
    transport: r.transport,
    eventTime: iso(r.eventTime),
    acknowledgedAt: iso(r.acknowledgedAt),
    acknowledgedBy: r.acknowledgedBy,
    knownAccount: r.knownAccount,
    ...(r.knownAccount ? {} : { accountLabel: UNREGISTERED_LABEL }),
    wardCode: r.wardCode,
  };
}
export type EventView = ReturnType<typeof eventView>;

/** The premise columns joined to an alarm or trouble (`PREMISE_SUMMARY_COLUMNS`): where, who to call, what the zones are. */
export interface PremiseSummaryCols {
  premiseName: string;
  premiseAddress: string;
  premiseZones: Record<string, string>;
  wardCode: string | null;
  lat: number | null;
  lon: number | null;
  contacts: Contact[];
  falseAlarms: number;
  confirmedFires: number;
  isDemo: boolean;
}

export const PREMISE_SUMMARY_COLUMNS = `a.name as "premiseName", a.address as "premiseAddress", a.ward_code as "wardCode", a.lat, a.lon, a.contacts,
  a.zones as "premiseZones", a.false_alarms as "falseAlarms", a.confirmed_fires as "confirmedFires", a.is_demo as "isDemo"`;

export function premiseSummary(r: PremiseSummaryCols & { account: string }) {
  return {
    account: r.account,
    name: r.premiseName,
    address: r.premiseAddress,
    wardCode: r.wardCode,
    wardUnresolved: r.wardCode === null,
    lat: r.lat,
    lon: r.lon,
    contacts: r.contacts,
    zones: r.premiseZones,
    falseAlarms: r.falseAlarms,
    confirmedFires: r.confirmedFires,
    isDemo: r.isDemo,
  };
}

export function activationView(a: ActivationRow, zones: Record<string, string> | null) {
  return {
    id: a.id,
    account: a.account,
    incidentId: a.incidentId,
    firstEventId: a.firstEventId,
    lastEventId: a.lastEventId,
    zones: a.zones.map((z) => ({ zone: z, description: zoneDescription(zones, z) })),
    eventCount: a.eventCount,
    openedAt: iso(a.openedAt)!,
    lastEventAt: iso(a.lastEventAt)!,
    restoredAt: iso(a.restoredAt),
    acknowledgedAt: iso(a.acknowledgedAt),
    acknowledgedBy: a.acknowledgedBy,
    outcome: a.outcome,
    falseAlarmReason: a.falseAlarmReason,
    falseAlarmReasonLabel: a.falseAlarmReason ? (FALSE_ALARM_REASON_LABELS[a.falseAlarmReason as FalseAlarmReason] ?? a.falseAlarmReason) : null,
    verificationNote: a.verificationNote,
    verifiedAt: iso(a.verifiedAt),
    verifiedBy: a.verifiedBy,
    closedAt: iso(a.closedAt),
    closeReason: a.closeReason,
    state: a.closedAt ? 'closed' : a.outcome === 'confirmed' ? 'confirmed' : a.restoredAt ? 'restored' : a.acknowledgedAt ? 'acknowledged' : 'new',
  };
}

export function troubleView(t: TroubleRow, zones: Record<string, string> | null) {
  return {
    id: t.id,
    account: t.account,
    kind: t.kind,
    kindLabel: TROUBLE_KIND_LABELS[t.kind],
    code: t.code,
    codeDescriptionVi: t.code ? describe(t.code).descriptionVi : null,
    codeDescription: t.code ? describe(t.code).description : null,
    zone: t.zone,
    zoneDescription: zoneDescription(zones, t.zone),
    openedAt: iso(t.openedAt)!,
    lastEventAt: iso(t.lastEventAt)!,
    eventCount: t.eventCount,
    openedEventId: t.openedEventId,
    clearedAt: iso(t.clearedAt),
    clearedReason: t.clearedReason,
    acknowledgedAt: iso(t.acknowledgedAt),
    acknowledgedBy: t.acknowledgedBy,
  };
}
