import { INCIDENT_STATUSES } from '../../../../src/dispatch/model.ts';
import { fold } from '../../wards/ward-text.ts';
import type { Incident, IncidentSource, IncidentStatus, IncidentType } from './types.ts';

export type StatusGroup = 'open' | 'waiting' | 'active' | 'resolved';

export const STATUS_GROUPS: Record<StatusGroup, { label: string; title: string; statuses: readonly IncidentStatus[] }> = {
  open: { label: 'Chưa đóng', title: 'Mọi sự việc chưa đóng', statuses: INCIDENT_STATUSES.filter((s) => s !== 'closed') },
  waiting: { label: 'Chờ xử lý', title: 'Mới, đã tiếp nhận nhưng chưa điều động', statuses: ['new', 'acknowledged'] },
  active: { label: 'Đang xử lý', title: 'Đã điều động, đang đến, tại hiện trường', statuses: ['dispatched', 'en_route', 'on_scene'] },
  resolved: { label: 'Đã xử lý', title: 'Đã xử lý, chờ đóng', statuses: ['resolved'] },
};

export interface QueueFilter {
  q: string;
  group: StatusGroup;
  type: IncidentType | '';
  priority: string;
  source: IncidentSource | '';
  ward: string;
  overdueOnly: boolean;
}

export const EMPTY_FILTER: QueueFilter = { q: '', group: 'open', type: '', priority: '', source: '', ward: '', overdueOnly: false };

export const filterActive = (f: QueueFilter) =>
  Boolean(f.q.trim() || f.group !== 'open' || f.type || f.priority || f.source || f.ward || f.overdueOnly);

/** Queue order: still to be handled before resolved; then priority; then oldest first. */
export function compareQueue(a: Incident, b: Incident): number {
  const ra = a.status === 'resolved' ? 1 : 0;
  const rb = b.status === 'resolved' ? 1 : 0;
  return ra - rb || a.priority - b.priority || a.receivedAt.localeCompare(b.receivedAt) || a.code.localeCompare(b.code);
}

/** `overdue`: ids of the incidents overdue now (computed once per tick by the workspace). */
export function applyFilter(list: Incident[], f: QueueFilter, wardNames: Record<string, string>, overdue: ReadonlySet<string>): Incident[] {
  const words = fold(f.q).split(/\s+/).filter(Boolean);
  const statuses = STATUS_GROUPS[f.group].statuses;
  return list
    .filter((i) => {
      if (!statuses.includes(i.status)) return false;
      if (f.type && i.type !== f.type) return false;
      if (f.priority && String(i.priority) !== f.priority) return false;
      if (f.source && i.source !== f.source) return false;
      if (f.ward && i.wardCode !== f.ward) return false;
      if (f.overdueOnly && !overdue.has(i.id)) return false;
      if (words.length) {
        const hay = fold(
          [i.code, i.typeLabel, i.statusLabel, i.sourceLabel, i.wardCode ?? '', i.wardCode ? (wardNames[i.wardCode] ?? '') : '', i.addressText ?? '', i.description ?? ''].join(' '),
        );
        if (!words.every((w) => hay.includes(w))) return false;
      }
      return true;
    })
    .sort(compareQueue);
}
