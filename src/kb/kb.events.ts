import type { EventBus, Subscription } from '../shared/bus.ts';
import type { VersionSource, VersionState } from './kb.repository.ts';

/** Bus event `kb.published`: a version became the live one for its entry (file import or approval). */
export interface KbPublishedEvent {
  slug: string;
  versionId: number;
  version: number;
  source: VersionSource;
  /** The version it replaced (now archived), null for a new entry. */
  previousVersionId: number | null;
  contentHash: string;
  publishedAt: string;
  /** Username of the approver; null for a file import. */
  by: string | null;
}

/** Bus event `kb.version_changed`: any other state change (draft created/edited, submitted, rejected, file conflict). */
export interface KbVersionChangedEvent {
  slug: string;
  versionId: number;
  state: VersionState;
  action: 'draft_created' | 'draft_updated' | 'submitted' | 'rejected' | 'file_conflict' | 'superseded';
}

export const KB_PUBLISHED = 'kb.published';
export const KB_VERSION_CHANGED = 'kb.version_changed';

/**
 * Calls `listener` for every publication, in this process and (with NATS) in every other one: the NLP engine
 * subscribes here to retrain without a deploy. Listener errors are logged by the bus, never thrown back.
 */
export function onPublished(bus: EventBus, listener: (e: KbPublishedEvent) => void | Promise<void>): Promise<Subscription> {
  return bus.subscribe(KB_PUBLISHED, (event) => listener(event.payload as KbPublishedEvent));
}
