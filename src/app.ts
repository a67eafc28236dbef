import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { createAlarmsModule, type AlarmsModule } from './alarms/alarms.module.ts';
import { createAuditLog } from './auth/audit.repository.ts';
import { createAssistant, type Assistant, type AssistantOptions } from './assistant/assistant.module.ts';
import { createZaloModule, type ZaloModule, type ZaloModuleDeps } from './assistant/channels/zalo/zalo.module.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { createAuthService } from './auth/auth.service.ts';
import { createUserRepository } from './auth/user.repository.ts';
import type { Config } from './config.ts';
import type { Db } from './db/db.ts';
import { migrate } from './db/migrate.ts';
import { openPg } from './db/pg.ts';
import { openPglite } from './db/pglite.ts';
import { buildServer, type RouteModule } from './http/server.ts';
import { createDispatchModule, wardResolverFrom, type DispatchModule } from './dispatch/dispatch.module.ts';
import { createKnowledgeBase, type KnowledgeBase } from './kb/kb.module.ts';
import { orgRoutes } from './org/org.routes.ts';
import { createOrgService, type OrgService } from './org/org.service.ts';
import type { EventBus } from './shared/bus.ts';
import { createMemoryBus } from './shared/bus.memory.ts';
import { createNatsBus } from './shared/bus.nats.ts';
import { createLogger, type Logger } from './shared/logger.ts';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Platform {
  app: FastifyInstance;
  db: Db;
  bus: EventBus;
  log: Logger;
  /** Knowledge base (procedure entries, editorial workflow, assistant feedback). */
  kb: KnowledgeBase;
  /** Organisation: the 126 wards, former units, police units and the address resolver (src/org). */
  org: OrgService;
  /** Command Information Center: incidents, units, live console updates (src/dispatch). */
  dispatch: DispatchModule;
  /** Alarm monitoring: DC-09 receiver (`alarms.ports` once listening), accounts, alarm handling, supervision (src/alarms). */
  alarms: AlarmsModule;
  /** Virtual assistant: conversations on every channel, hand-offs to ward officers, reports (src/assistant). */
  assistant: Assistant;
  /** Zalo OA channel (webhook + outbound client) on the assistant's conversation core (src/assistant/channels/zalo). */
  zalo: ZaloModule;
  /** Starts the network listeners (HTTP and the others) on the configured ports. */
  listen(): Promise<void>;
  close(): Promise<void>;
}

export interface PlatformOverrides {
  db?: Db;
  bus?: EventBus;
  log?: Logger;
  now?: () => Date;
  /** Directory of the knowledge-base entry files (default kb/procedures). */
  kbDir?: string;
  /** Assistant tunables (rate limits for benchmarks and tests). */
  assistant?: Partial<AssistantOptions>;
  /** Zalo channel tunables (tests: retry backoff, replay window). */
  zalo?: Pick<ZaloModuleDeps, 'client' | 'maxSkewMs'>;
}

/** Composes the whole platform from its configuration: storage, bus, services, HTTP. */
export async function createPlatform(config: Config, overrides: PlatformOverrides = {}): Promise<Platform> {
  const log = overrides.log ?? createLogger(config.logLevel);
  const now = overrides.now ?? (() => new Date());
  let ready = false;

  const db =
    overrides.db ??
    (config.databaseUrl ? await openPg(config.databaseUrl) : await openPglite(path.join(config.dataDir, 'pgdata')));
  const applied = await migrate(db);
  if (applied.length) log.info({ migrations: applied }, 'database migrated');

  const bus = overrides.bus ?? (config.natsUrl ? await createNatsBus({ url: config.natsUrl, log }) : createMemoryBus(log));

  const audit = createAuditLog(db);

  // Organisation (city police, 126 ward units, former units) — see src/org.
  const org = createOrgService({ db, log, geojsonPath: config.adminGeojson, audit, now });
  await org.seed();
  const isWard = async (code: string) => org.isWard(code);

  const users = createUserRepository(db);
  const auth = createAuthService({ users, audit, db, isWard });
  const boot = await auth.bootstrapAdmin(config.adminPassword);
  if (boot.generatedPassword) {
    // Printed once, on purpose outside the structured log.
    process.stdout.write(
      `\n  Tài khoản quản trị đã được tạo / admin account created\n  username: admin\n  password: ${boot.generatedPassword}\n  (chỉ hiển thị một lần — đổi mật khẩu sau khi đăng nhập / shown once, change it after login)\n\n`,
    );
  }

  // Knowledge base: kb/procedures/*.yaml loaded into versioned storage; editors publish newer versions — see src/kb.
  const kb = createKnowledgeBase({ db, bus, log: log.child({ module: 'kb' }), now, dir: overrides.kbDir ?? path.join(ROOT_DIR, 'kb', 'procedures') });
  await kb.sync().catch((err: unknown) => log.error({ err }, 'kb files not loaded; serving the stored versions'));

  // Command Information Center (computer-aided dispatch): incidents, units, live console updates — see src/dispatch.
  const dispatch = createDispatchModule({ db, bus, log, audit, auth, now: overrides.now, resolveWard: wardResolverFrom(org), agencyId: config.agencyId });

  // Alarm monitoring: SIA DC-09 receiver on ALARM_PORT, premises, fire alarms → incidents, troubles, supervision — see src/alarms.
  const alarms = createAlarmsModule({ db, bus, log, audit, org, incidents: dispatch.incidents, now: overrides.now, port: config.alarmPort, host: config.host });

  // Virtual assistant: one conversation core for every channel, hand-offs, reports and evidence — see src/assistant.
  const assistant = createAssistant({
    db, bus, log, now, org, kb, incidents: dispatch.incidents, audit, live: dispatch.hub,
    retentionDays: config.chatRetentionDays, dataDir: config.dataDir, externalIdKey: config.zalo.secret, options: overrides.assistant,
  });

  // Zalo OA channel: webhook → the same conversation core; replies and officers' messages → OA API v3.
  const zalo = createZaloModule({
    config: config.zalo, db, bus, log, now, conversations: assistant.conversations, ...overrides.zalo,
  });

  const routes: RouteModule[] = [
    { prefix: '/api/v1', plugin: authRoutes({ auth, users, audit, cookieSecure: config.cookieSecure, now: overrides.now }) },
    dispatch.routes,
    alarms.routes,
    { prefix: '/api/v1', plugin: kb.routes },
    { prefix: '/api/v1', plugin: orgRoutes({ org }) },
    ...assistant.routes,
    zalo.routes,
  ];

  const app = await buildServer({
    log,
    auth,
    audit,
    routes,
    webDist: path.join(ROOT_DIR, 'web', 'dist'),
    isReady: () => ready,
    extend: dispatch.extend,
    widgetAllowedOrigins: config.widgetAllowedOrigins,
    https: config.cookieSecure,
  });
  await app.ready();
  await dispatch.start({ demo: config.demo });
  await alarms.start();
  await assistant.start();
  await zalo.start();
  ready = true;

  return {
    app,
    db,
    bus,
    log,
    dispatch,
    alarms,
    assistant,
    zalo,
    org,
    kb,
    async listen() {
      await app.listen({ port: config.port, host: config.host });
      await alarms.listen();
    },
    async close() {
      ready = false;
      await zalo.stop();
      await assistant.stop();
      await alarms.stop();
      await dispatch.stop();
      await app.close();
      await bus.close();
      await db.close();
    },
  };
}
