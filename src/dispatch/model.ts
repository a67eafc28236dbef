/**
 * The dispatch vocabulary: incident types, sources, the status lifecycle and its allowed transitions,
 * unit kinds and statuses, with the Vietnamese labels officers read. Identifiers are English; labels are
 * what the console shows.
 */

export const INCIDENT_TYPES = ['fire', 'rescue', 'crime', 'public_order', 'traffic_accident', 'medical', 'other'] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const INCIDENT_TYPE_LABELS: Record<IncidentType, string> = {
  fire: 'Cháy',
  rescue: 'Cứu nạn, cứu hộ',
  crime: 'Tội phạm',
  public_order: 'Trật tự công cộng',
  traffic_accident: 'Tai nạn giao thông',
  medical: 'Y tế',
  other: 'Khác',
};

/**
 * Families used for duplicate detection: reports of one event often arrive under neighbouring types
 * (a fire alarm and a caller asking for a rescue at the same building).
 */
export const TYPE_FAMILY: Record<IncidentType, string> = {
  fire: 'fire_rescue',
  rescue: 'fire_rescue',
  crime: 'security',
  public_order: 'security',
  traffic_accident: 'injury',
  medical: 'injury',
  other: 'other',
};

export const INCIDENT_SOURCES = ['chat', 'call', 'alarm', 'manual', 'ward_report'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

export const INCIDENT_SOURCE_LABELS: Record<IncidentSource, string> = {
  chat: 'Tin nhắn (trợ lý ảo)',
  call: 'Cuộc gọi',
  alarm: 'Tín hiệu báo cháy/báo động',
  manual: 'Điều phối viên nhập',
  ward_report: 'Công an xã/phường báo cáo',
};

export const INCIDENT_STATUSES = ['new', 'acknowledged', 'dispatched', 'en_route', 'on_scene', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = {
  new: 'Mới',
  acknowledged: 'Đã tiếp nhận',
  dispatched: 'Đã điều động',
  en_route: 'Đang đến',
  on_scene: 'Tại hiện trường',
  resolved: 'Đã xử lý',
  closed: 'Đóng',
};

/**
 * Allowed status changes. The main line runs mới → đã tiếp nhận → đã điều động → đang đến → tại hiện trường
 * → đã xử lý → đóng. Side paths: a report handled without sending anyone (advice by phone) goes from
 * đã tiếp nhận to đã xử lý; a false alarm or duplicate is closed early; units recalled before arrival put the
 * incident back to đã tiếp nhận; a resolved incident may be reopened. `closed` is final.
 */
export const TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  new: ['acknowledged', 'closed'],
  acknowledged: ['dispatched', 'resolved', 'closed'],
  dispatched: ['en_route', 'on_scene', 'acknowledged', 'resolved'],
  en_route: ['on_scene', 'acknowledged', 'resolved'],
  on_scene: ['resolved'],
  resolved: ['closed', 'acknowledged'],
  closed: [],
};

export const canTransition = (from: IncidentStatus, to: IncidentStatus) => TRANSITIONS[from].includes(to);

export const LINK_KINDS = ['alarm_event', 'conversation', 'call', 'report'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const UNIT_KINDS = ['fire_rescue', 'police_patrol', 'medical_liaison'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  fire_rescue: 'Chữa cháy và cứu nạn, cứu hộ',
  police_patrol: 'Tuần tra công an xã/phường',
  medical_liaison: 'Liên lạc y tế (phối hợp 115)',
};

/** `en_route` is the moving part of "đang điều động"; the console shows both under that heading. */
export const UNIT_STATUSES = ['available', 'dispatched', 'en_route', 'on_scene', 'returning', 'off_duty'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

export const UNIT_STATUS_LABELS: Record<UnitStatus, string> = {
  available: 'Sẵn sàng',
  dispatched: 'Đang điều động',
  en_route: 'Đang điều động – đang đến',
  on_scene: 'Tại hiện trường',
  returning: 'Quay về',
  off_duty: 'Ngoài ca',
};

/** Unit kinds that answer each incident type, best first. */
export const KINDS_FOR_TYPE: Record<IncidentType, readonly UnitKind[]> = {
  fire: ['fire_rescue'],
  rescue: ['fire_rescue', 'police_patrol'],
  crime: ['police_patrol'],
  public_order: ['police_patrol'],
  traffic_accident: ['police_patrol', 'medical_liaison', 'fire_rescue'],
  medical: ['medical_liaison', 'police_patrol'],
  other: ['police_patrol'],
};

export const PRIORITY_LABELS: Record<number, string> = {
  1: 'Khẩn cấp',
  2: 'Cao',
  3: 'Bình thường',
  4: 'Thấp',
};

/** Default priority per type when the caller gives none. */
export const DEFAULT_PRIORITY: Record<IncidentType, number> = {
  fire: 1,
  rescue: 1,
  crime: 2,
  medical: 2,
  traffic_accident: 2,
  public_order: 3,
  other: 4,
};

export const DEMO_LABEL = 'DỮ LIỆU DEMO';
