import { OFFICER_FALLBACK, qs, requestWith } from '../../api.ts';

// Client for the alarm monitoring endpoints of /api/v1 (src/alarms/alarms.routes.ts): api.ts's staff `request`
// (ApiError with the server's Vietnamese message, session and CSRF handling) with the officers' fallback messages.

export interface Contact {
  name: string;
  phone: string;
  role: string | null;
}

export interface AlarmAccount {
  account: string;
  receiver: string | null;
  line: string | null;
  hasKey: boolean;
  keyFormat: 'hex' | 'ascii' | null;
  enabled: boolean;
  isDemo: boolean;
  premise: {
    name: string;
    address: string;
    wardCode: string | null;
    wardName: string | null;
    wardSource: 'code' | 'point' | 'address' | null;
    wardUnresolved: boolean;
    wardNote?: string;
    lat: number | null;
    lon: number | null;
    contacts: Contact[];
    zones: Record<string, string>;
  };
  heartbeatIntervalS: number | null;
  lastSeenAt: string | null;
  falseAlarms: number;
  confirmedFires: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  updatedBy: string | null;
}

export interface PremiseSummary {
  account: string;
  name: string;
  address: string;
  wardCode: string | null;
  wardUnresolved: boolean;
  lat: number | null;
  lon: number | null;
  contacts: Contact[];
  zones: Record<string, string>;
  falseAlarms: number;
  confirmedFires: number;
  isDemo: boolean;
}

export interface ActiveAlarm {
  id: string;
  account: string;
  incidentId: string | null;
  firstEventId: string;
  lastEventId: string;
  zones: Array<{ zone: string; description: string | null }>;
  eventCount: number;
  openedAt: string;
  lastEventAt: string;
  restoredAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  outcome: 'confirmed' | 'false_alarm' | null;
  falseAlarmReason: string | null;
  falseAlarmReasonLabel: string | null;
  verifiedAt: string | null;
  verifiedBy: string | null;
  state: 'new' | 'acknowledged' | 'restored' | 'confirmed' | 'closed';
  premise: PremiseSummary;
  incident: { id: string; code: string; status: string; statusLabel: string; wardCode: string | null; isDemo: boolean } | null;
}

export interface Trouble {
  id: string;
  account: string;
  kind: string;
  kindLabel: string;
  code: string | null;
  codeDescriptionVi: string | null;
  codeDescription: string | null;
  zone: string | null;
  zoneDescription: string | null;
  openedAt: string;
  lastEventAt: string;
  eventCount: number;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  premise: PremiseSummary;
}

export interface Unregistered {
  account: string;
  label: string;
  events: number;
  lastAt: string;
  lastCode: string;
  fire: boolean;
}

export interface ActiveList {
  alarms: ActiveAlarm[];
  troubles: Trouble[];
  unregistered: Unregistered[];
}

export interface AccountStats {
  account: string;
  falseAlarms: { total: number; last30Days: number; byReason: Record<string, number> };
  confirmedFires: number;
  fireAlarms: { total: number; last30Days: number; lastAt: string | null };
  troubles: { open: number; total: number };
  lastSeenAt: string | null;
}

export const FALSE_ALARM_REASONS: Array<{ id: string; label: string }> = [
  { id: 'test', label: 'Thử nghiệm' },
  { id: 'device_fault', label: 'Lỗi thiết bị' },
  { id: 'dust_steam', label: 'Bụi/hơi nước' },
  { id: 'user_error', label: 'Thao tác nhầm' },
  { id: 'other', label: 'Khác' },
];

export interface PremiseInput {
  name?: string;
  address?: string;
  wardCode?: string | null;
  lat?: number | null;
  lon?: number | null;
  contacts?: Contact[];
  zones?: Record<string, string>;
}

export interface AccountInput {
  account?: string;
  receiver?: string | null;
  line?: string | null;
  key?: string | null;
  keyFormat?: 'hex' | 'ascii';
  enabled?: boolean;
  heartbeatIntervalS?: number | null;
  premise?: PremiseInput;
}

const request = requestWith({ ...OFFICER_FALLBACK, 404: 'Không tìm thấy nội dung yêu cầu (có thể không thuộc phạm vi của anh/chị).' });
const enc = encodeURIComponent;

export const alarmApi = {
  accounts: (params: { q?: string; ward?: string; unresolved?: boolean } = {}, signal?: AbortSignal) =>
    request<{ accounts: AlarmAccount[] }>('GET', `/alarm-accounts${qs(params)}`, undefined, signal).then((r) => r.accounts),
  createAccount: (input: AccountInput & { account: string; premise: PremiseInput & { name: string; address: string } }) =>
    request<{ account: AlarmAccount }>('POST', '/alarm-accounts', input).then((r) => r.account),
  updateAccount: (account: string, patch: AccountInput) => request<{ account: AlarmAccount }>('PATCH', `/alarm-accounts/${enc(account)}`, patch).then((r) => r.account),
  stats: (account: string, signal?: AbortSignal) => request<{ stats: AccountStats }>('GET', `/alarm-accounts/${enc(account)}/stats`, undefined, signal).then((r) => r.stats),
  active: (signal?: AbortSignal) => request<ActiveList>('GET', '/alarms/active', undefined, signal),
  acknowledgeEvent: (id: string) => request<unknown>('POST', `/alarm-events/${enc(id)}/acknowledge`),
  acknowledgeTrouble: (id: string) => request<unknown>('POST', `/alarm-troubles/${enc(id)}/acknowledge`),
  verify: (account: string, body: { outcome: 'confirmed' | 'false_alarm'; reason?: string; note?: string }) =>
    request<{ activation: ActiveAlarm; incident: ActiveAlarm['incident'] }>('POST', `/alarms/${enc(account)}/verify`, body),
};
