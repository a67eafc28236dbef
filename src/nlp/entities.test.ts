import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractEntities } from './entities.ts';

const now = new Date(2026, 2, 10, 10, 0);
const ex = (t: string) => extractEntities(t, { now });

describe('extractEntities', () => {
  it('reads a full Hanoi address with an old ward', () => {
    const [a] = ex('Số 12 ngõ 56 Nguyễn Chí Thanh, P. Láng Thượng cũ, Q. Đống Đa').addresses;
    expect(a).toMatchObject({
      houseNumber: '12',
      alleys: [{ kind: 'ngõ', number: '56' }],
      street: 'Nguyễn Chí Thanh',
      ward: { name: 'Láng Thượng', type: 'phường', old: true },
      district: { name: 'Đống Đa', type: 'quận' },
    });
  });

  it('reads unaccented and southern/central alley words', () => {
    expect(ex('chay nha o ngo 5 hoang hoa tham').addresses[0]).toMatchObject({ alleys: [{ number: '5' }], street: 'hoang hoa tham' });
    expect(ex('hẻm 45 Lê Lợi').addresses[0]?.alleys[0]?.kind).toBe('hẻm');
    expect(ex('kiệt 12 Hùng Vương').addresses[0]?.alleys[0]?.kind).toBe('kiệt');
    expect(ex('ngách 12/5 ngõ 34 đường Láng').addresses[0]?.alleys.map((x) => x.number)).toEqual(['12/5', '34']);
  });

  it('reads communes and districts', () => {
    const [a] = ex('nhà tôi ở xã Tả Thanh Oai huyện Thanh Trì cũ').addresses;
    expect(a?.ward).toMatchObject({ name: 'Tả Thanh Oai', type: 'xã' });
    expect(a?.district).toMatchObject({ name: 'Thanh Trì', type: 'huyện', old: true });
  });

  it('tells phones from ID numbers', () => {
    const e = ex('sdt 0912 345 678 hoặc +84 987654321, cccd 001203004567, cmnd 123456789, bàn 024 3825 1234');
    expect(e.phones.map((p) => [p.value, p.kind])).toEqual([
      ['0912345678', 'mobile'],
      ['0987654321', 'mobile'],
      ['02438251234', 'landline'],
    ]);
    expect(e.ids.map((i) => [i.value, i.kind])).toEqual([
      ['001203004567', 'cccd'],
      ['123456789', 'cmnd'],
    ]);
  });

  it('reads car and motorbike plates', () => {
    const e = ex('xe 29A-123.45, xe máy 30H1-234.56, 29-B1 123.45 và 30a12345');
    expect(e.plates.map((p) => [p.value, p.vehicle])).toEqual([
      ['29A-123.45', 'car'],
      ['30H1-234.56', 'motorbike'],
      ['29B1-123.45', 'motorbike'],
      ['30A-123.45', 'car'],
    ]);
  });

  it('resolves dates against now and reads times', () => {
    const e = ex('hôm qua lúc 14h30, ngày 5/3/2026, 3 ngày trước, 9 giờ tối, ngày mai');
    expect(e.dates.map((d) => d.date)).toEqual(['2026-03-09', '2026-03-05', '2026-03-07', '2026-03-11']);
    expect(e.times.map((t) => [t.hour, t.minute])).toEqual([[14, 30], [21, 0]]);
  });

  it('does not take ages or amounts for phones or addresses', () => {
    const e = ex('con 14 tuổi, lệ phí 1.500.000 đồng');
    expect(e.phones).toEqual([]);
    expect(e.ids).toEqual([]);
    expect(e.addresses).toEqual([]);
  });

  it('never throws and returns spans inside the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const e = extractEntities(s, { now });
        for (const x of [...e.addresses, ...e.phones, ...e.ids, ...e.plates, ...e.dates, ...e.times]) {
          expect(x.start).toBeGreaterThanOrEqual(0);
          expect(x.end).toBeLessThanOrEqual(s.normalize('NFC').length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
