import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from './address-text.ts';
import { loadReferenceData, type OldDistrict, type OldUnit } from './reference-data.ts';
import { createWardResolver } from './ward-resolver.ts';

const data = loadReferenceData();
const resolver = createWardResolver(data);
const resolve = (q: string) => resolver.resolve(q);
const codes = (q: string) => resolve(q).matches.map((m) => m.code);
const top = (q: string) => resolve(q).matches[0];
const unit = (name: string) => data.units.find((u) => u.name === name)!.newCode;

/** Strips diacritics but keeps case: "Phường Hàng Bạc" → "Phuong Hang Bac". */
const strip = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
const ABBR: Record<string, string> = { phường: 'P.', xã: 'X.', 'thị trấn': 'TT.', quận: 'Q.', huyện: 'H.', 'thị xã': 'TX.' };
const districtOf = new Map(data.districts.map((d) => [d.oldDistrictCode, d]));
const targetsOf = (oldCode: string) => data.transfers.filter((t) => t.oldCode === oldCode).map((t) => t.newCode);

describe('ward resolver: examples', () => {
  it('reads a whole message with a house number, a street, an old ward marked "cũ" and its district', () => {
    const r = resolve('em ở số 5 ngõ 10 phố Hàng Bạc, phường Hàng Bạc cũ quận Hoàn Kiếm');
    expect(r.matches[0]).toMatchObject({ code: unit('Phường Hoàn Kiếm'), basis: 'former_unit', via: { oldName: 'Phường Hàng Bạc', oldDistrict: 'Quận Hoàn Kiếm', relation: 'full', wording: 'toan_bo' } });
    expect(r.matches[0]!.confidence).toBeGreaterThan(0.9);
  });

  it('accepts abbreviations, missing diacritics, upper case and glued punctuation', () => {
    for (const q of ['P. Hàng Bạc, Q. Hoàn Kiếm', 'p.hang bac q.hoan kiem', 'P.HÀNG BẠC - Q.HOÀN KIẾM', 'phuong hang bac quan hoan kiem', 'hangbac']) {
      expect(top(q)?.code, q).toBe(unit('Phường Hoàn Kiếm'));
    }
  });

  it('treats tone-mark placement variants as the same name (Hoà/Hòa, Thuỵ/Thụy)', () => {
    expect(codes('xã Thuỵ Lâm')).toEqual(codes('xã Thụy Lâm'));
    expect(codes('phường Trung Hoà')).toEqual(codes('phường Trung Hòa'));
    expect(codes('Thuỵ Lâm').length).toBeGreaterThan(0);
  });

  it('returns every destination of a split former unit with the resolution wording', () => {
    const r = resolve('phường Cửa Nam, quận Hoàn Kiếm');
    const expected = targetsOf(data.oldUnits.find((o) => o.name === 'Phường Cửa Nam')!.oldCode);
    expect(expected.length).toBeGreaterThan(1);
    expect(r.matches.map((m) => m.code).sort()).toEqual([...expected].sort());
    for (const m of r.matches) expect(m.via).toMatchObject({ oldName: 'Phường Cửa Nam', relation: 'partial' });
    expect(r.matches.every((m) => m.confidence < 0.9)).toBe(true);
    expect(r.notes.join(' ')).toMatch(/chia/);
  });

  it('reads "phường Ba Đình" as the current ward and "quận Ba Đình" as the former district', () => {
    expect(top('phường Ba Đình')).toMatchObject({ code: unit('Phường Ba Đình'), basis: 'current_name' });
    const d = resolve('quận Ba Đình');
    expect(d.matches.every((m) => m.basis === 'former_district')).toBe(true);
    expect(d.matches.every((m) => m.confidence < 0.5)).toBe(true);
    expect(d.matches.map((m) => m.code)).toContain(unit('Phường Ba Đình'));
    expect(d.notes[0]).toMatch(/không còn là đơn vị hành chính/);
    expect(top('Ba Đình')).toMatchObject({ code: unit('Phường Ba Đình'), basis: 'current_name' });
  });

  it('uses the district to pick among former units that share a name, and lists all without one', () => {
    const both = data.oldUnits.filter((o) => o.name === 'Phường Quang Trung');
    expect(both).toHaveLength(2);
    const all = codes('phường Quang Trung');
    for (const o of both) for (const c of targetsOf(o.oldCode)) expect(all).toContain(c);
    expect(resolve('phường Quang Trung').notes.join(' ')).toMatch(/trùng tên/);
    const haDong = both.find((o) => districtOf.get(o.oldDistrictCode)!.name === 'Quận Hà Đông')!;
    expect(codes('P. Quang Trung, Q. Hà Đông').sort()).toEqual(targetsOf(haDong.oldCode).sort());
  });

  it('prefers the spelling typed with diacritics among names that fold alike (Đông Xuân vs Đồng Xuân)', () => {
    const r = resolve('Đông Xuân');
    expect(r.matches[0]!.via?.oldName).toBe('Xã Đông Xuân');
    expect(top('phường Đồng Xuân, quận Hoàn Kiếm')!.via?.oldName).toBe('Phường Đồng Xuân');
  });

  it('prefers "phường Mai Động" over "Phương Mai" + "động" when the text has no diacritics', () => {
    expect(top('phuong mai dong')!.via?.oldName).toBe('Phường Mai Động');
    expect(top('phuong phuong mai')!.via?.oldName).toBe('Phường Phương Mai');
  });

  it('follows "cũ ... nay là" and lets the explicitly new name win', () => {
    expect(top('phường Cửa Đông cũ nay là phường Hoàn Kiếm')!.code).toBe(unit('Phường Hoàn Kiếm'));
    expect(top('phường Cửa Nam cũ')!.basis).toBe('former_unit');
  });

  it('tolerates a small typo after a marker, with lower confidence', () => {
    const m = top('phường Hàng Bacc, quận Hoàn Kiếm')!;
    expect(m.code).toBe(unit('Phường Hoàn Kiếm'));
    expect(m.confidence).toBeLessThan(0.9);
  });

  it('returns no match and a hint for text without a place name', () => {
    const r = resolve('tôi muốn đăng ký tạm trú cho con');
    expect(r.matches).toEqual([]);
    expect(r.notes[0]).toMatch(/Không nhận ra/);
  });

  it('never reads a marker word or the chat words around it as a misspelt name', () => {
    // Regressions: "công an phường" was read as Xã An Thượng, "xã phường" as Xã Phù Đổng, "xã/phường của tôi" as Phượng Dực.
    for (const q of ['Tìm công an xã/phường', 'tim cong an xa phuong', 'công an phường nào quản lý chỗ tôi', 'tìm công an phường', 'xã/phường của tôi']) {
      expect(resolve(q).matches, q).toEqual([]);
    }
    expect(top('Tôi muốn gặp cán bộ công an phường Hoàn Kiếm')!.code).toBe(unit('Phường Hoàn Kiếm'));
  });

  it('counts a name after a house number as a street, weaker than a ward name', () => {
    expect(top('số 5 Hàng Bạc')!.confidence).toBeLessThan(top('phường Hàng Bạc')!.confidence);
    expect(top('số 1 Trần Phú, Hà Đông')!.code).toBe(unit('Phường Hà Đông'));
  });
});

interface Sweep {
  inMatches: number;
  fullTop1: number;
  full: number;
  splitTopK: number;
  split: number;
}

function sweep(format: (o: OldUnit, d: OldDistrict) => string): Sweep {
  const s: Sweep = { inMatches: 0, fullTop1: 0, full: 0, splitTopK: 0, split: 0 };
  for (const o of data.oldUnits) {
    const expected = new Set(targetsOf(o.oldCode));
    const got = codes(format(o, districtOf.get(o.oldDistrictCode)!));
    if ([...expected].every((c) => got.includes(c))) s.inMatches++;
    if (expected.size === 1) {
      s.full++;
      if (expected.has(got[0]!)) s.fullTop1++;
    } else {
      s.split++;
      if (got.slice(0, expected.size).every((c) => expected.has(c))) s.splitTopK++;
    }
  }
  return s;
}

describe('ward resolver: all 526 former units', () => {
  const formats: Record<string, (o: OldUnit, d: OldDistrict) => string> = {
    '(a) "Phường X, Quận Y"': (o, d) => `${o.name}, ${d.name}`,
    '(b) no diacritics': (o, d) => strip(`${o.name}, ${d.name}`),
    '(c) "P. X Q. Y"': (o, d) => `${ABBR[o.type]} ${o.shortName} ${ABBR[d.type]} ${d.shortName}`,
    '(d) name only': (o) => o.shortName,
  };
  const results = Object.fromEntries(Object.entries(formats).map(([k, f]) => [k, sweep(f)]));
  const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}% (${a}/${b})`;
  const table = Object.entries(results)
    .map(([k, s]) => `  ${k.padEnd(26)} all destinations in matches ${pct(s.inMatches, 526)}; full: top-1 ${pct(s.fullTop1, s.full)}; split: top-k = destinations ${pct(s.splitTopK, s.split)}`)
    .join('\n');
  process.stdout.write(`\nResolution of the 526 former units:\n${table}\n`);

  it.each(Object.keys(formats).slice(0, 3))('%s: every destination is among the matches and full units come first', (k) => {
    const s = results[k]!;
    expect(s.inMatches / 526).toBeGreaterThanOrEqual(0.99);
    expect(s.fullTop1 / s.full).toBeGreaterThanOrEqual(0.99);
  });

  it('(d) name only: every destination is still among the matches', () => {
    expect(results['(d) name only']!.inMatches / 526).toBeGreaterThanOrEqual(0.95);
  });

  it('resolves every former code to the destinations of that code (no old/new code mix-up)', () => {
    for (const o of data.oldUnits) {
      const r = resolve(`${o.name}, ${districtOf.get(o.oldDistrictCode)!.name}`);
      const viaCodes = new Set(r.matches.filter((m) => m.basis === 'former_unit').map((m) => m.via?.oldCode));
      expect(viaCodes, o.name).toEqual(new Set([o.oldCode]));
    }
  });
});

describe('ward resolver: all 126 current units', () => {
  it.each([
    ['full name', (n: string) => n],
    ['no diacritics', (n: string) => strip(n)],
    ['abbreviated', (n: string, t: string, s: string) => `${ABBR[t]} ${s}`],
    ['short name', (_n: string, _t: string, s: string) => s],
    ['short name, lower case, no diacritics', (_n: string, _t: string, s: string) => fold(s)],
  ])('%s resolves to the unit first', (_label, f) => {
    const misses = data.units.filter((u) => top(f(u.name, u.type, u.shortName))?.code !== u.newCode).map((u) => u.name);
    expect(misses).toEqual([]);
  });

  it('gives a marked current name high confidence, with the clause and admin centre', () => {
    const m = top('phường Hoàn Kiếm')!;
    expect(m.confidence).toBeGreaterThanOrEqual(0.95);
    expect(m).toMatchObject({ type: 'phường', clause: 1, adminCenter: expect.stringContaining('Hàng Trống') });
  });
});

describe('ward resolver: confidence', () => {
  it('is calibrated on unambiguous inputs: high-confidence answers are right', () => {
    // Reliability over the full former units and current names in four spellings: bin → share correct.
    const bins = new Map<number, { n: number; ok: number }>();
    const add = (conf: number, ok: boolean) => {
      const b = Math.min(9, Math.floor(conf * 10));
      const e = bins.get(b) ?? { n: 0, ok: 0 };
      e.n++;
      if (ok) e.ok++;
      bins.set(b, e);
    };
    for (const o of data.oldUnits) {
      const t = targetsOf(o.oldCode);
      if (t.length !== 1) continue;
      const d = districtOf.get(o.oldDistrictCode)!;
      for (const q of [`${o.name}, ${d.name}`, strip(o.shortName), o.shortName]) {
        const m = top(q);
        if (m) add(m.confidence, m.code === t[0]);
      }
    }
    const lines = [...bins.entries()].sort((a, b) => a[0] - b[0]).map(([b, e]) => `  ${(b / 10).toFixed(1)}–${((b + 1) / 10).toFixed(1)}: ${e.ok}/${e.n} right`);
    process.stdout.write(`\nTop-1 confidence vs. correctness (full former units):\n${lines.join('\n')}\n`);
    const high = bins.get(9)!;
    expect(high.ok / high.n).toBeGreaterThanOrEqual(0.97);
  });

  it('stays within 0..1 and sorts matches best first', () => {
    for (const q of ['Cửa Nam', 'quận Đống Đa', 'phường Quang Trung', 'Yên Sở', 'Xã Yên Sở, Hoài Đức']) {
      const ms = resolve(q).matches;
      for (const m of ms) expect(m.confidence).toBeGreaterThanOrEqual(0), expect(m.confidence).toBeLessThanOrEqual(1);
      for (let i = 1; i < ms.length; i++) expect(ms[i - 1]!.confidence).toBeGreaterThanOrEqual(ms[i]!.confidence);
    }
  });
});

describe('ward resolver: robustness', () => {
  it('never throws and returns well-formed results for arbitrary text', () => {
    const vocab = ['phường', 'p.', 'xa', 'quận', 'Q.', 'cũ', 'nay là', 'số', '5', 'ngõ', 'Hàng Bạc', 'Hoàn Kiếm', 'Cửa Nam', 'Ba Đình', ',', '(', ')', 'thị trấn', 'hn'];
    const arb = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc.array(fc.constantFrom(...vocab), { maxLength: 60 }).map((w) => w.join(' ')),
    );
    fc.assert(
      fc.property(arb, (q) => {
        const r = resolver.resolve(q);
        expect(Array.isArray(r.matches)).toBe(true);
        for (const m of r.matches) {
          expect(m.confidence).toBeGreaterThanOrEqual(0);
          expect(m.confidence).toBeLessThanOrEqual(1);
          expect(resolver.index.unitByCode.has(m.code)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('handles a long message (2,000 characters) without trouble', () => {
    const long = 'tôi ở phường Hàng Bạc quận Hoàn Kiếm '.repeat(60).slice(0, 2000);
    expect(top(long)!.code).toBe(unit('Phường Hoàn Kiếm'));
    const noise = 'abcdefghij klmnopq '.repeat(120);
    expect(resolve(noise).matches.length).toBeGreaterThanOrEqual(0);
    // …and finds no unit in it, saying so, rather than guessing one.
    expect(resolve(noise).matches).toEqual([]);
    expect(resolve(noise).notes.join(' ')).toContain('Không nhận ra tên xã/phường');
  });
});
