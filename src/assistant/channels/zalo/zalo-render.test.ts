import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../chat.types.ts';
import { renderForZalo, renderStaffMessage, splitText, ZALO_MAX_BUTTONS, ZALO_TEXT_LIMIT } from './zalo-render.ts';

describe('Zalo rendering', () => {
  it('keeps every part within the limit and loses no words', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('\n', ' ', 'Đăng ký tạm trú', '🚒')), { maxLength: 400 }), fc.integer({ min: 20, max: 2000 }), (pieces, limit) => {
        const text = pieces.join(' ');
        const parts = splitText(text, limit);
        for (const p of parts) expect(p.length).toBeLessThanOrEqual(limit);
        expect(parts.join('').replace(/\s+/g, '')).toBe(text.trim().replace(/\s+/g, ''));
      }),
    );
  });

  it('splits a long answer at line breaks into messages of at most 2,000 characters', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `• Dòng thứ ${i + 1}: giấy tờ cần chuẩn bị cho thủ tục, ghi rõ mẫu tờ khai.`);
    const out = renderForZalo({ text: lines.join('\n'), language: 'vi' });
    expect(out.texts.length).toBeGreaterThan(1);
    for (const t of out.texts) {
      expect(t.length).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
      expect(t.startsWith('•')).toBe(true);
    }
  });

  it('adds links, hotlines, cautions and uploads the text does not carry, and turns quick replies into buttons', () => {
    const reply: Reply = {
      text: 'Dạ, hồ sơ gồm tờ khai CT01.',
      language: 'vi',
      card: {
        type: 'procedure', slug: 'x', title: 'Đăng ký tạm trú', summary: '', papers: [], fees: { lines: [], unknownText: null },
        processingTime: { text: '', verified: true }, where: { text: '', verified: true },
        online: { available: true, channels: [], url: 'https://dichvucong.gov.vn', howTo: [] }, legalBasis: [], lastChecked: '2026-11-27', lastCheckedText: '27/11/2026',
        cautions: ['Lệ phí chưa được xác minh lại.'], related: [], factsLanguage: 'vi',
      },
      quickReplies: Array.from({ length: 7 }, (_, i) => ({ label: `Câu ${i}`, text: `Câu hỏi ${i}` })),
      actions: [{ type: 'call', label: 'Gọi 113', tel: '113' }, { type: 'handoff', label: 'Gặp cán bộ' }],
    };
    const out = renderForZalo(reply);
    expect(out.texts).toHaveLength(1);
    expect(out.texts[0]).toContain('⚠ Lệ phí chưa được xác minh lại.');
    expect(out.texts[0]).toContain('https://dichvucong.gov.vn');
    expect(out.texts[0]).toContain('113');
    expect(out.buttons).toHaveLength(ZALO_MAX_BUTTONS);
    expect(out.buttons[0]).toEqual({ title: 'Câu 0', payload: 'Câu hỏi 0' });
  });

  it('names the officer\'s unit on an officer reply', () => {
    expect(renderStaffMessage('officer', 'Dạ, tôi xin nghe.', 'Công an phường Hoàn Kiếm').texts).toEqual(['Cán bộ Công an phường Hoàn Kiếm: Dạ, tôi xin nghe.']);
    expect(renderStaffMessage('system', 'Cán bộ đã kết thúc.', null).texts).toEqual(['Cán bộ đã kết thúc.']);
  });
});
