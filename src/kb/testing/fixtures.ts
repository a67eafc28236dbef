import { stringify } from 'yaml';
import type { KbEntry } from '../entry.schema.ts';
import { entrySchema } from '../entry.schema.ts';

/**
 * Test fixtures: small valid entries (not real procedures — amounts here are made up for date-window tests
 * and never shown to anyone).
 */

const QUESTIONS = Array.from({ length: 26 }, (_, i) => `câu hỏi thử số ${i + 1} về thủ tục này`);

export function makeEntry(slug = 'thu.nghiem', overrides: Partial<Record<keyof KbEntry, unknown>> = {}): KbEntry {
  const raw = {
    slug,
    group: slug.split('.')[0],
    title: 'Thủ tục thử nghiệm',
    officialName: 'Thủ tục thử nghiệm (mã 0.000000)',
    level: 'xa',
    summary: 'Dạ, đây là một thủ tục dùng để kiểm thử phần trình bày câu trả lời.',
    audience: [{ text: 'Công dân cần làm thủ tục thử', sources: ['A'] }],
    papers: [
      { text: 'Tờ khai thử nghiệm', form: 'CT01', sources: ['A'] },
      { text: 'Giấy tờ chưa chắc chắn', sources: ['A', 'B'], verified: false },
    ],
    steps: ['Nộp hồ sơ tại công an xã/phường.'],
    fees: [{ label: 'Nộp hồ sơ trực tiếp', amountVnd: 20000, channel: 'truc-tiep', sources: ['A'] }],
    processingTime: { text: 'Tối đa 05 ngày làm việc', sources: ['A'] },
    where: { text: 'Công an xã/phường nơi cư trú', sources: ['A'] },
    online: { available: true, channels: ['DVC', 'VNeID'], url: 'https://dichvucong.gov.vn', howTo: ['Đăng nhập và nộp hồ sơ.'], sources: ['A'] },
    legalBasis: [{ text: 'Văn bản thử nghiệm số 1/2026', sources: ['A'] }],
    notes: [],
    sources: {
      A: { title: 'Nguồn chính thức A', url: 'https://example.gov.vn/a', date: '2026-07-01', kind: 'van-ban-phap-luat' },
      B: { title: 'Nguồn thứ cấp B', date: '2026-09-24', kind: 'thu-cap' },
    },
    lastChecked: '2026-11-27',
    questions: QUESTIONS,
    related: [],
    ...overrides,
  };
  return entrySchema.parse(raw);
}

/** Fee lines shaped like the 2026 fee rules: standard fees, TT 117/2026 exemption, 50% online reductions. */
export const FEES_2026 = [
  { label: 'Nộp hồ sơ trực tiếp', amountVnd: 20000, channel: 'truc-tiep', sources: ['A'] },
  { label: 'Nộp trực tuyến (giảm 50%)', amountVnd: 5000, channel: 'truc-tuyen', to: '2026-12-31', sources: ['A'] },
  { label: 'Nộp trực tuyến', amountVnd: 10000, channel: 'truc-tuyen', from: '2027-01-01', sources: ['A'] },
  {
    label: 'Miễn lệ phí (TT 117/2026/TT-BTC)', amountVnd: 0, from: '2026-08-15', to: '2027-02-28',
    condition: 'Có tài khoản định danh điện tử mức 2 đủ điều kiện', sources: ['A'],
  },
  { label: 'Mức thu cũ', amountVnd: 30000, channel: 'truc-tiep', to: '2026-06-30', sources: ['A'] },
];

export const toYaml = (entry: unknown) => stringify(entry, { lineWidth: 0 });
