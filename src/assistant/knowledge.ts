import type { KbEntry } from '../kb/entry.schema.ts';
import type { KnowledgeBase } from '../kb/kb.module.ts';
import { createEngine, proceduresFromEntries, type Engine } from '../nlp/index.ts';
import type { Subscription } from '../shared/bus.ts';
import type { Logger } from '../shared/logger.ts';

/**
 * The language engine trained on the published knowledge base, with the entries it was trained on.
 * Trained at start-up; retrained when an entry is published (bus `kb.published`, debounced, one training at
 * a time) and swapped atomically: a message is always classified and answered from one consistent snapshot.
 */

export interface PublishedEntry {
  entry: KbEntry;
  versionId: number | null;
}

export interface Knowledge {
  engine: Engine;
  entries: ReadonlyMap<string, PublishedEntry>;
}

export interface KnowledgeDeps {
  kb: Pick<KnowledgeBase, 'onPublished'> & { service: Pick<KnowledgeBase['service'], 'publishedEntries'> };
  log: Logger;
  /** Wait after a publication before retraining (several publications in a row train once). */
  debounceMs?: number;
}

export interface KnowledgeHolder {
  current(): Knowledge;
  /** Trains from the published entries now and swaps the snapshot. */
  reload(): Promise<Knowledge>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createKnowledgeHolder(deps: KnowledgeDeps): KnowledgeHolder {
  const debounceMs = deps.debounceMs ?? 250;
  let snapshot: Knowledge | null = null;
  let sub: Subscription | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<Knowledge> | null = null;
  let again = false;

  async function train(): Promise<Knowledge> {
    // One read: each entry's content and its version id come from the same row.
    const published = await deps.kb.service.publishedEntries();
    const entries = published.map((p) => p.entry);
    const t0 = performance.now();
    const engine = createEngine({ procedures: proceduresFromEntries(entries) });
    const next: Knowledge = {
      engine,
      entries: new Map(published.map((p) => [p.entry.slug, { entry: p.entry, versionId: p.versionId }])),
    };
    snapshot = next;
    deps.log.info({ procedures: entries.length, trainMs: Math.round(performance.now() - t0) }, 'assistant language engine trained');
    return next;
  }

  function reload(): Promise<Knowledge> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        let k = await train();
        while (again) {
          again = false;
          k = await train();
        }
        return k;
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    current() {
      if (!snapshot) throw new Error('assistant knowledge not loaded yet');
      return snapshot;
    },
    reload,
    async start() {
      await reload();
      sub = await deps.kb.onPublished(() => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = null;
          reload().catch((err: unknown) => deps.log.error({ err }, 'assistant retraining failed; keeping the previous engine'));
        }, debounceMs);
        timer.unref?.();
      });
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await sub?.unsubscribe();
      sub = null;
      await running?.catch(() => undefined);
    },
  };
}
