import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { entrySchema } from './entry.schema.ts';
import type { KbEntry } from './entry.schema.ts';

/**
 * Checks every knowledge-base file in kb/procedures/ against the entry schema and the editorial rules
 * (slug = file name, enough distinct questions, NFC text, valid fee windows, known related slugs).
 * The shared procedures.csv (when present) lists the expected slugs; kb-slugs.test.ts checks the set where it is absent.
 */

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const kbDir = join(repoRoot, 'kb/procedures');
const csvPath = resolve(repoRoot, '../shared/kb/procedures.csv');
const MIN_QUESTIONS = 25;

function csvSlugs(): string[] {
  if (!existsSync(csvPath)) return [];
  return readFileSync(csvPath, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(',')[0]?.trim() ?? '')
    .filter((slug) => slug.length > 0);
}

function yamlFiles(): string[] {
  if (!existsSync(kbDir)) return [];
  return readdirSync(kbDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
}

function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

function collectStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => collectStrings(v, out));
  return out;
}

const files = yamlFiles();
const expected = csvSlugs();
const knownSlugs = new Set(expected);

describe('knowledge-base procedure files', () => {
  it('the KB folder holds only .yaml entries', () => {
    if (!existsSync(kbDir)) return;
    const others = readdirSync(kbDir).filter((f) => !f.endsWith('.yaml') && !f.startsWith('.'));
    expect(others).toEqual([]);
  });

  it.skipIf(expected.length === 0)('every slug of procedures.csv has a file', () => {
    const present = new Set(files.map((f) => basename(f, '.yaml')));
    expect(expected.filter((s) => !present.has(s))).toEqual([]);
  });

  describe.each(files)('%s', (file) => {
    let raw: unknown;
    let yamlError: string | undefined;
    try {
      raw = parse(readFileSync(join(kbDir, file), 'utf8'));
    } catch (err) {
      yamlError = err instanceof Error ? err.message : String(err);
    }
    const result = entrySchema.safeParse(raw);

    it('is valid YAML and parses with the entry schema', () => {
      expect(yamlError).toBeUndefined();
      expect(result.success ? [] : result.error.issues).toEqual([]);
    });

    const entry = result.success ? (result.data as KbEntry) : undefined;

    it('has a slug equal to the file name and listed in procedures.csv', () => {
      expect(entry?.slug).toBe(basename(file, '.yaml'));
      if (knownSlugs.size > 0) expect(knownSlugs.has(basename(file, '.yaml'))).toBe(true);
    });

    it(`has at least ${MIN_QUESTIONS} questions, none repeated once lowercased`, () => {
      const qs = entry?.questions ?? [];
      expect(qs.length).toBeGreaterThanOrEqual(MIN_QUESTIONS);
      const seen = new Map<string, number>();
      for (const q of qs) {
        const key = q.normalize('NFC').trim().toLowerCase();
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
      expect([...seen].filter(([, n]) => n > 1).map(([q]) => q)).toEqual([]);
    });

    it('has valid fee windows (real dates, from ≤ to) and dated sources', () => {
      for (const fee of entry?.fees ?? []) {
        if (fee.from) expect(isRealDate(fee.from), `${fee.label} from`).toBe(true);
        if (fee.to) expect(isRealDate(fee.to), `${fee.label} to`).toBe(true);
        if (fee.from && fee.to) expect(fee.from <= fee.to, fee.label).toBe(true);
      }
      for (const [key, src] of Object.entries(entry?.sources ?? {})) {
        expect(isRealDate(src.date), `source ${key}`).toBe(true);
      }
      if (entry) expect(isRealDate(entry.lastChecked)).toBe(true);
    });

    it('does not mark a fee amount or a legal basis verified on the internal procedures table alone', () => {
      const internal = (key: string) => /nội bộ Bình Yên/.test(entry?.sources[key]?.title ?? '');
      const amounts = (entry?.fees ?? []).filter((f) => f.amountVnd !== undefined).map((f) => ({ ...f, text: f.label }));
      const facts = [...amounts, ...(entry?.legalBasis ?? [])];
      expect(facts.filter((f) => f.verified && f.sources.every(internal)).map((f) => f.text)).toEqual([]);
    });

    it('writes every text in NFC', () => {
      const notNfc = collectStrings(raw).filter((s) => s !== s.normalize('NFC'));
      expect(notNfc).toEqual([]);
    });

    it('points related entries at known slugs, never at itself', () => {
      for (const rel of entry?.related ?? []) {
        expect(rel).not.toBe(entry?.slug);
        if (knownSlugs.size > 0) expect(knownSlugs.has(rel), rel).toBe(true);
      }
    });
  });
});
