import type { Queryable } from '../db/db.ts';
import type { EventBus } from '../shared/bus.ts';
import type { Logger } from '../shared/logger.ts';
import type { KbPublishedEvent, KbVersionChangedEvent } from './kb.events.ts';
import { kbRepository, type VersionRow } from './kb.repository.ts';

/** Events to publish once the transaction that caused them has committed. */
export type PendingEvents = Array<{ type: string; payload: KbPublishedEvent | KbVersionChangedEvent }>;

/**
 * Makes `v` the live version of its entry (inside the caller's transaction): the previous live version is
 * archived, never deleted. Returns the `kb.published` event to send after commit.
 */
export async function publishVersion(tx: Queryable, v: VersionRow, by: string | null, at: Date): Promise<KbPublishedEvent> {
  const repo = kbRepository(tx);
  const entry = await repo.getEntry(v.slug);
  const previous = entry?.currentVersionId ?? null;
  if (previous !== null && previous !== v.id) await repo.updateVersion(previous, { state: 'archived', archivedAt: at, at });
  if (v.state !== 'published') await repo.updateVersion(v.id, { state: 'published', publishedAt: at, at });
  await repo.setCurrent(v.slug, v.id, at);
  return {
    slug: v.slug, versionId: v.id, version: v.version, source: v.source, previousVersionId: previous === v.id ? null : previous,
    contentHash: v.contentHash, publishedAt: at.toISOString(), by,
  };
}

/** Sends events after commit; a bus failure is logged, the committed change stands. */
export async function sendEvents(bus: EventBus, log: Logger, events: PendingEvents): Promise<void> {
  for (const e of events) {
    try {
      await bus.publish(e.type, e.payload);
    } catch (err) {
      log.error({ err, eventType: e.type, slug: e.payload.slug }, 'kb event not published');
    }
  }
}

