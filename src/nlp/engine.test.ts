import { describe, expect, it } from 'vitest';
import { createEngine } from './engine.ts';
import { TEST_FIXTURE_PROCEDURES } from './fixtures/procedures.test-fixture.ts';

const engine = createEngine({ procedures: TEST_FIXTURE_PROCEDURES });

describe('createEngine / classify', () => {
  it('answers a procedure question, accented or not', () => {
    for (const t of ['thủ tục đăng ký tạm trú cho người thuê trọ', 'dang ky tam tru cho nguoi thue tro']) {
      const r = engine.classify(t);
      expect(r.intent).toBe('procedure');
      expect(r.slug).toBe('cu-tru.dang-ky-tam-tru');
      expect(r.title).toBe('Đăng ký tạm trú');
    }
  });

  it('links synonyms (hộ khẩu → thường trú, passport → hộ chiếu)', () => {
    expect(engine.classify('chuyển hộ khẩu cho vợ').slug).toBe('cu-tru.dang-ky-thuong-tru');
    expect(engine.classify('how do I get a passport').slug).toBe('xnc.cap-ho-chieu');
  });

  it('returns calibrated probabilities that sum to at most 1, best first', () => {
    const r = engine.classify('mất căn cước làm lại ở đâu');
    const ps = r.candidates.map((c) => c.probability);
    expect([...ps].sort((a, b) => b - a)).toEqual(ps);
    expect(ps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-9);
    expect(engine.temperature).toBeGreaterThan(0);
  });

  it('recognises meta intents', () => {
    expect(engine.classify('xin chào').intent).toBe('greeting');
    expect(engine.classify('cảm ơn nhiều nhé').intent).toBe('thanks_bye');
    expect(engine.classify('cho tôi gặp cán bộ trực').intent).toBe('ask_human');
    expect(engine.classify('hồ sơ tôi nộp tuần trước đã xử lý chưa').intent).toBe('application_status');
  });

  it('answers a bare follow-up fragment with its facet', () => {
    expect(engine.classify('còn lệ phí?')).toMatchObject({ intent: 'followup', facet: 'fee' });
    expect(engine.classify('mất bao lâu')).toMatchObject({ intent: 'followup', facet: 'time' });
    expect(engine.classify('làm online được không')).toMatchObject({ intent: 'followup', facet: 'online' });
    expect(engine.classify('cần giấy tờ gì')).toMatchObject({ intent: 'followup', facet: 'papers' });
  });

  it('keeps the facet of a full procedure question', () => {
    const r = engine.classify('làm hộ chiếu hết bao nhiêu tiền');
    expect(r.slug).toBe('xnc.cap-ho-chieu');
    expect(r.facets).toContain('fee');
  });

  it('returns both the crime report intent and its procedure', () => {
    const r = engine.classify('tôi bị trộm xe máy tối qua');
    expect(r.intent).toBe('report_crime');
    expect(r.slug).toBe('to-giac.tin-bao-toi-pham');
  });

  it('returns find_ward with the ward-finding procedure', () => {
    const r = engine.classify('tôi ở phường kim giang cũ giờ thuộc phường nào');
    expect(r.intent).toBe('find_ward');
    expect(r.slug).toBe('ho-tro.tim-cong-an-xa-phuong');
  });

  it('puts other agencies and chit-chat out of scope', () => {
    for (const t of ['thời tiết mai thế nào', 'vay ngân hàng lãi suất bao nhiêu', 'làm sổ đỏ cần gì', 'kết quả bóng đá']) {
      const r = engine.classify(t);
      expect(r.band).toBe('out_of_scope');
      expect(r.intent).toBe('out_of_scope');
      expect(r.slug).toBeUndefined();
    }
  });

  it('asks which meaning an ambiguous abbreviation has when unsure', () => {
    const r = engine.classify('tt cho con');
    expect(r.band).toBe('unsure');
    expect(r.clarify?.question).toContain('thường trú');
    expect(r.ambiguities[0]?.token).toBe('tt');
  });

  it('is deterministic', () => {
    const again = createEngine({ procedures: TEST_FIXTURE_PROCEDURES });
    expect(again.classify('lam ho chieu o dau').candidates).toEqual(engine.classify('lam ho chieu o dau').candidates);
  });

  it('never throws on empty or odd input', () => {
    for (const t of ['', '   ', '???', '😀😀', 'a'.repeat(2000), '0912345678']) expect(() => engine.classify(t)).not.toThrow();
  });
});
