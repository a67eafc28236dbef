import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalize } from './normalize.ts';
import { canonicalTone, foldDiacritics } from './tone.ts';

describe('tone marks and folding', () => {
  it('places tone marks one way whatever the spelling style', () => {
    expect(canonicalTone('hóa')).toBe(canonicalTone('hoá'));
    expect(canonicalTone('thúy')).toBe(canonicalTone('thuý'));
    expect(canonicalTone('khỏe')).toBe(canonicalTone('khoẻ'));
    expect(canonicalTone('người')).toBe('người');
    expect(canonicalTone('quỳnh')).toBe('quỳnh');
  });

  it('folds diacritics and đ to plain letters', () => {
    expect(foldDiacritics('Đăng ký tạm trú ở Hà Nội')).toBe('Dang ky tam tru o Ha Noi');
  });

  it('treats decomposed (NFD) input like composed input', () => {
    const nfd = 'Đăng ký thường trú'.normalize('NFD');
    expect(normalize(nfd).syllables).toEqual(normalize('Đăng ký thường trú').syllables);
  });
});

describe('normalize', () => {
  it('expands teencode and domain abbreviations', () => {
    const n = normalize('Cho em hỏi làm CCCD ở đâu đc ko ạ?');
    expect(n.syllables).toEqual(expect.arrayContaining(['căn', 'cước', 'công', 'dân', 'được', 'không']));
    expect(n.expansions.map((e) => e.token)).toEqual(['cccd', 'đc', 'ko']);
    expect(n.unaccented).toBe(false);
  });

  it('expands abbreviations by context (hk, mk, bn, numbers with units)', () => {
    expect(normalize('nhập hk cho vợ').syllables).toContain('khẩu');
    expect(normalize('quen mk vneid').syllables).toEqual(['quen', 'mật', 'khẩu', 'vneid']);
    expect(normalize('het bn tien').syllables).toContain('nhiêu');
    expect(normalize('mất 500k').syllables).toEqual(['mất', '500', 'nghìn']);
    expect(normalize('con 14t').syllables).toEqual(['con', '14', 'tuổi']);
  });

  it('leaves ambiguous abbreviations for the dialogue', () => {
    const n = normalize('làm tt cho con');
    expect(n.ambiguities).toEqual([{ token: 'tt', options: ['thường trú', 'tạm trú', 'thủ tục'] }]);
    expect(n.syllables).toContain('tt');
  });

  it('flags unaccented Vietnamese and English', () => {
    expect(normalize('dang ky tam tru o dau').unaccented).toBe(true);
    expect(normalize('how do I renew my passport').language).toBe('en');
    expect(normalize('làm hộ chiếu ở đâu').language).toBe('vi');
  });

  it('links synonyms through concepts', () => {
    expect(normalize('nhập hộ khẩu').concepts).toContain('thuongtru');
    expect(normalize('dang ky thuong tru').concepts).toContain('thuongtru');
    expect(normalize('temporary residence').concepts).toContain('tamtru');
    expect(normalize('làm kt3').concepts).toContain('tamtru');
  });

  it('spells ký/kí the same way for matching', () => {
    expect(normalize('đăng kí').foldedSyllables).toEqual(normalize('đăng ký').foldedSyllables);
  });

  it('detects shouting', () => {
    expect(normalize('CHÁY NHÀ RỒI CỨU VỚI').shouting).toBe(true);
    expect(normalize('cháy nhà rồi!!!').shouting).toBe(true);
    expect(normalize('cháy nhà rồi').shouting).toBe(false);
  });

  it('never throws and keeps syllable arrays aligned on any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const n = normalize(s);
        expect(n.syllables.length).toBe(n.foldedSyllables.length);
        expect(n.folded).toBe(foldDiacritics(n.lower));
      }),
      { numRuns: 300 },
    );
  });
});
