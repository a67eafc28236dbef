import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { AuditLog } from '../auth/audit.repository.ts';
import type { Db } from '../db/db.ts';
import type { IncidentService } from '../dispatch/incident.service.ts';
import type { RouteModule } from '../http/server.ts';
import type { KnowledgeBase } from '../kb/kb.module.ts';
import type { OrgService } from '../org/org.service.ts';
import type { BusEvent, EventBus, Subscription } from '../shared/bus.ts';
import type { Logger } from '../shared/logger.ts';
import { fsAttachmentStore } from './attachment-store.fs.ts';
import type { AttachmentStore } from './attachments.ts';
import { chatRoutes } from './chat.routes.ts';
import { createConversationRepository } from './conversation.repository.ts';
import { createConversationService } from './conversation.service.ts';
import type { FlowDeps } from './flows/common.ts';
import { createHandoffService, HANDOFF_EVENTS } from './handoff.service.ts';
import { createKnowledgeHolder } from './knowledge.ts';
import { createMessageWaiters } from './message-waiters.ts';
import { createRateLimiter } from './rate-limiter.ts';
import { createReportService } from './report.service.ts';
import { staffRoutes } from './staff.routes.ts';

/** Tunables; defaults suit production. Benchmarks and tests raise the limits. */
export interface AssistantOptions {
  /** Chat messages per client IP per minute (0 = no limit). */
  messagesPerMinutePerIp: number;
  /** Chat messages per conversation per minute (0 = no limit). */
  messagesPerMinutePerConversation: number;
  /** Report lookups / uploads and history polls (×10) per client IP per minute. */
  lookupsPerMinutePerIp: number;
  /** Wrong-or-right secret attempts per key (IP, tracking code, conversation) per window. */
  secretAttempts: number;
  secretAttemptWindowMs: number;
  /** How often expired conversations are deleted. */
  retentionSweepMs: number;
  /** Longest wait of a long-polling history request. */
  longPollMaxMs: number;
  /**
   * Keep conversation rows in memory between messages (default: with embedded PGlite, which only this process
   * can open). With PostgreSQL shared by several processes leave it off unless every message of a conversation
   * reaches the same process; a turn stored against a row another process changed is answered again.
   */
  conversationCache?: boolean;
}

export const DEFAULT_ASSISTANT_OPTIONS: AssistantOptions = {
  messagesPerMinutePerIp: 30,
  messagesPerMinutePerConversation: 20,
  lookupsPerMinutePerIp: 20,
  secretAttempts: 10,
  secretAttemptWindowMs: 15 * 60_000,
  retentionSweepMs: 60 * 60_000,
  longPollMaxMs: 25_000,
};

export interface AssistantDeps {
  db: Db;
  bus: EventBus;
  log: Logger;
  now: () => Date;
  org: OrgService;
  kb: KnowledgeBase;
  /** The command center's incident service; null when dispatch is not wired. */
  incidents: Pick<IncidentService, 'createIncident' | 'update'> | null;
  audit: AuditLog;
  /** The officers' WebSocket hub (src/dispatch live.ts): hand-off, chat and report events are forwarded to it. */
  live?: { broadcast(event: BusEvent): void };
  /** config.chatRetentionDays: conversations (and their messages, hand-offs) are deleted after this inactivity. */
  retentionDays: number;
  /** DATA_DIR: evidence files go to DATA_DIR/uploads (unless `store` is given). */
  dataDir: string;
  store?: AttachmentStore;
  random?: (n: number) => Uint8Array;
  /** Key of the HMAC applied to channel user ids (e.g. the Zalo OA secret). */
  externalIdKey?: string;
  options?: Partial<AssistantOptions>;
}

/** The virtual assistant capability, composed (see README.md): services, routes, background jobs. */
export function createAssistant(deps: AssistantDeps) {
  const log = deps.log.child({ module: 'assistant' });
  const opts = { ...DEFAULT_ASSISTANT_OPTIONS, ...deps.options };
  const random = deps.random ?? ((n: number) => randomBytes(n));
  const retentionMs = deps.retentionDays * 86_400_000;
  const wardNames = new Map(deps.org.listWards().map((w) => [w.code, w.name]));
  const wardName = (code: string) => wardNames.get(code) ?? null;
  // one process owns an embedded database: conversation rows can stay in memory between messages
  const conversationsRepo = createConversationRepository(deps.db, { cache: opts.conversationCache ?? deps.db.kind === 'pglite' });
  const knowledge = createKnowledgeHolder({ kb: deps.kb, log });
  const handoffs = createHandoffService({ db: deps.db, bus: deps.bus, log, now: deps.now, audit: deps.audit, conversations: conversationsRepo, wardName, retentionMs });
  const reports = createReportService({
    db: deps.db, bus: deps.bus, log, now: deps.now, random, audit: deps.audit, wardName,
    store: deps.store ?? fsAttachmentStore(path.join(deps.dataDir, 'uploads')),
  });
  const secretAttempts = createRateLimiter({ max: opts.secretAttempts, windowMs: opts.secretAttemptWindowMs });
  const flows: FlowDeps = {
    org: deps.org,
    incidents: deps.incidents,
    handoffs,
    reports,
    feedback: deps.kb.feedback,
    statusAttempts: secretAttempts,
    wardName,
    uploadPath: (code) => `/api/v1/reports/${code}/attachments`,
  };
  const conversations = createConversationService({
    db: deps.db, knowledge, flows, handoffs, log, retentionDays: deps.retentionDays, random,
    externalIdKey: deps.externalIdKey ?? 'binh-yen-external-user-id', conversations: conversationsRepo,
    versionContent: async (id) => (await deps.kb.service.getVersion(id)).content,
  });
  const waiters = createMessageWaiters();
  const subs: Subscription[] = [];
  let sweeper: ReturnType<typeof setInterval> | null = null;

  /** Deletes conversations past the retention period; reports are kept (their own retention, see README). */
  async function sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await conversationsRepo.deleteExpired(deps.now(), 1000);
      total += n;
      if (n < 1000) break;
    }
    if (total) log.info({ deleted: total }, 'expired conversations deleted');
    return total;
  }

  const routes: RouteModule[] = [
    {
      prefix: '/api/v1',
      plugin: chatRoutes({
        conversations, handoffs, reports, feedback: deps.kb.feedback, waiters, now: deps.now,
        limits: {
          messagesPerMinutePerIp: opts.messagesPerMinutePerIp,
          messagesPerConversation: opts.messagesPerMinutePerConversation > 0 ? createRateLimiter({ max: opts.messagesPerMinutePerConversation, windowMs: 60_000 }) : null,
          lookupsPerMinutePerIp: opts.lookupsPerMinutePerIp,
          secretAttempts,
        },
        longPollMaxMs: opts.longPollMaxMs,
      }),
    },
    { prefix: '/api/v1', plugin: staffRoutes({ handoffs, reports }) },
  ];

  return {
    conversations,
    handoffs,
    reports,
    knowledge,
    routes,
    options: opts,
    sweep,
    /** Trains the engine (before the server reports ready), subscribes to events, starts the retention job. */
    async start() {
      await knowledge.start();
      subs.push(await deps.bus.subscribe(HANDOFF_EVENTS.message, (e) => waiters.notify((e.payload as { conversationId: string }).conversationId)));
      if (deps.live) {
        const live = deps.live;
        for (const pattern of ['handoff.*', 'chat.*', 'report.*']) subs.push(await deps.bus.subscribe(pattern, (e) => live.broadcast(e)));
      }
      await sweep().catch((err: unknown) => log.error({ err }, 'retention sweep failed'));
      sweeper = setInterval(() => void sweep().catch((err: unknown) => log.error({ err }, 'retention sweep failed')), opts.retentionSweepMs);
      sweeper.unref?.();
    },
    async stop() {
      if (sweeper) clearInterval(sweeper);
      sweeper = null;
      waiters.releaseAll();
      for (const s of subs.splice(0)) await s.unsubscribe().catch(() => undefined);
      await knowledge.stop();
    },
  };
}

export type Assistant = ReturnType<typeof createAssistant>;
