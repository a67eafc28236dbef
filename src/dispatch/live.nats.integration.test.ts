import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/db.ts';
import { createTestDb } from '../db/test-db.ts';
import { createNatsBus } from '../shared/bus.nats.ts';
import { login } from '../../test/support/platform.ts';
import { createStaffUser, STAFF_PASSWORD, waitFor, WARD_A, WARD_B } from './testing.ts';

const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
type Ws = { on(ev: string, fn: (...a: never[]) => void): void; close(): void };
const WebSocket = createRequire(import.meta.url)('ws') as new (u: string, o: { headers: Record<string, string> }) => Ws;

/** Two server processes (two platforms, one database, one NATS JetStream): an incident created on A
 * reaches consoles connected to B, still filtered by ward. */
describe('live updates across server processes (NATS)', () => {
  let db: Db;
  let a: Platform;
  let b: Platform;
  beforeAll(async () => {
    db = await createTestDb();
    const shared: Db = { ...db, close: async () => undefined };
    const tag = randomUUID().replace(/-/g, '').slice(0, 12);
    const config = loadConfig({ ADMIN_PASSWORD: 'admin-test-password', LOG_LEVEL: 'silent', PORT: '0', ALARM_PORT: '0', SIP_PORT: '0' });
    a = await createPlatform(config, { db: shared, bus: await createNatsBus({ url, stream: `T_${tag}`, prefix: `t${tag}`, deleteStreamOnClose: true }) });
    b = await createPlatform(config, { db: shared, bus: await createNatsBus({ url, stream: `T_${tag}`, prefix: `t${tag}` }) });
    await b.listen();
    await createStaffUser(db, { username: 'x.dp', role: 'dispatcher' });
    await createStaffUser(db, { username: 'x.a', role: 'ward_officer', wardCode: WARD_A });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await db?.close();
  });

  it('fans out an event published by one process to the sockets of another, by ward scope', async () => {
    const port = (b.app.server.address() as AddressInfo).port;
    const open = async (user: string) => {
      const s = await login(b, user, STAFF_PASSWORD);
      const got: Array<{ type: string; event?: { payload: { incident?: { id: string } } } }> = [];
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/live`, { headers: { cookie: s.cookie } });
      ws.on('message', (d: never) => got.push(JSON.parse(String(d))));
      await new Promise<void>((res, rej) => {
        ws.on('open', () => res());
        ws.on('error', (e: never) => rej(e));
      });
      return { ws, got };
    };
    const dp = await open('x.dp');
    const wa = await open('x.a');
    const inA = await a.dispatch.incidents.createIncident({ source: 'alarm', type: 'fire', wardCode: WARD_A, actor: 'system:test' });
    const inB = await a.dispatch.incidents.createIncident({ source: 'call', type: 'crime', wardCode: WARD_B, actor: 'system:test' });
    const ids = (g: typeof dp.got) => g.filter((m) => m.type === 'event').map((m) => m.event!.payload.incident?.id);
    await waitFor(() => ids(dp.got).includes(inA.id) && ids(dp.got).includes(inB.id), 5000);
    await waitFor(() => ids(wa.got).includes(inA.id), 5000);
    await new Promise((r) => setTimeout(r, 200));
    expect(ids(wa.got)).not.toContain(inB.id);
    dp.ws.close();
    wa.ws.close();
  });
});
