/**
 * Vietnamese names of entry fields, for validation errors and diffs shown to knowledge editors:
 * `fees.2.amountVnd` → "Lệ phí › mục 3 › Số tiền".
 */

const TOP: Record<string, string> = {
  slug: 'Mã định danh (slug)',
  group: 'Nhóm',
  title: 'Tên ngắn',
  officialName: 'Tên chính thức',
  procedureCode: 'Mã thủ tục',
  level: 'Cấp thực hiện',
  summary: 'Tóm tắt',
  audience: 'Đối tượng',
  papers: 'Giấy tờ',
  steps: 'Các bước',
  fees: 'Lệ phí',
  processingTime: 'Thời hạn giải quyết',
  where: 'Nơi thực hiện',
  online: 'Dịch vụ trực tuyến',
  legalBasis: 'Căn cứ pháp lý',
  notes: 'Lưu ý',
  sources: 'Nguồn',
  lastChecked: 'Ngày kiểm tra',
  questions: 'Câu hỏi mẫu',
  related: 'Thủ tục liên quan',
};

const INNER: Record<string, string> = {
  text: 'Nội dung',
  sources: 'Nguồn trích dẫn',
  verified: 'Đã xác minh',
  form: 'Mẫu',
  note: 'Ghi chú',
  when: 'Áp dụng khi',
  label: 'Tên dòng',
  amountVnd: 'Số tiền',
  channel: 'Hình thức nộp',
  from: 'Từ ngày',
  to: 'Đến ngày',
  condition: 'Điều kiện',
  available: 'Có nộp trực tuyến',
  channels: 'Kênh',
  url: 'Đường dẫn',
  howTo: 'Cách làm',
  title: 'Tiêu đề',
  date: 'Ngày',
  kind: 'Loại nguồn',
};

/** Path segments as found in zod issues or diffs. */
export type FieldPath = ReadonlyArray<string | number | symbol>;

/** "fees.2.amountVnd" (machine-readable, stable). */
export function pathKey(path: FieldPath): string {
  return path.map(String).join('.');
}

/** "Lệ phí › mục 3 › Số tiền" (for people). Record keys (source names) are shown as they are. */
export function pathLabel(path: FieldPath): string {
  if (path.length === 0) return 'Toàn bộ mục';
  const parts: string[] = [];
  path.forEach((seg, i) => {
    if (typeof seg === 'number') parts.push(`mục ${seg + 1}`);
    else if (i === 0) parts.push(TOP[String(seg)] ?? String(seg));
    else if (path[0] === 'sources' && i === 1) parts.push(`«${String(seg)}»`);
    else parts.push(INNER[String(seg)] ?? String(seg));
  });
  return parts.join(' › ');
}

/** Top-level fields in the order of the schema (for diffs and forms). */
export const ENTRY_FIELD_ORDER: readonly string[] = Object.keys(TOP);
