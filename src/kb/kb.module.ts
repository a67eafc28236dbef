import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createAuditLog } from '../auth/audit.repository.ts';
import type { Db } from '../db/db.ts';
import type { EventBus, Subscription } from '../shared/bus.ts';
import type { Logger } from '../shared/logger.ts';
import { createKbFeedbackRepository, type KbFeedbackRepository } from './feedback.repository.ts';
import { syncFromFiles, type SyncReport } from './kb-sync.ts';
import { onPublished, type KbPublishedEvent } from './kb.events.ts';
import { kbRoutes } from './kb.routes.ts';
import { createKbService, type KbService } from './kb.service.ts';
import { loadEntries } from './load-entries.ts';

export interface KnowledgeBaseDeps {
  db: Db;
  bus: EventBus;
  log: Logger;
  now: () => Date;
  /** Directory of the entry files (kb/procedures). */
  dir: string;
}

export interface KnowledgeBase {
  service: KbService;
  /** For the assistant: recordFeedback, recordUnanswered, listUnanswered. */
  feedback: KbFeedbackRepository;
  /** Reads the files and loads them into the database (see syncFromFiles for the rule). Never throws on a bad file. */
  sync(): Promise<SyncReport>;
  lastReport(): SyncReport | null;
  /** Every publication (file import or approval), in every process: retrain/reload here. */
  onPublished(listener: (e: KbPublishedEvent) => void | Promise<void>): Promise<Subscription>;
  routes: FastifyPluginAsyncZod;
}

/** Composes the knowledge-base capability; main/app wiring calls `sync()` once at start. */
export function createKnowledgeBase(deps: KnowledgeBaseDeps): KnowledgeBase {
  const service = createKbService(deps);
  const feedback = createKbFeedbackRepository(deps.db);
  let last: SyncReport | null = null;
  let running: Promise<SyncReport> | null = null;

  const sync = () => {
    // One sync at a time per process (start-up and the admin's reload); other processes are serialized by row locks.
    running ??= (async () => {
      try {
        last = await syncFromFiles(deps, await loadEntries(deps.dir));
        return last;
      } finally {
        running = null;
      }
    })();
    return running;
  };

  return {
    service,
    feedback,
    sync,
    lastReport: () => last,
    onPublished: (listener) => onPublished(deps.bus, listener),
    routes: kbRoutes({ kb: service, feedback, audit: createAuditLog(deps.db), files: { lastReport: () => last, reload: sync }, now: deps.now }),
  };
}
