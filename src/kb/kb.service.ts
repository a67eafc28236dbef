import { createAuditLog } from '../auth/audit.repository.ts';
import type { StaffUser } from '../auth/roles.ts';
import type { Db, Queryable } from '../db/db.ts';
import type { EventBus } from '../shared/bus.ts';
import { AppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { contentHash } from './canonical.ts';
import { diffEntries, type EntryChange } from './diff.ts';
import type { KbEntry } from './entry.schema.ts';
import { countUnverified } from './facts.ts';
import { KB_PUBLISHED, KB_VERSION_CHANGED, type KbVersionChangedEvent } from './kb.events.ts';
import { publishVersion, sendEvents, type PendingEvents } from './kb.publish.ts';
import { kbRepository, type VersionRow, type VersionState, type VersionSummaryRow } from './kb.repository.ts';
import { validateEntry } from './load-entries.ts';

export interface KbServiceDeps {
  db: Db;
  bus: EventBus;
  log: Logger;
  now: () => Date;
}

export interface PublishedSummary {
  slug: string;
  title: string;
  group: string;
  lastChecked: string;
  unverifiedCount: number;
  versionId: number;
  version: number;
  publishedAt: Date | null;
}

export type VersionSummary = VersionSummaryRow & {
  /** For a draft or review: the live version changed since this one was started (review the diff). */
  stale: boolean;
  isCurrent: boolean;
};
export type VersionView = VersionSummary & { content: KbEntry };

/** Editorial workflow and reads over the versioned knowledge base. */
export function createKbService(deps: KbServiceDeps) {
  const { db } = deps;
  const repo = kbRepository(db);

  const invalid = (fields: Array<{ field: string; label: string; message: string }>) =>
    new AppError('KB_ENTRY_INVALID', undefined, { fields });

  function checkContent(slug: string, content: unknown): KbEntry {
    const v = validateEntry(content);
    if (!v.ok) throw invalid(v.fields);
    if (v.entry.slug !== slug) {
      throw invalid([{ field: 'slug', label: 'Mã định danh (slug)', message: `slug phải giữ nguyên là "${slug}"` }]);
    }
    return v.entry;
  }

  async function summarize<T extends VersionSummaryRow>(rows: T[]): Promise<Array<T & { stale: boolean; isCurrent: boolean }>> {
    const current = rows.length === 0 ? new Map<string, number | null>() : await repo.currentVersionIds(rows.map((r) => r.slug));
    return rows.map((r) => {
      const live = current.get(r.slug) ?? null;
      const base = r.source === 'editor' ? r.baseVersionId : r.conflictWithVersionId;
      const open = r.state === 'draft' || r.state === 'review';
      return { ...r, isCurrent: live === r.id, stale: open && base !== null && base !== live };
    });
  }

  async function getVersion(id: number): Promise<VersionView> {
    const v = await repo.getVersion(id);
    if (!v) throw new AppError('NOT_FOUND', 'Không tìm thấy phiên bản này.');
    return (await summarize([v]))[0]!;
  }

  /** Runs a state change in one transaction with its audit entries; sends the bus events after commit. */
  async function change<T>(fn: (tx: Queryable, events: PendingEvents) => Promise<T>): Promise<T> {
    const events: PendingEvents = [];
    const result = await db.transaction((tx) => fn(tx, events));
    await sendEvents(deps.bus, deps.log, events);
    return result;
  }

  async function lockedVersion(tx: Queryable, id: number): Promise<VersionRow> {
    const v = await kbRepository(tx).getVersion(id, { forUpdate: true });
    if (!v) throw new AppError('NOT_FOUND', 'Không tìm thấy phiên bản này.');
    return v;
  }

  const audit = (tx: Queryable, actor: StaffUser | null, action: string, v: VersionRow, details: Record<string, unknown> = {}, ip?: string | null) =>
    createAuditLog(tx).record({
      actorId: actor?.id ?? null, actorUsername: actor?.username ?? null, action, target: `${v.slug}#${v.version}`, ip: ip ?? null,
      details: { versionId: v.id, state: v.state, ...details },
    });

  const changed = (v: VersionRow, action: KbVersionChangedEvent['action']) => ({
    type: KB_VERSION_CHANGED, payload: { slug: v.slug, versionId: v.id, state: v.state, action } satisfies KbVersionChangedEvent,
  });

  return {
    async listPublished(): Promise<PublishedSummary[]> {
      const rows = await repo.listPublished();
      return rows.map((r) => ({
        slug: r.slug, title: r.content.title, group: r.content.group, lastChecked: r.content.lastChecked,
        unverifiedCount: countUnverified(r.content), versionId: r.id, version: r.version, publishedAt: r.publishedAt,
      }));
    },

    /** Every live entry with the version it comes from, read at once (for the NLP engine and the assistant). */
    async publishedEntries(): Promise<Array<{ entry: KbEntry; versionId: number }>> {
      return (await repo.listPublished()).map((r) => ({ entry: r.content, versionId: r.id }));
    },

    async getPublished(slug: string) {
      const r = await repo.getPublished(slug);
      if (!r) throw new AppError('NOT_FOUND', 'Không tìm thấy thủ tục này.');
      return { slug: r.slug, versionId: r.id, version: r.version, publishedAt: r.publishedAt, entry: r.content };
    },

    async listVersions(slug: string): Promise<VersionSummary[]> {
      if (!(await repo.getEntry(slug))) throw new AppError('NOT_FOUND', 'Không tìm thấy thủ tục này.');
      return summarize(await repo.listVersions(slug));
    },

    async listQueue(opts: { state?: VersionState; slug?: string; conflictsOnly?: boolean; limit: number }): Promise<VersionSummary[]> {
      return summarize(await repo.listByState(opts));
    },

    getVersion,

    async diff(fromId: number, toId: number): Promise<{ from: VersionSummary; to: VersionSummary; changes: EntryChange[] }> {
      const [a, b] = await Promise.all([repo.getVersion(fromId), repo.getVersion(toId)]);
      if (!a || !b) throw new AppError('NOT_FOUND', 'Không tìm thấy phiên bản cần so sánh.');
      const [from, to] = await summarize([a, b]);
      const strip = ({ content: _c, ...rest }: VersionView) => rest;
      return { from: strip(from!), to: strip(to!), changes: diffEntries(a.content, b.content) };
    },

    /** A new draft of `slug`, from the live version; `content` (the edited entry) defaults to the live content. */
    async createDraft(actor: StaffUser, slug: string, input: { content?: unknown; changeNote?: string }, ip?: string | null): Promise<VersionView> {
      const content = input.content === undefined ? undefined : checkContent(slug, input.content);
      const v = await change(async (tx, events) => {
        const r = kbRepository(tx);
        const entry = await r.getEntry(slug, { forUpdate: true });
        if (!entry) throw new AppError('NOT_FOUND', 'Không tìm thấy thủ tục này.');
        const live = entry.currentVersionId === null ? undefined : await r.getVersion(entry.currentVersionId);
        const body = content ?? live?.content;
        if (!body) throw new AppError('NOT_FOUND', 'Thủ tục này chưa có phiên bản nào để sửa.');
        const draft = await r.insertVersion({
          slug, content: body, contentHash: contentHash(body), state: 'draft', source: 'editor', baseVersionId: entry.currentVersionId,
          authorId: actor.id, authorUsername: actor.username, changeNote: input.changeNote ?? '', at: deps.now(),
        });
        await audit(tx, actor, 'kb.draft_created', draft, { baseVersionId: entry.currentVersionId }, ip);
        events.push(changed(draft, 'draft_created'));
        return draft;
      });
      return getVersion(v.id);
    },

    /** Edits one's own draft (content and/or change note). */
    async updateDraft(actor: StaffUser, id: number, input: { content?: unknown; changeNote?: string }, ip?: string | null): Promise<VersionView> {
      await change(async (tx, events) => {
        const v = await lockedVersion(tx, id);
        if (v.state !== 'draft') throw new AppError('KB_INVALID_STATE', 'Chỉ sửa được phiên bản ở trạng thái nháp.');
        if (v.authorId !== actor.id) throw new AppError('KB_NOT_AUTHOR');
        const content = input.content === undefined ? undefined : checkContent(v.slug, input.content);
        const updated = await kbRepository(tx).updateVersion(id, {
          content, contentHash: content ? contentHash(content) : undefined, changeNote: input.changeNote, at: deps.now(),
        });
        await audit(tx, actor, 'kb.draft_updated', updated, { contentChanged: updated.contentHash !== v.contentHash }, ip);
        events.push(changed(updated, 'draft_updated'));
      });
      return getVersion(id);
    },

    /** draft → review (author only; needs a change note and an actual change). */
    async submit(actor: StaffUser, id: number, ip?: string | null): Promise<VersionView> {
      await change(async (tx, events) => {
        const r = kbRepository(tx);
        const v = await lockedVersion(tx, id);
        if (v.state !== 'draft') throw new AppError('KB_INVALID_STATE', 'Chỉ gửi duyệt được phiên bản ở trạng thái nháp.');
        if (v.authorId !== actor.id) throw new AppError('KB_NOT_AUTHOR');
        if (!v.changeNote.trim()) throw new AppError('VALIDATION', 'Vui lòng ghi chú nội dung thay đổi trước khi gửi duyệt.');
        const base = v.baseVersionId === null ? undefined : await r.getVersion(v.baseVersionId);
        if (base && base.contentHash === v.contentHash) throw new AppError('KB_NO_CHANGES');
        const now = deps.now();
        const updated = await r.updateVersion(id, { state: 'review', submittedAt: now, at: now });
        await audit(tx, actor, 'kb.submitted', updated, {}, ip);
        events.push(changed(updated, 'submitted'));
      });
      return getVersion(id);
    },

    /**
     * review → published. Four eyes: the approver must not be the author; an admin may override that with
     * `override: true` (audited as kb.four_eyes_override). When the live version changed since the draft was
     * started, the approver must confirm with `acceptStale: true` after reading the diff.
     */
    async approve(actor: StaffUser, id: number, opts: { override?: boolean; acceptStale?: boolean; note?: string } = {}, ip?: string | null): Promise<VersionView> {
      await change(async (tx, events) => {
        const r = kbRepository(tx);
        const v = await lockedVersion(tx, id);
        if (v.state !== 'review') throw new AppError('KB_INVALID_STATE', 'Chỉ duyệt được phiên bản đang chờ duyệt.');
        const entry = await r.getEntry(v.slug, { forUpdate: true });
        const ownWork = v.authorId !== null && v.authorId === actor.id;
        if (ownWork && !(actor.role === 'admin' && opts.override)) {
          throw new AppError('KB_FOUR_EYES', actor.role === 'admin'
            ? 'Người duyệt phải khác người soạn thảo. Quản trị viên có thể duyệt thay bằng cách xác nhận ghi đè (sẽ được ghi nhật ký).'
            : undefined);
        }
        const base = v.source === 'editor' ? v.baseVersionId : v.conflictWithVersionId;
        if (base !== null && base !== (entry?.currentVersionId ?? null) && !opts.acceptStale) throw new AppError('KB_STALE_BASE');
        const now = deps.now();
        await r.updateVersion(id, { reviewerId: actor.id, reviewerUsername: actor.username, fourEyesOverride: ownWork, at: now });
        const event = await publishVersion(tx, v, actor.username, now);
        const published = (await r.getVersion(id))!;
        await audit(tx, actor, 'kb.published', published, { previousVersionId: event.previousVersionId, note: opts.note ?? null, fourEyesOverride: ownWork }, ip);
        if (ownWork) await audit(tx, actor, 'kb.four_eyes_override', published, { authorUsername: v.authorUsername }, ip);
        events.push({ type: KB_PUBLISHED, payload: event });
      });
      return getVersion(id);
    },

    /** review → rejected, with a reason for the author. */
    async reject(actor: StaffUser, id: number, reason: string, ip?: string | null): Promise<VersionView> {
      await change(async (tx, events) => {
        const v = await lockedVersion(tx, id);
        if (v.state !== 'review') throw new AppError('KB_INVALID_STATE', 'Chỉ từ chối được phiên bản đang chờ duyệt.');
        const now = deps.now();
        const updated = await kbRepository(tx).updateVersion(id, {
          state: 'rejected', rejectedAt: now, rejectReason: reason, reviewerId: actor.id, reviewerUsername: actor.username, at: now,
        });
        await audit(tx, actor, 'kb.rejected', updated, { reason }, ip);
        events.push(changed(updated, 'rejected'));
      });
      return getVersion(id);
    },
  };
}

export type KbService = ReturnType<typeof createKbService>;
