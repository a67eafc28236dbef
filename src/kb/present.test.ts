import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateVi, formatVnd, hanoiDate } from './format.ts';
import { CHECK_ADVICE, feeValidOn, presentEntry, presentFees } from './present.ts';
import { FEES_2026, makeEntry } from './testing/fixtures.ts';

/** Noon in Hanoi on an ISO day. */
const day = (iso: string) => new Date(`${iso}T12:00:00+07:00`);
const entry2026 = makeEntry('thu.le-phi', { fees: FEES_2026 });
const labelsOn = (iso: string) => presentEntry(entry2026, day(iso)).fees.lines.map((l) => l.label);

describe('formatVnd', () => {
  it('writes amounts the Vietnamese way and zero as "Miễn phí"', () => {
    expect(formatVnd(0)).toBe('Miễn phí');
    expect(formatVnd(500)).toBe('500 đồng');
    expect(formatVnd(5000)).toBe('5.000 đồng');
    expect(formatVnd(20000)).toBe('20.000 đồng');
    expect(formatVnd(1_500_000)).toBe('1.500.000 đồng');
    expect(formatVnd(20_000_000_000)).toBe('20.000.000.000 đồng');
  });

  it('refuses negative and non-finite amounts', () => {
    expect(() => formatVnd(-1)).toThrow(RangeError);
    expect(() => formatVnd(Number.NaN)).toThrow(RangeError);
  });

  it('round-trips every positive integer amount through its dotted groups of three', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e13 }), (n) => {
        const s = formatVnd(n);
        expect(s).toMatch(/^\d{1,3}(\.\d{3})* đồng$/);
        expect(Number(s.replace(' đồng', '').replace(/\./g, ''))).toBe(n);
      }),
    );
  });
});

describe('dates', () => {
  it('formats ISO days as d/m/yyyy', () => {
    expect(formatDateVi('2026-08-15')).toBe('15/8/2026');
    expect(formatDateVi('2027-01-01')).toBe('1/1/2027');
  });

  it('takes the calendar day in Hanoi (UTC+7), not in UTC', () => {
    expect(hanoiDate(new Date('2026-11-26T16:59:59Z'))).toBe('2026-11-26');
    expect(hanoiDate(new Date('2026-11-26T17:00:00Z'))).toBe('2026-11-27');
    expect(hanoiDate(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });

  it('treats fee windows as inclusive at both ends', () => {
    const w = { from: '2026-08-15', to: '2027-02-28' };
    expect(feeValidOn(w, '2026-08-14')).toBe(false);
    expect(feeValidOn(w, '2026-08-15')).toBe(true);
    expect(feeValidOn(w, '2027-02-28')).toBe(true);
    expect(feeValidOn(w, '2027-03-01')).toBe(false);
    expect(feeValidOn({}, '1990-01-01')).toBe(true);
  });
});

describe('fees on a given day', () => {
  it('today (27/11/2026): the TT 117/2026 exemption and the 50% online reduction apply; ended and future lines are hidden', () => {
    const view = presentEntry(entry2026, day('2026-11-27'));
    expect(view.fees.lines.map((l) => l.label)).toEqual([
      'Nộp hồ sơ trực tiếp',
      'Nộp trực tuyến (giảm 50%)',
      'Miễn lệ phí (TT 117/2026/TT-BTC)',
    ]);
    const exemption = view.fees.lines[2]!;
    expect(exemption.amountText).toBe('Miễn phí');
    expect(exemption.condition).toBe('Có tài khoản định danh điện tử mức 2 đủ điều kiện');
    expect(exemption.validTo).toBe('28/2/2027');
    expect(exemption.text).toBe(
      'Miễn lệ phí (TT 117/2026/TT-BTC): Miễn phí (áp dụng từ 15/8/2026 đến hết 28/2/2027). Điều kiện: Có tài khoản định danh điện tử mức 2 đủ điều kiện',
    );
    expect(view.fees.lines[1]!.text).toBe('Nộp trực tuyến (giảm 50%): 5.000 đồng (áp dụng đến hết 31/12/2026).');
    expect(view.fees.amountUnknown).toBe(false);
    expect(view.fees.unknownText).toBeNull();
  });

  it('the reduction still applies on its last day, 31/12/2026, and is gone on 1/1/2027 when the full online fee starts', () => {
    expect(labelsOn('2026-12-31')).toContain('Nộp trực tuyến (giảm 50%)');
    expect(labelsOn('2026-12-31')).not.toContain('Nộp trực tuyến');
    const jan = presentEntry(entry2026, day('2027-01-01')).fees;
    expect(jan.lines.map((l) => l.label)).toEqual(['Nộp hồ sơ trực tiếp', 'Nộp trực tuyến', 'Miễn lệ phí (TT 117/2026/TT-BTC)']);
    expect(jan.lines[1]!.amountText).toBe('10.000 đồng');
  });

  it('switches at midnight Hanoi time, not UTC', () => {
    const lastMinute = presentEntry(entry2026, new Date('2026-12-31T16:59:00Z'));
    const firstMinute = presentEntry(entry2026, new Date('2026-12-31T17:00:00Z'));
    expect(lastMinute.fees.lines.map((l) => l.label)).toContain('Nộp trực tuyến (giảm 50%)');
    expect(firstMinute.fees.lines.map((l) => l.label)).not.toContain('Nộp trực tuyến (giảm 50%)');
    expect(firstMinute.date).toBe('2027-01-01');
  });

  it('the exemption starts on 15/8/2026, still applies on 28/2/2027 and disappears on 1/3/2027', () => {
    expect(labelsOn('2026-08-14')).not.toContain('Miễn lệ phí (TT 117/2026/TT-BTC)');
    expect(labelsOn('2026-08-15')).toContain('Miễn lệ phí (TT 117/2026/TT-BTC)');
    expect(labelsOn('2027-02-28')).toContain('Miễn lệ phí (TT 117/2026/TT-BTC)');
    expect(labelsOn('2027-03-01')).toEqual(['Nộp hồ sơ trực tiếp', 'Nộp trực tuyến']);
  });

  it('shows an ended fee window only while it lasted', () => {
    expect(labelsOn('2026-06-30')).toContain('Mức thu cũ');
    expect(labelsOn('2026-07-01')).not.toContain('Mức thu cũ');
  });

  it('keeps open-ended exemptions with their condition on any day', () => {
    const e = makeEntry('thu.mien', {
      fees: [
        { label: 'Lệ phí', amountVnd: 15000, sources: ['A'] },
        { label: 'Miễn cho người có công', amountVnd: 0, condition: 'Người có công với cách mạng', sources: ['A'] },
      ],
    });
    for (const iso of ['2020-01-01', '2026-11-27', '2040-12-31']) {
      const lines = presentEntry(e, day(iso)).fees.lines;
      expect(lines[1]).toMatchObject({ amountText: 'Miễn phí', condition: 'Người có công với cách mạng', validTo: null });
    }
  });

  it('says the amount is not known, and where to check, when no line is valid that day', () => {
    const e = makeEntry('thu.het-han', { fees: [{ label: 'Lệ phí', amountVnd: 10000, to: '2026-06-30', sources: ['A'] }] });
    const fees = presentEntry(e, day('2026-11-27')).fees;
    expect(fees.lines).toEqual([]);
    expect(fees.amountUnknown).toBe(true);
    expect(fees.unknownText).toContain('chưa có thông tin chính thức về mức lệ phí');
    expect(fees.unknownText).toContain(CHECK_ADVICE);
    expect(fees.unknownText).not.toMatch(/\d+\.\d{3} đồng/);
  });

  it('when only conditional exemptions apply, the general amount is reported unknown', () => {
    const e = makeEntry('thu.chi-mien', {
      fees: [
        { label: 'Lệ phí cũ', amountVnd: 10000, to: '2026-06-30', sources: ['A'] },
        { label: 'Miễn theo TT 117', amountVnd: 0, from: '2026-08-15', to: '2027-02-28', condition: 'VNeID mức 2', sources: ['A'] },
      ],
    });
    const fees = presentEntry(e, day('2026-11-27')).fees;
    expect(fees.lines.map((l) => l.label)).toEqual(['Miễn theo TT 117']);
    expect(fees.amountUnknown).toBe(true);
    expect(fees.unknownText).toContain('trường hợp thông thường');
  });

  it('names the channel whose amount is unknown once its window ended without a successor', () => {
    const e = makeEntry('thu.kenh', {
      fees: [
        { label: 'Trực tiếp', amountVnd: 20000, channel: 'truc-tiep', sources: ['A'] },
        { label: 'Trực tuyến giảm 50%', amountVnd: 5000, channel: 'truc-tuyen', to: '2026-12-31', sources: ['A'] },
      ],
    });
    expect(presentEntry(e, day('2026-12-31')).fees.amountUnknown).toBe(false);
    const after = presentEntry(e, day('2027-01-01')).fees;
    expect(after.unknownChannels).toEqual(['truc-tuyen']);
    expect(after.unknownText).toContain('khi nộp trực tuyến');
  });

  it('shows the editor text when a line has no amount, and counts that amount as unknown', () => {
    const e = makeEntry('thu.chua-ro', { fees: [{ label: 'Lệ phí', text: 'Theo biểu phí của Bộ Tài chính (chưa cập nhật)', sources: ['A'] }] });
    const fees = presentEntry(e, day('2026-11-27')).fees;
    expect(fees.lines[0]!.amountText).toBe('Theo biểu phí của Bộ Tài chính (chưa cập nhật)');
    expect(fees.lines[0]!.amountVnd).toBeNull();
    expect(fees.amountUnknown).toBe(true);
  });

  it('every shown line contains the day in its window, and every hidden line does not (any day)', () => {
    const days = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 11, 31) }).map((ms) => new Date(ms));
    fc.assert(
      fc.property(days, (now) => {
        const iso = hanoiDate(now);
        const view = presentFees(entry2026.fees, iso);
        const shown = new Set(view.lines.map((l) => l.index));
        entry2026.fees.forEach((f, i) => expect(shown.has(i)).toBe((!f.from || f.from <= iso) && (!f.to || iso <= f.to)));
      }),
    );
  });
});

describe('cautions for unverified facts', () => {
  it('gives each unverified fact a Vietnamese caution with its newest source date and where to check', () => {
    const view = presentEntry(makeEntry(), day('2026-11-27'));
    expect(view.cautions).toHaveLength(1);
    const c = view.cautions[0]!;
    expect(c.field).toBe('papers.1');
    expect(c.sourceDate).toBe('2026-09-24');
    expect(c.text).toBe(
      'Lưu ý: thông tin «Giấy tờ chưa chắc chắn» (giấy tờ) chưa được xác minh từ nguồn chính thức (theo nguồn ngày 24/9/2026); vui lòng kiểm tra lại tại công an xã/phường hoặc trên Cổng Dịch vụ công.',
    );
    expect(c.text).toBe(c.text.normalize('NFC'));
  });

  it('covers processing time, where, online, legal basis, notes and shown fees; not fees hidden that day', () => {
    const e = makeEntry('thu.canh-bao', {
      fees: [
        { label: 'Lệ phí chưa xác minh', amountVnd: 10000, sources: ['B'], verified: false },
        { label: 'Mức cũ chưa xác minh', amountVnd: 5000, to: '2026-01-31', sources: ['B'], verified: false },
      ],
      processingTime: { text: 'Khoảng 10 ngày', sources: ['B'], verified: false },
      where: { text: 'Công an xã/phường', sources: ['A'], verified: false },
      online: { available: true, channels: ['VNeID'], howTo: ['Nộp qua VNeID.'], verified: false },
      legalBasis: [{ text: 'Dự thảo thông tư', sources: ['B'], verified: false }],
      notes: [{ text: 'Lưu ý chưa chắc', sources: ['A'], verified: false }],
    });
    const view = presentEntry(e, day('2026-11-27'));
    expect(view.cautions.map((c) => c.field)).toEqual(['papers.1', 'fees.0', 'processingTime', 'where', 'online', 'legalBasis.0', 'notes.0']);
    for (const c of view.cautions) expect(c.text).toContain(CHECK_ADVICE);
    const online = view.cautions.find((c) => c.field === 'online')!;
    expect(online.sourceDate).toBeNull();
    expect(online.text).toContain('thông tin cập nhật ngày 27/11/2026');
    expect(view.cautions.find((c) => c.field === 'where')!.text).toContain('theo nguồn ngày 1/7/2026');
  });
});

describe('the rest of the answer view', () => {
  it('carries processing time, papers, where, online, legal basis and the last-checked date', () => {
    const view = presentEntry(makeEntry(), day('2026-11-27'));
    expect(view.processingTime).toEqual({ text: 'Tối đa 05 ngày làm việc', verified: true });
    expect(view.papers[0]).toEqual({ text: 'Tờ khai thử nghiệm', form: 'CT01', note: null, when: null, verified: true });
    expect(view.papers[1]!.verified).toBe(false);
    expect(view.where.text).toBe('Công an xã/phường nơi cư trú');
    expect(view.online).toEqual({
      available: true,
      channels: ['Cổng Dịch vụ công quốc gia', 'Ứng dụng VNeID'],
      url: 'https://dichvucong.gov.vn',
      howTo: ['Đăng nhập và nộp hồ sơ.'],
      verified: true,
    });
    expect(view.legalBasis).toEqual([{ text: 'Văn bản thử nghiệm số 1/2026', verified: true }]);
    expect(view.lastChecked).toBe('27/11/2026');
    expect(view.lastCheckedIso).toBe('2026-11-27');
    expect(view.date).toBe('2026-11-27');
  });
});
