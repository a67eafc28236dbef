import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { contentHash, normalizeStrings, sha256Hex } from './canonical.ts';
import { entrySchema, type KbEntry } from './entry.schema.ts';
import { pathKey, pathLabel } from './field-labels.ts';

/** One problem in an entry, in Vietnamese, with the field it concerns. */
export interface FieldError {
  /** Machine path: "fees.2.amountVnd" ("" = the whole entry). */
  field: string;
  /** The same for people: "Lệ phí › mục 3 › Số tiền". */
  label: string;
  message: string;
}

export interface LoadedEntry {
  slug: string;
  /** File name inside the directory ("cu-tru.dang-ky-thuong-tru.yaml"). */
  file: string;
  entry: KbEntry;
  /** sha256 of the canonical JSON of `entry`: formatting-only edits of the file keep the same hash. */
  contentHash: string;
  /** sha256 of the file bytes. */
  fileHash: string;
}

export interface EntryFileError {
  file: string;
  message: string;
  fields: FieldError[];
}

export interface LoadResult {
  dir: string;
  entries: LoadedEntry[];
  errors: EntryFileError[];
}

export type ValidationResult = { ok: true; entry: KbEntry } | { ok: false; fields: FieldError[] };

const viErrors = z.locales.vi().localeError;

/** Validates a raw entry (parsed YAML or JSON from the editor) with `entrySchema`; messages in Vietnamese. */
export function validateEntry(raw: unknown): ValidationResult {
  const result = entrySchema.safeParse(normalizeStrings(raw), { error: viErrors });
  if (result.success) return { ok: true, entry: result.data };
  return {
    ok: false,
    fields: result.error.issues.map((i) => ({ field: pathKey(i.path), label: pathLabel(i.path), message: i.message })),
  };
}

/** Parses and validates one file's text. The slug inside must equal the file name. */
export function parseEntryFile(file: string, text: string): LoadedEntry | EntryFileError {
  const fileHash = sha256Hex(text);
  let raw: unknown;
  try {
    raw = parse(text, { prettyErrors: true });
  } catch (err) {
    return { file, message: `Lỗi cú pháp YAML: ${(err as Error).message}`, fields: [] };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { file, message: 'Tệp không chứa một mục tri thức (cần một đối tượng YAML).', fields: [] };
  }
  const v = validateEntry(raw);
  if (!v.ok) return { file, message: `Mục không hợp lệ (${v.fields.length} lỗi).`, fields: v.fields };
  const expected = path.basename(file, '.yaml');
  if (v.entry.slug !== expected) {
    const label = pathLabel(['slug']);
    return {
      file,
      message: 'Slug trong tệp khác tên tệp.',
      fields: [{ field: 'slug', label, message: `slug "${v.entry.slug}" phải trùng tên tệp "${expected}"` }],
    };
  }
  return { slug: v.entry.slug, file, entry: v.entry, contentHash: contentHash(v.entry), fileHash };
}

export const isLoadError = (r: LoadedEntry | EntryFileError): r is EntryFileError => !('entry' in r);

/**
 * Reads every `*.yaml` in `dir` (non-recursive, sorted by name). A broken file never throws: it is
 * skipped and reported in `errors`. A missing directory gives an empty result.
 */
export async function loadEntries(dir: string): Promise<LoadResult> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { dir, entries: [], errors: [] };
    throw err;
  }
  const entries: LoadedEntry[] = [];
  const errors: EntryFileError[] = [];
  for (const file of names) {
    let text: string;
    try {
      text = await readFile(path.join(dir, file), 'utf8');
    } catch (err) {
      errors.push({ file, message: `Không đọc được tệp: ${(err as NodeJS.ErrnoException).code ?? 'lỗi'}`, fields: [] });
      continue;
    }
    const r = parseEntryFile(file, text);
    if (isLoadError(r)) errors.push(r);
    else entries.push(r);
  }
  return { dir, entries, errors };
}
