import type { Queryable } from '../db/db.ts';
import { normalizeQuestion, redactPersonalData } from './redact.ts';

/**
 * What the assistant learns from citizens, for knowledge editors: answer feedback and unanswered questions.
 * Called by the assistant (src/assistant); read by the admin UI through kb.routes.ts.
 */

export interface FeedbackInput {
  conversationId?: string | null;
  slug?: string | null;
  /** The published version that was shown, when known. */
  versionId?: number | null;
  helpful: boolean;
  /** Free text from the citizen; phone/ID numbers etc. are masked before storing. */
  comment?: string | null;
  at: Date;
}

export interface FeedbackRow {
  id: number;
  conversationId: string | null;
  slug: string | null;
  versionId: number | null;
  helpful: boolean;
  comment: string | null;
  at: Date;
}

export interface Guess {
  slug: string;
  score: number;
}

export type UnansweredStatus = 'open' | 'covered' | 'ignored';

export interface UnansweredRow {
  id: number;
  question: string;
  count: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  bestGuesses: Guess[];
  status: UnansweredStatus;
}

const MAX_COMMENT = 1000;
const MAX_GUESSES = 5;

export function createKbFeedbackRepository(db: Queryable) {
  return {
    async recordFeedback(f: FeedbackInput): Promise<number> {
      const comment = f.comment?.trim() ? redactPersonalData(f.comment.normalize('NFC').trim()).slice(0, MAX_COMMENT) : null;
      const [row] = await db.query<{ id: number }>(
        `insert into kb_feedback (conversation_id, slug, version_id, helpful, comment, at) values ($1, $2, $3, $4, $5, $6) returning id`,
        [f.conversationId ?? null, f.slug ?? null, f.versionId ?? null, f.helpful, comment, f.at],
      );
      return row!.id;
    },

    async listFeedback(opts: { slug?: string; helpful?: boolean; limit: number; before?: number }): Promise<FeedbackRow[]> {
      return db.query<FeedbackRow>(
        `select id, conversation_id as "conversationId", slug, version_id as "versionId", helpful, comment, at from kb_feedback
         where ($1::text is null or slug = $1) and ($2::boolean is null or helpful = $2) and ($3::bigint is null or id < $3)
         order by id desc limit $4`,
        [opts.slug ?? null, opts.helpful ?? null, opts.before ?? null, opts.limit],
      );
    },

    /**
     * Counts one more occurrence of a question the assistant could not answer. The text is normalized and
     * masked (see normalizeQuestion) so that the same question groups together; `guesses` replace the previous
     * ones. A question an editor marked `ignored` stays ignored; a `covered` one that comes back is reopened.
     * Returns null for a text that is empty once normalized.
     */
    async recordUnanswered(input: { question: string; guesses?: Guess[]; at: Date }): Promise<UnansweredRow | null> {
      const question = normalizeQuestion(input.question);
      if (!question) return null;
      const guesses = (input.guesses ?? []).slice(0, MAX_GUESSES).map((g) => ({ slug: g.slug, score: g.score }));
      const [row] = await db.query<UnansweredRow>(
        `insert into kb_unanswered (question, count, first_seen_at, last_seen_at, best_guesses) values ($1, 1, $2, $2, $3)
         on conflict (question) do update set
           count = kb_unanswered.count + 1,
           first_seen_at = least(kb_unanswered.first_seen_at, excluded.first_seen_at),
           last_seen_at = greatest(kb_unanswered.last_seen_at, excluded.last_seen_at),
           best_guesses = excluded.best_guesses,
           status = case when kb_unanswered.status = 'covered' then 'open' else kb_unanswered.status end,
           updated_at = now()
         returning ${UNANSWERED_COLUMNS}`,
        [question, input.at, JSON.stringify(guesses)],
      );
      return row ?? null;
    },

    /** Most frequent first, then most recent. */
    async listUnanswered(opts: { status?: UnansweredStatus; limit: number }): Promise<UnansweredRow[]> {
      return db.query<UnansweredRow>(
        `select ${UNANSWERED_COLUMNS} from kb_unanswered where ($1::text is null or status = $1)
         order by count desc, last_seen_at desc, id limit $2`,
        [opts.status ?? null, opts.limit],
      );
    },

    async setUnansweredStatus(id: number, status: UnansweredStatus): Promise<UnansweredRow | undefined> {
      const [row] = await db.query<UnansweredRow>(
        `update kb_unanswered set status = $2, updated_at = now() where id = $1 returning ${UNANSWERED_COLUMNS}`,
        [id, status],
      );
      return row;
    },
  };
}

const UNANSWERED_COLUMNS = `id, question, count, first_seen_at as "firstSeenAt", last_seen_at as "lastSeenAt", best_guesses as "bestGuesses", status`;

export type KbFeedbackRepository = ReturnType<typeof createKbFeedbackRepository>;
