import type { Queryable } from '../db/db.ts';
import type { KbEntry } from './entry.schema.ts';

export const VERSION_STATES = ['draft', 'review', 'published', 'archived', 'rejected'] as const;
export type VersionState = (typeof VERSION_STATES)[number];
export type VersionSource = 'file' | 'editor';

export interface VersionRow {
  id: number;
  slug: string;
  version: number;
  content: KbEntry;
  contentHash: string;
  state: VersionState;
  source: VersionSource;
  fileHash: string | null;
  baseVersionId: number | null;
  conflictWithVersionId: number | null;
  authorId: string | null;
  authorUsername: string | null;
  reviewerId: string | null;
  reviewerUsername: string | null;
  changeNote: string;
  rejectReason: string | null;
  fourEyesOverride: boolean;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  publishedAt: Date | null;
  archivedAt: Date | null;
  rejectedAt: Date | null;
}

export type VersionSummaryRow = Omit<VersionRow, 'content'>;

export interface EntryRow {
  slug: string;
  currentVersionId: number | null;
  status: 'active' | 'withdrawn';
}

const SUMMARY_COLUMNS = `id, slug, version, content_hash as "contentHash", state, source, file_hash as "fileHash",
  base_version_id as "baseVersionId", conflict_with_version_id as "conflictWithVersionId",
  author_id as "authorId", author_username as "authorUsername", reviewer_id as "reviewerId",
  reviewer_username as "reviewerUsername", change_note as "changeNote", reject_reason as "rejectReason",
  four_eyes_override as "fourEyesOverride", created_at as "createdAt", updated_at as "updatedAt",
  submitted_at as "submittedAt", published_at as "publishedAt", archived_at as "archivedAt", rejected_at as "rejectedAt"`;
const COLUMNS = `${SUMMARY_COLUMNS}, content`;
const ENTRY_COLUMNS = `slug, current_version_id as "currentVersionId", status`;

export interface NewVersion {
  slug: string;
  content: KbEntry;
  contentHash: string;
  state: VersionState;
  source: VersionSource;
  fileHash?: string | null;
  baseVersionId?: number | null;
  conflictWithVersionId?: number | null;
  authorId?: string | null;
  authorUsername?: string | null;
  changeNote?: string;
  at: Date;
}

export interface VersionPatch {
  state?: VersionState;
  content?: KbEntry;
  contentHash?: string;
  changeNote?: string;
  reviewerId?: string | null;
  reviewerUsername?: string | null;
  rejectReason?: string | null;
  fourEyesOverride?: boolean;
  submittedAt?: Date;
  publishedAt?: Date;
  archivedAt?: Date;
  rejectedAt?: Date;
  at: Date;
}

/** SQL for entries and versions; every method runs on the Queryable given (a transaction or the Db). */
export function kbRepository(q: Queryable) {
  return {
    /** Creates the entry row if missing, then locks it for the rest of the transaction. */
    async ensureAndLockEntry(slug: string): Promise<EntryRow> {
      await q.query(`insert into kb_entries (slug) values ($1) on conflict (slug) do nothing`, [slug]);
      const [row] = await q.query<EntryRow>(`select ${ENTRY_COLUMNS} from kb_entries where slug = $1 for update`, [slug]);
      return row!;
    },

    async getEntry(slug: string, opts: { forUpdate?: boolean } = {}): Promise<EntryRow | undefined> {
      const [row] = await q.query<EntryRow>(
        `select ${ENTRY_COLUMNS} from kb_entries where slug = $1${opts.forUpdate ? ' for update' : ''}`,
        [slug],
      );
      return row;
    },

    /** The live version of each of `slugs` (null before the first one), in one query. */
    async currentVersionIds(slugs: readonly string[]): Promise<Map<string, number | null>> {
      const rows = await q.query<{ slug: string; currentVersionId: number | null }>(
        `select slug, current_version_id as "currentVersionId" from kb_entries where slug = any($1::text[])`,
        [[...new Set(slugs)]],
      );
      return new Map(rows.map((r) => [r.slug, r.currentVersionId]));
    },

    async setCurrent(slug: string, versionId: number, at: Date): Promise<void> {
      await q.query(`update kb_entries set current_version_id = $2, updated_at = $3 where slug = $1`, [slug, versionId, at]);
    },

    async insertVersion(v: NewVersion): Promise<VersionRow> {
      const [row] = await q.query<VersionRow>(
        `insert into kb_versions (slug, version, content, content_hash, state, source, file_hash, base_version_id,
           conflict_with_version_id, author_id, author_username, change_note, created_at, updated_at, published_at)
         select $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12,
           case when $4 = 'published' then $12::timestamptz end
         from kb_versions where slug = $1
         returning ${COLUMNS}`,
        [
          v.slug, JSON.stringify(v.content), v.contentHash, v.state, v.source, v.fileHash ?? null, v.baseVersionId ?? null,
          v.conflictWithVersionId ?? null, v.authorId ?? null, v.authorUsername ?? null, v.changeNote ?? '', v.at,
        ],
      );
      return row!;
    },

    async getVersion(id: number, opts: { forUpdate?: boolean } = {}): Promise<VersionRow | undefined> {
      const [row] = await q.query<VersionRow>(`select ${COLUMNS} from kb_versions where id = $1${opts.forUpdate ? ' for update' : ''}`, [id]);
      return row;
    },

    async updateVersion(id: number, p: VersionPatch): Promise<VersionRow> {
      const [row] = await q.query<VersionRow>(
        `update kb_versions set
           state = coalesce($2, state),
           content = coalesce($3::jsonb, content),
           content_hash = coalesce($4, content_hash),
           change_note = coalesce($5, change_note),
           reviewer_id = case when $6::boolean then $7::uuid else reviewer_id end,
           reviewer_username = case when $6::boolean then $8 else reviewer_username end,
           reject_reason = coalesce($9, reject_reason),
           four_eyes_override = coalesce($10, four_eyes_override),
           submitted_at = coalesce($11, submitted_at),
           published_at = coalesce($12, published_at),
           archived_at = coalesce($13, archived_at),
           rejected_at = coalesce($14, rejected_at),
           updated_at = $15
         where id = $1 returning ${COLUMNS}`,
        [
          id, p.state ?? null, p.content ? JSON.stringify(p.content) : null, p.contentHash ?? null, p.changeNote ?? null,
          p.reviewerId !== undefined, p.reviewerId ?? null, p.reviewerUsername ?? null, p.rejectReason ?? null,
          p.fourEyesOverride ?? null, p.submittedAt ?? null, p.publishedAt ?? null, p.archivedAt ?? null, p.rejectedAt ?? null, p.at,
        ],
      );
      return row!;
    },

    /** The newest version read from the file (any state). */
    async lastFileVersion(slug: string): Promise<VersionRow | undefined> {
      const [row] = await q.query<VersionRow>(
        `select ${COLUMNS} from kb_versions where slug = $1 and source = 'file' order by version desc limit 1`,
        [slug],
      );
      return row;
    },

    /** File versions still waiting in review because of a conflict. */
    async pendingFileConflicts(slug: string): Promise<VersionSummaryRow[]> {
      return q.query<VersionSummaryRow>(
        `select ${SUMMARY_COLUMNS} from kb_versions where slug = $1 and source = 'file' and state = 'review' order by version`,
        [slug],
      );
    },

    async listVersions(slug: string): Promise<VersionSummaryRow[]> {
      return q.query<VersionSummaryRow>(`select ${SUMMARY_COLUMNS} from kb_versions where slug = $1 order by version desc`, [slug]);
    },

    async listByState(opts: { state?: VersionState; slug?: string; conflictsOnly?: boolean; limit: number }): Promise<VersionSummaryRow[]> {
      return q.query<VersionSummaryRow>(
        `select ${SUMMARY_COLUMNS} from kb_versions
         where ($1::text is null or state = $1) and ($2::text is null or slug = $2)
           and (not $3::boolean or conflict_with_version_id is not null)
         order by coalesce(submitted_at, created_at) desc, id desc limit $4`,
        [opts.state ?? null, opts.slug ?? null, opts.conflictsOnly ?? false, opts.limit],
      );
    },

    /** Live versions of active entries, by slug. */
    async listPublished(): Promise<VersionRow[]> {
      return q.query<VersionRow>(
        `select ${COLUMNS} from kb_versions
         where id in (select current_version_id from kb_entries where status = 'active' and current_version_id is not null)
         order by slug`,
      );
    },

    async getPublished(slug: string): Promise<VersionRow | undefined> {
      const [row] = await q.query<VersionRow>(
        `select ${COLUMNS} from kb_versions where id = (select current_version_id from kb_entries where slug = $1 and status = 'active')`,
        [slug],
      );
      return row;
    },
  };
}

export type KbRepository = ReturnType<typeof kbRepository>;
