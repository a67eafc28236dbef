/**
 * The receiver alone, for the crash test and the benchmark (the platform wires the receiver in src/alarms/alarms.module.ts):
 *
 *   tsx src/alarms/receiver/standalone.ts --store pglite --data-dir DIR [--port 0] [--host 127.0.0.1]
 *       [--account ACCT:KEY:hex|ascii ...] [--no-udp]
 *   tsx src/alarms/receiver/standalone.ts --store null      (storage off: the benchmark ceiling)
 *
 * Prints one line `READY {"tcpPort":N,"udpPort":N}` on stdout once listening; SIGTERM/SIGINT stop it cleanly.
 */
import { parseArgs } from 'node:util';
import type { Db } from '../../db/db.ts';
import { migrate } from '../../db/migrate.ts';
import { openPglite } from '../../db/pglite.ts';
import { AlarmAccountRepository } from '../alarm-account.repository.ts';
import { AlarmEventRepository } from '../alarm-event.repository.ts';
import type { KeyFormat } from '../dc09/crypto.ts';
import { NullAlarmStore } from './memory-store.ts';
import type { AccountDirectory, AlarmStore } from './ports.ts';
import { createAlarmReceiver } from './receiver.ts';
import { StaticAccountDirectory } from './static-directory.ts';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'pglite' },
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    account: { type: 'string', multiple: true, default: [] },
    'no-udp': { type: 'boolean', default: false },
  },
});

const accounts = (values.account ?? []).map((a) => {
  const [account, key, keyFormat] = a.split(':');
  return { account: account!, key: key || null, keyFormat: (keyFormat ?? 'hex') as KeyFormat, enabled: true };
});

let db: Db | null = null;
let store: AlarmStore;
let directory: AccountDirectory;
if (values.store === 'null') {
  store = new NullAlarmStore();
  directory = new StaticAccountDirectory(accounts);
} else if (values.store === 'pglite') {
  if (!values['data-dir']) throw new Error('--data-dir is required with --store pglite');
  db = await openPglite(values['data-dir']);
  await migrate(db);
  const repo = new AlarmAccountRepository(db);
  for (const a of accounts) await repo.upsert(a);
  store = new AlarmEventRepository(db);
  directory = repo;
} else {
  throw new Error(`unknown --store ${values.store}`);
}

const receiver = createAlarmReceiver(
  { store, directory },
  { port: Number(values.port), host: values.host, udp: !values['no-udp'] },
);
const ports = await receiver.start();
process.stdout.write(`READY ${JSON.stringify(ports)}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await receiver.stop();
  process.stderr.write(`STATS ${JSON.stringify(receiver.stats())}\n`);
  await db?.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
