import type { VersionState, VersionSummary } from './kb-api.ts';

// Vietnamese words of the knowledge-base admin screens, and small formatting helpers.

import { hanoiDate } from '../../../../src/kb/format.ts';
export { formatDateVi, formatVnd } from '../../../../src/kb/format.ts';
export { pathLabel } from '../../../../src/kb/field-labels.ts';
export { fold } from '../../wards/ward-text.ts';

/** Names of the entry groups (the part of the slug before the dot). Unknown groups are shown as they are. */
export const GROUP_LABELS: Record<string, string> = {
  antt: 'An ninh trật tự',
  'can-cuoc': 'Căn cước',
  'cu-tru': 'Cư trú',
  'dinh-danh': 'Định danh điện tử',
  'giao-thong': 'Giao thông',
  gplx: 'Giấy phép lái xe',
  'ho-tro': 'Hỗ trợ chung',
  'khieu-nai': 'Khiếu nại, tố cáo',
  lltp: 'Lý lịch tư pháp',
  pccc: 'Phòng cháy, chữa cháy',
  'to-giac': 'Tố giác tội phạm',
  'trinh-bao': 'Trình báo',
  xe: 'Đăng ký xe',
  xnc: 'Xuất nhập cảnh',
};

export const groupLabel = (g: string) => GROUP_LABELS[g] ?? g;

export const STATE_LABELS: Record<VersionState, string> = {
  draft: 'Bản nháp',
  review: 'Chờ duyệt',
  published: 'Đang áp dụng',
  archived: 'Đã thay thế',
  rejected: 'Bị từ chối',
};

export const SOURCE_LABELS = { file: 'Tệp kb/procedures', editor: 'Biên tập trên hệ thống' } as const;

export const LEVEL_LABELS = {
  xa: 'Công an cấp xã',
  tinh: 'Công an thành phố',
  'xa-hoac-csgt': 'Công an cấp xã hoặc CSGT',
  'xa-hoac-tinh': 'Công an cấp xã hoặc thành phố',
  'tu-phuc-vu': 'Người dân tự thực hiện',
} as const;

export const SOURCE_KIND_LABELS = {
  'van-ban-phap-luat': 'Văn bản pháp luật',
  'cong-thong-tin-chinh-thuc': 'Cổng thông tin chính thức',
  'bao-chi': 'Báo chí',
  'thu-cap': 'Nguồn thứ cấp',
} as const;

export { CHANNEL_LABELS, ONLINE_CHANNEL_LABELS } from '../../../../src/kb/present.ts';

export const UNANSWERED_STATUS_LABELS = { open: 'Chưa xử lý', covered: 'Đã xử lý', ignored: 'Bỏ qua' } as const;

const hanoi = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : new Date(d.getTime() + 7 * 3600_000);
};

/** "14:05, 3/8/2026" (Hanoi time, four-digit year) for an ISO timestamp; "—" when absent. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const h = hanoi(iso);
  if (!h) return iso;
  const hh = String(h.getUTCHours()).padStart(2, '0');
  const mm = String(h.getUTCMinutes()).padStart(2, '0');
  return `${hh}:${mm}, ${h.getUTCDate()}/${h.getUTCMonth() + 1}/${h.getUTCFullYear()}`;
}

/** "3/8/2026" (Hanoi day) for an ISO timestamp. */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '—';
  const h = hanoi(iso);
  return h ? `${h.getUTCDate()}/${h.getUTCMonth() + 1}/${h.getUTCFullYear()}` : iso;
}

/**
 * Plainer Vietnamese for the validation messages the API passes on from zod's `vi` locale and from the entry
 * schema's own checks ("Quá nhỏ: mong đợi string có >=2 ký tự" → "Quá ngắn: cần ít nhất 2 ký tự.").
 * Unknown messages are shown as they are.
 */
export function friendlyMessage(field: string, message: string): string {
  const last = field.split('.').pop() ?? '';
  const rules: Array<[RegExp, string | ((...m: string[]) => string)]> = [
    [/^Quá nhỏ: mong đợi string có >=\s?(\d+) ký tự$/, (_, n) => `Quá ngắn: cần ít nhất ${n} ký tự.`],
    [/^Quá lớn: mong đợi string có <=\s?(\d+) ký tự$/, (_, n) => `Quá dài: tối đa ${n} ký tự.`],
    [/^Quá nhỏ: mong đợi array có >=\s?(\d+) phần tử$/, (_, n) => `Cần ít nhất ${n} mục.`],
    [/^Quá nhỏ: mong đợi number >=\s?(\d+)$/, (_, n) => `Phải từ ${n} trở lên.`],
    [/^Đầu vào không hợp lệ: mong đợi .+, nhận được undefined$/, 'Chưa điền (bắt buộc).'],
    [/^Đầu vào không hợp lệ: mong đợi (số|int), nhận được .+$/, 'Phải là một số.'],
    [/^Tùy chọn không hợp lệ: .+$/, 'Giá trị không nằm trong danh sách cho phép.'],
    [/^URL không hợp lệ$/, 'Đường dẫn không hợp lệ (cần dạng https://…).'],
    [/^Khóa không được nhận dạng: (.+)$/, (_, k) => `Trường không được hỗ trợ: ${k}.`],
    [/^nguồn "(.+)" ở .+ không có trong sources$/, (_, k) => `Nguồn «${k}» không có trong danh sách nguồn (mục “Nguồn”).`],
    [/^fees\[\d+\]: cần amountVnd hoặc text$/, 'Cần số tiền, hoặc lời diễn giải khi chưa rõ số tiền.'],
    [/^fees\[\d+\]: from sau to$/, 'Ngày kết thúc phải sau ngày bắt đầu.'],
    [/^ngày dạng YYYY-MM-DD$/, 'Ngày chưa hợp lệ.'],
  ];
  if (last === 'form' && /^Chuỗi không hợp lệ: phải khớp với mẫu/.test(message)) return 'Mã mẫu chưa đúng dạng (VD: CT01, DC02, TK01a).';
  for (const [re, out] of rules) {
    const m = re.exec(message);
    if (m) return typeof out === 'string' ? out : out(...m);
  }
  return message;
}

/** Today in Hanoi as YYYY-MM-DD (the day the server's answer view uses). */
export const todayHanoi = (now = new Date()): string => hanoiDate(now);

/** Whole days from an ISO day to today (Hanoi). */
export function daysSince(isoDay: string, now = new Date()): number {
  const a = Date.parse(`${isoDay}T00:00:00Z`);
  const b = Date.parse(`${todayHanoi(now)}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/** True for a file version waiting because an editor's version is live (see "conflict rule" in src/kb/README.md). */
export const isFileConflict = (v: VersionSummary) => v.source === 'file' && v.conflictWithVersionId !== null && (v.state === 'review' || v.state === 'draft');

/** Where the admin screens live: `/admin?kb=...` (the `#kb` section of the admin page). */
export const kbHref = {
  list: () => '/admin?kb=list',
  entry: (slug: string, date?: string) => `/admin?kb=entry&slug=${encodeURIComponent(slug)}${date ? `&date=${date}` : ''}`,
  history: (slug: string) => `/admin?kb=history&slug=${encodeURIComponent(slug)}`,
  edit: (id: number) => `/admin?kb=edit&v=${id}`,
  queue: () => '/admin?kb=review',
  review: (id: number) => `/admin?kb=review&v=${id}`,
  feedback: () => '/admin?kb=feedback',
  files: () => '/admin?kb=files',
};
