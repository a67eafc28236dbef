import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectEmergency } from './emergency.ts';

const now = new Date(2026, 2, 10, 10, 0);
const kind = (t: string) => detectEmergency(t, { now })?.kind ?? null;

describe('detectEmergency', () => {
  it.each([
    ['cháy rồi cứu với', 'fire'],
    ['nhà tôi đang cháy', 'fire'],
    ['chay nha o ngo 5', 'fire'],
    ['CHÁY NHÀ SỐ 3 NGÕ 12', 'fire'],
    ['có mùi gas nồng nặc trong bếp', 'fire'],
    ['đang bị cướp', 'police'],
    ['co trom dang vao nha', 'police'],
    ['có người ngất', 'medical'],
    ['ông tôi bất tỉnh không thở', 'medical'],
    ['có đứa trẻ rơi xuống hồ', 'rescue'],
    ['kẹt thang máy', 'rescue'],
    ['ket thang may o chung cu', 'rescue'],
    ['someone is breaking into my house', 'police'],
  ])('raises %s as %s', (text, expected) => {
    expect(kind(text)).toBe(expected);
  });

  it.each([
    'cháy hàng rồi shop ơi',
    'cuối tháng cháy túi',
    'vé xem bóng đá cháy vé',
    'thủ tục PCCC cho nhà hàng',
    'nghiệm thu pccc công trình',
    'hôm qua nhà bên cạnh bị cháy',
    'tra cứu phạt nguội',
    'kết quả sáp nhập phường',
    'đăng ký tạm trú',
    'kẹt xe quá',
    'mệt xỉu với deadline',
    'cứu em với ad ơi, mất cccd rồi',
    'cách sơ cứu người đuối nước',
    'bình chữa cháy mua ở đâu',
    'tuần trước tôi bị trộm xe, giờ trình báo ở đâu',
  ])('does not raise "%s"', (text) => {
    expect(detectEmergency(text, { now })).toBeNull();
  });

  it('treats a fire still burning since yesterday as an emergency', () => {
    expect(kind('cháy từ hôm qua đến giờ vẫn đang cháy')).toBe('fire');
  });

  it('uses `now` to tell a past date', () => {
    expect(detectEmergency('ngày 2/3 nhà tôi bị cháy', { now })).toBeNull();
  });

  it('gives the right hotline and the cues', () => {
    const e = detectEmergency('có người bất tỉnh', { now })!;
    expect(e.hotline).toBe('115');
    expect(e.cues).toContain('bất tỉnh');
    expect(e.confidence).toBeGreaterThan(0.5);
    expect(detectEmergency('kẹt thang máy', { now })!.hotline).toBe('114');
  });

  it('never throws on any input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => void detectEmergency(s, { now })), { numRuns: 300 });
  });
});

describe('detectEmergency, rescue wording', () => {
  it.each(['có người nhảy xuống hồ tây', 'thằng bé định nhảy lầu', 'xe bị nước cuốn trôi có người bên trong'])('raises "%s" as rescue', (t) => {
    expect(detectEmergency(t, { now: new Date(2026, 2, 10) })?.kind).toBe('rescue');
  });
});
