import { describe, expect, it } from 'vitest';
import { ageRangeOf, detectAudienceShift, isCancel, isNo, isSkip, isYes, parseChoice, wantsAnonymous } from './understanding.ts';

describe('reading citizen replies', () => {
  const options = ['Đăng ký thường trú', 'Đăng ký tạm trú', 'Gia hạn tạm trú'];

  it('reads a choice by number, ordinal word, or part of an option title', () => {
    expect(parseChoice('1', options)).toBe(0);
    expect(parseChoice('số 2', options)).toBe(1);
    expect(parseChoice('cái thứ hai', options)).toBe(1);
    expect(parseChoice('cai thu 2 a', options)).toBe(1);
    expect(parseChoice('cái đầu tiên', options)).toBe(0);
    expect(parseChoice('the second one', options)).toBe(1);
    expect(parseChoice('3', options)).toBe(2);
    expect(parseChoice('gia hạn', options)).toBe(2);
    expect(parseChoice('Đăng ký tạm trú', options)).toBe(1);
  });

  it('does not take a new question or an ambiguous fragment for a choice', () => {
    expect(parseChoice('5', options)).toBeNull();
    expect(parseChoice('tạm trú', options)).toBeNull(); // in two options
    expect(parseChoice('làm căn cước ở đâu', options)).toBeNull();
  });

  it('reads yes/no, skip, cancel and anonymous', () => {
    expect(isYes('có')).toBe(true);
    expect(isYes('vâng ạ')).toBe(true);
    expect(isYes('yes please')).toBe(true);
    expect(isNo('không cần')).toBe(true);
    expect(isNo('ko')).toBe(true);
    expect(isSkip('bỏ qua')).toBe(true);
    expect(isSkip('không biết')).toBe(true);
    expect(isCancel('hủy')).toBe(true);
    expect(isCancel('thôi không gửi nữa')).toBe(true);
    expect(wantsAnonymous('tôi muốn gửi ẩn danh')).toBe(true);
    expect(isYes('có người bị thương')).toBe(false);
  });

  it('notices that the question is now about a child, with the age when given', () => {
    expect(detectAudienceShift('thế còn cho con tôi?')).toEqual({ child: true });
    expect(detectAudienceShift('con tôi 10 tuổi')).toEqual({ child: true, age: 10 });
    expect(detectAudienceShift('cháu 15t')).toEqual({ child: true, age: 15 });
    expect(detectAudienceShift('what about my son?')).toEqual({ child: true });
    expect(detectAudienceShift('còn lệ phí?')).toBeNull();
    expect(detectAudienceShift('người 30 tuổi')).toEqual({ child: false, age: 30 });
  });

  it('reads the age range of a procedure from its title', () => {
    expect(ageRangeOf('Cấp thẻ căn cước cho trẻ dưới 14 tuổi')).toEqual({ min: 0, max: 14 });
    expect(ageRangeOf('Cấp thẻ căn cước cho người từ đủ 14 tuổi')).toEqual({ min: 14, max: Infinity });
    expect(ageRangeOf('Tờ khai cho người chưa đủ 14 tuổi')).toEqual({ min: 0, max: 14 });
    expect(ageRangeOf('Đăng ký tạm trú')).toBeNull();
  });
});
