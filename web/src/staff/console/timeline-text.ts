import { INCIDENT_STATUS_LABELS, UNIT_STATUS_LABELS, type IncidentStatus, type UnitStatus } from '../../../../src/dispatch/model.ts';
import { wordsDuration } from './format.ts';
import type { LinkKind, TimelineEntryView } from './types.ts';

const st = (s: unknown) => INCIDENT_STATUS_LABELS[s as IncidentStatus] ?? String(s);

/** Short unit status words for the board and assignments (the board's group heading says "đang điều động"). */
export const UNIT_STATUS_SHORT: Record<UnitStatus, string> = {
  available: 'Sẵn sàng',
  dispatched: 'Đã điều động',
  en_route: 'Đang đến',
  on_scene: 'Tại hiện trường',
  returning: 'Quay về',
  off_duty: 'Ngoài ca',
};

export const LINK_LABELS: Record<LinkKind, string> = {
  alarm_event: 'Tín hiệu báo cháy/báo động',
  conversation: 'Hội thoại với trợ lý ảo',
  call: 'Cuộc gọi',
  report: 'Tin báo của người dân',
};

/** One timeline entry in plain Vietnamese (personal data in `created` is left to the detail fields). */
export function timelineText(e: TimelineEntryView): string {
  const d = e.data;
  switch (e.action) {
    case 'created':
      return `Tạo sự việc ${String(d.code ?? '')}`.trim();
    case 'shown':
      return 'Hiển thị lần đầu trên màn hình điều phối';
    case 'status_changed': {
      const base = `Chuyển trạng thái: ${st(d.from)} → ${st(d.to)}`;
      if (d.implicit === 'dispatch') return `${base} (khi điều động)`;
      if (d.reason === 'merged') return `${base} (đã gộp vào sự việc khác)`;
      if (typeof d.byUnit === 'string') return `${base} (theo báo cáo của ${d.byUnit})`;
      return typeof d.note === 'string' && d.note ? `${base}. Ghi chú: ${d.note}` : base;
    }
    case 'units_dispatched': {
      const units = (d.units as Array<{ callSign?: string; etaSeconds?: number | null }> | undefined) ?? [];
      return `Điều động ${units.map((u) => `${u.callSign ?? '?'}${u.etaSeconds ? ` (dự kiến ${wordsDuration(u.etaSeconds * 1000)})` : ''}`).join(', ')}`;
    }
    case 'unit_en_route':
      return `${String(d.callSign ?? 'Lực lượng')} đang đến hiện trường`;
    case 'unit_on_scene':
      return `${String(d.callSign ?? 'Lực lượng')} đã tới hiện trường`;
    case 'unit_cleared':
      return `${String(d.callSign ?? 'Lực lượng')} kết thúc nhiệm vụ${d.next ? ` (${UNIT_STATUS_LABELS[d.next as UnitStatus] ?? String(d.next)})` : ''}`;
    case 'updated':
      return `Cập nhật thông tin (${Object.keys((d.changes as object | undefined) ?? {}).length} trường)`;
    case 'merged_into':
      return `Đã gộp vào sự việc ${String(d.intoCode ?? '')}`;
    case 'merged_from':
      return `Gộp sự việc trùng ${String(d.fromCode ?? '')} vào sự việc này`;
    case 'linked':
      return `Liên kết nguồn tin: ${LINK_LABELS[d.kind as LinkKind] ?? String(d.kind)}`;
    case 'warning_published':
      return 'Phát cảnh báo công cộng (CAP)';
    default:
      return e.action;
  }
}

/** Actor names: system accounts in Vietnamese. */
export function actorText(actor: string): string {
  if (actor === 'demo') return 'Mô phỏng demo';
  if (actor === 'system') return 'Hệ thống';
  if (actor === 'system:assistant') return 'Trợ lý ảo';
  if (actor === 'system:alarms') return 'Hệ thống báo cháy';
  if (actor.startsWith('system:')) return `Hệ thống (${actor.slice(7)})`;
  return actor;
}
