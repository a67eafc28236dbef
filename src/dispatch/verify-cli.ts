/**
 * `npm run timeline:verify`: checks the hash chain of every incident timeline in the configured database
 * (DATABASE_URL, or the embedded database under DATA_DIR — stop the server first, PGlite allows one process).
 * Prints the first broken link of each failing incident; exits 1 when any chain is broken, 2 on error.
 */
import path from 'node:path';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/db.ts';
import { openPg } from '../db/pg.ts';
import { openPglite } from '../db/pglite.ts';
import { createMemoryBus } from '../shared/bus.memory.ts';
import { createLogger } from '../shared/logger.ts';
import { createIncidentService } from './incident.service.ts';

export async function verifyDatabase(db: Db, out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<boolean> {
  const log = createLogger('silent');
  const bus = createMemoryBus(log);
  const incidents = createIncidentService({ db, bus, log });
  const [exists] = await db.query<{ t: string | null }>(`select to_regclass('incident_timeline')::text as t`);
  if (!exists?.t) {
    out('Chưa có bảng incident_timeline (cơ sở dữ liệu chưa được khởi tạo). / No incident timeline table yet.');
    return true;
  }
  const r = await incidents.verifyAll();
  await bus.close();
  for (const f of r.failures) {
    out(`HỎNG / BROKEN  ${f.code} (${f.incidentId}): mục #${f.broken?.seq} — ${f.broken?.reason}${f.broken?.expected ? ` (expected ${f.broken.expected}, found ${f.broken.found})` : ''}`);
  }
  out(`Đã kiểm tra ${r.checked} sự cố; ${r.failures.length} chuỗi bị phá vỡ. / Checked ${r.checked} incidents; ${r.failures.length} broken chains.`);
  return r.failures.length === 0;
}

async function main() {
  const config = loadConfig();
  const db = config.databaseUrl ? await openPg(config.databaseUrl, { max: 2 }) : await openPglite(path.join(config.dataDir, 'pgdata'));
  try {
    process.exitCode = (await verifyDatabase(db)) ? 0 : 1;
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('verify-cli.ts')) {
  main().catch((err: unknown) => {
    process.stderr.write(`timeline:verify failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  });
}
