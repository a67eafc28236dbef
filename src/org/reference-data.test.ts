import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildReferenceFiles, parseCsv } from '../../scripts/import-shared-data.ts';
import { DATA_DIR, DATA_FILES, loadReferenceData } from './reference-data.ts';

const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data');
const data = loadReferenceData();

describe('committed reference data (src/org/data)', () => {
  it('has the 126 current units: 51 phường and 75 xã, one per clause of NQ 1656', () => {
    expect(data.units).toHaveLength(126);
    expect(data.units.filter((u) => u.type === 'phường')).toHaveLength(51);
    expect(data.units.filter((u) => u.type === 'xã')).toHaveLength(75);
    expect(new Set(data.units.map((u) => u.newCode)).size).toBe(126);
    expect(data.units.map((u) => u.clause).sort((a, b) => a - b)).toEqual(Array.from({ length: 126 }, (_, i) => i + 1));
    expect(data.summaryClause).toMatch(/126 đơn vị hành chính cấp xã, gồm 51 phường và 75 xã/);
  });

  it('has the 526 former units in 30 districts and 795 old → new pairs', () => {
    expect(data.oldUnits).toHaveLength(526);
    expect(new Set(data.oldUnits.map((o) => o.oldCode)).size).toBe(526);
    expect(data.districts).toHaveLength(30);
    expect(data.transfers).toHaveLength(795);
  });

  it('maps every former code to at least one current unit, and full ⇔ exactly one destination', () => {
    const units = new Set(data.units.map((u) => u.newCode));
    for (const o of data.oldUnits) {
      const ts = data.transfers.filter((t) => t.oldCode === o.oldCode);
      expect(ts.length, o.name).toBeGreaterThanOrEqual(1);
      for (const t of ts) expect(units.has(t.newCode)).toBe(true);
      expect(ts.some((t) => t.relation === 'full'), o.name).toBe(ts.length === 1);
      for (const t of ts) expect(t.relation === 'full').toBe(t.wording === 'toan_bo');
    }
    expect(data.oldUnits.filter((o) => data.transfers.filter((t) => t.oldCode === o.oldCode).length > 1)).toHaveLength(199);
  });

  it('keeps the two code systems apart: the same code may name different units', () => {
    // 00004 was Phường Trúc Bạch before 1/7/2025 and is Phường Ba Đình since.
    expect(data.oldUnits.find((o) => o.oldCode === '00004')!.name).toBe('Phường Trúc Bạch');
    expect(data.units.find((u) => u.newCode === '00004')!.name).toBe('Phường Ba Đình');
  });

  it('stores the clause text of every unit and a representative point inside Hanoi', () => {
    for (const u of data.units) {
      const c = data.clauses.find((x) => x.newCode === u.newCode)!;
      expect(c.text.startsWith(`${u.clause}. `)).toBe(true);
      expect(c.text).toContain(u.shortName);
      expect(u.lat).toBeGreaterThan(20.5);
      expect(u.lat).toBeLessThan(21.5);
      expect(u.adminCenter.length).toBeGreaterThan(5);
    }
  });
});

describe('CSV parsing', () => {
  it('reads quoted fields with commas, doubled quotes and CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\r\n1,\n')).toEqual([
      { a: 'x, y', b: 'say "hi"' },
      { a: '1', b: '' },
    ]);
  });
});

describe.skipIf(!existsSync(SHARED))('importer (../shared/data)', () => {
  it('is deterministic and matches the committed files', () => {
    const first = buildReferenceFiles(SHARED);
    const second = buildReferenceFiles(SHARED);
    expect(second.files).toEqual(first.files);
    for (const name of Object.values(DATA_FILES)) {
      expect(first.files[name], name).toBe(readFileSync(path.join(DATA_DIR, name), 'utf8'));
    }
    expect(first.summary).toMatchObject({ units: 126, phuong: 51, xa: 75, formerUnits: 526, pairs: 795, splitFormerUnits: 199 });
  });

  it('does not copy the source files verbatim', () => {
    const source = readFileSync(path.join(SHARED, 'hanoi_old_to_new_2025.csv'), 'utf8');
    const out = buildReferenceFiles(SHARED).files;
    for (const content of Object.values(out)) {
      expect(content).not.toContain('in_dvhcvn_20250701');
      expect(content).not.toContain(source.slice(0, 200));
    }
  });
});
