import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffEntries } from './diff.ts';
import { FEES_2026, makeEntry } from './testing/fixtures.ts';

describe('diffEntries', () => {
  const base = makeEntry('thu.mot', { fees: FEES_2026 });

  it('finds nothing between equal entries, whatever the key order', () => {
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(base).reverse())));
    expect(diffEntries(base, reordered)).toEqual([]);
  });

  it('reports a changed amount with the fee it belongs to, in đồng', () => {
    const fees = structuredClone(base.fees);
    fees[1]!.amountVnd = 4000;
    const changes = diffEntries(base, { ...base, fees });
    expect(changes).toEqual([
      {
        kind: 'changed',
        field: 'fees.1.amountVnd',
        label: 'Lệ phí › mục 2 «Nộp trực tuyến (giảm 50%)» › Số tiền',
        before: 5000,
        after: 4000,
        text: 'Lệ phí › mục 2 «Nộp trực tuyến (giảm 50%)» › Số tiền: 5.000 đồng → 4.000 đồng',
      },
    ]);
  });

  it('an inserted question is one addition, not a shift of every following question', () => {
    const questions = [...base.questions];
    questions.splice(3, 0, 'câu hỏi mới chen vào giữa');
    const changes = diffEntries(base, { ...base, questions });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'added', field: 'questions.3', after: 'câu hỏi mới chen vào giữa' });
    expect(changes[0]!.text).toBe('Câu hỏi mẫu › mục 4: thêm «câu hỏi mới chen vào giữa»');
  });

  it('reports a removed paper, an added field and a removed field', () => {
    const { procedureCode: _p, ...rest } = { ...base, procedureCode: '1.000001' };
    const before = { ...base, procedureCode: '1.000001' };
    const after = { ...rest, papers: [base.papers[0]!], notes: [{ text: 'Lưu ý mới', sources: ['A'], verified: true }] };
    const changes = diffEntries(before, after);
    expect(changes.map((c) => [c.kind, c.field])).toEqual([
      ['removed', 'procedureCode'],
      ['removed', 'papers.1'],
      ['added', 'notes.0'],
    ]);
    expect(changes[1]!.text).toBe('Giấy tờ › mục 2: bỏ «Giấy tờ chưa chắc chắn»');
  });

  it('compares an edited item field by field and names record keys of sources', () => {
    const papers = structuredClone(base.papers);
    papers[1]!.verified = true;
    const sources = { ...base.sources, B: { ...base.sources.B!, date: '2026-10-01' } };
    const changes = diffEntries(base, { ...base, papers, sources });
    expect(changes.map((c) => c.text)).toEqual([
      'Giấy tờ › mục 2 «Giấy tờ chưa chắc chắn» › Đã xác minh: không → có',
      'Nguồn › «B» › Ngày: «2026-09-24» → «2026-10-01»',
    ]);
  });

  it('lists top-level fields in the order of the entry schema', () => {
    const changes = diffEntries(base, { ...base, lastChecked: '2026-12-01', title: 'Tên mới', summary: 'Tóm tắt mới đủ dài để hợp lệ.' });
    expect(changes.map((c) => c.field)).toEqual(['title', 'summary', 'lastChecked']);
  });

  it('additions and removals account for the change in length of any list, and equal lists give nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 8 }), fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 8 }), (a, b) => {
        const changes = diffEntries({ questions: a }, { questions: b });
        if (JSON.stringify(a) === JSON.stringify(b)) expect(changes).toEqual([]);
        const removed = changes.filter((c) => c.kind !== 'added').length;
        const added = changes.filter((c) => c.kind !== 'removed').length;
        expect(a.length - removed + added).toBe(b.length);
      }),
    );
  });
});
