import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Loads the DC-09 test vectors copied into test/fixtures/dc09 (tests only). */
export const FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/dc09');

export interface Vector {
  id: string;
  source: string;
  raw: string;
  rawHex: string;
  key: string | null;
  keyFormat: 'hex' | 'ascii' | null;
  computed?: Record<string, unknown> & { crcValid?: boolean; lengthValid?: boolean; account?: string | null };
  expected?: Record<string, string>;
  expectedBySource?: Record<string, unknown>;
  expectedOutcome?: string;
  description?: string;
}

export function loadVectors(name: 'strict' | 'lenient' | 'negative' | 'derived'): Vector[] {
  return readFileSync(path.join(FIXTURES_DIR, `dc09-frames-${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Vector);
}

export const bytesOf = (v: Vector): Buffer => Buffer.from(v.rawHex, 'hex');
