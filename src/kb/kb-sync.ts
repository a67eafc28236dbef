import { createAuditLog } from '../auth/audit.repository.ts';
import { KB_PUBLISHED, KB_VERSION_CHANGED } from './kb.events.ts';
import { kbRepository } from './kb.repository.ts';
import type { Queryable } from '../db/db.ts';
import { publishVersion, sendEvents, type PendingEvents } from './kb.publish.ts';
import type { KbServiceDeps } from './kb.service.ts';
import type { EntryFileError, LoadResult, LoadedEntry } from './load-entries.ts';

export interface FileConflict {
  slug: string;
  /** The file's version, waiting in review. */
  fileVersionId: number;
  /** The editor's version that stays live. */
  liveVersionId: number;
}

export interface SyncReport {
  at: Date;
  dir: string;
  /** Valid files read. */
  files: number;
  /** New entries (first version from the file). */
  created: string[];
  /** Entries whose changed file became the live version. */
  updated: string[];
  /** Files whose content equals the last version imported from them. */
  unchanged: number;
  /** Changed files not applied because an editor published since (see the rule below). */
  conflicts: FileConflict[];
  /** Broken files: skipped, the entry (if any) keeps its live version. */
  errors: EntryFileError[];
  /** Slugs imported from a file earlier whose file is gone now; they stay published until an editor acts. */
  missingFiles: string[];
}

type Outcome = { kind: 'created' | 'updated' | 'unchanged' } | { kind: 'conflict'; conflict: FileConflict };

/**
 * Loads the files into the versioned store. The rule, for each valid file:
 * - content equal to the last version imported from this file → nothing happens (restarts are idempotent);
 * - no version yet → the file becomes version 1, published;
 * - the live version came from the file (no editor has published since the last import), or the live content
 *   already equals the file → the file becomes a new published version (the old one is archived);
 * - an editor has published since the last import (the live version is an editor's) → the editor's version stays
 *   live; the file is stored as a new version in `review` with `conflictWithVersionId` = the live version, and
 *   audited as `kb.file_conflict`. A reviewer then approves it (the file wins) or rejects it (the edit stays).
 *   An older file version still waiting in review is archived as superseded.
 * Broken files are skipped and reported; nothing is ever deleted.
 */
export async function syncFromFiles(deps: KbServiceDeps, load: LoadResult): Promise<SyncReport> {
  const report: SyncReport = {
    at: deps.now(), dir: load.dir, files: load.entries.length, created: [], updated: [], unchanged: 0, conflicts: [],
    errors: load.errors, missingFiles: [],
  };
  for (const err of load.errors) {
    deps.log.warn({ file: err.file, problems: err.fields.length, reason: err.message.slice(0, 200) }, 'kb file skipped: invalid');
  }
  // Fast path for restarts: files equal to their last import need no transaction.
  const lastHashes = new Map(
    (await deps.db.query<{ slug: string; contentHash: string }>(
      `select distinct on (slug) slug, content_hash as "contentHash" from kb_versions where source = 'file' order by slug, version desc`,
    )).map((r) => [r.slug, r.contentHash]),
  );
  for (const file of load.entries) {
    if (lastHashes.get(file.slug) === file.contentHash) {
      report.unchanged++;
      continue;
    }
    const events: PendingEvents = [];
    const outcome = await deps.db.transaction((tx) => syncOne(tx, file, deps.now(), events));
    await sendEvents(deps.bus, deps.log, events);
    if (outcome.kind === 'conflict') {
      report.conflicts.push(outcome.conflict);
      deps.log.warn({ ...outcome.conflict }, 'kb file changed after an editor published: kept for review');
    } else if (outcome.kind === 'created') report.created.push(file.slug);
    else if (outcome.kind === 'updated') report.updated.push(file.slug);
    else report.unchanged++;
  }
  const present = new Set([...load.entries.map((e) => e.slug), ...load.errors.map((e) => e.file.replace(/\.yaml$/, ''))]);
  const imported = await deps.db.query<{ slug: string }>(`select distinct slug from kb_versions where source = 'file' order by slug`);
  report.missingFiles = imported.map((r) => r.slug).filter((s) => !present.has(s));
  deps.log.info(
    { files: report.files, created: report.created.length, updated: report.updated.length, conflicts: report.conflicts.length, errors: report.errors.length },
    'kb files synced',
  );
  return report;
}

async function syncOne(tx: Queryable, file: LoadedEntry, at: Date, events: PendingEvents): Promise<Outcome> {
  const repo = kbRepository(tx);
  const audit = createAuditLog(tx);
  const entry = await repo.ensureAndLockEntry(file.slug);
  const lastFile = await repo.lastFileVersion(file.slug);
  if (lastFile && lastFile.contentHash === file.contentHash) return { kind: 'unchanged' };

  for (const old of await repo.pendingFileConflicts(file.slug)) {
    const v = await repo.updateVersion(old.id, { state: 'archived', archivedAt: at, at });
    await audit.record({ action: 'kb.file_superseded', target: `${v.slug}#${v.version}`, details: { versionId: v.id } });
    events.push({ type: KB_VERSION_CHANGED, payload: { slug: v.slug, versionId: v.id, state: v.state, action: 'superseded' } });
  }

  const live = entry.currentVersionId === null ? undefined : await repo.getVersion(entry.currentVersionId);
  const base = { slug: file.slug, content: file.entry, contentHash: file.contentHash, source: 'file' as const, fileHash: file.fileHash, at };
  const editorAhead = live !== undefined && live.source === 'editor' && live.contentHash !== file.contentHash;

  if (editorAhead) {
    const v = await repo.insertVersion({
      ...base, state: 'review', conflictWithVersionId: live.id, changeNote: `Tệp ${file.file} thay đổi sau khi biên tập viên xuất bản phiên bản ${live.version}.`,
    });
    await repo.updateVersion(v.id, { submittedAt: at, at });
    await audit.record({
      action: 'kb.file_conflict', target: `${v.slug}#${v.version}`, outcome: 'ok',
      details: { versionId: v.id, liveVersionId: live.id, file: file.file, fileHash: file.fileHash },
    });
    events.push({ type: KB_VERSION_CHANGED, payload: { slug: v.slug, versionId: v.id, state: 'review', action: 'file_conflict' } });
    return { kind: 'conflict', conflict: { slug: file.slug, fileVersionId: v.id, liveVersionId: live.id } };
  }

  const v = await repo.insertVersion({ ...base, state: 'published', changeNote: `Nạp từ tệp ${file.file}` });
  const event = await publishVersion(tx, v, null, at);
  await audit.record({
    action: 'kb.file_imported', target: `${v.slug}#${v.version}`,
    details: { versionId: v.id, previousVersionId: event.previousVersionId, file: file.file, fileHash: file.fileHash },
  });
  events.push({ type: KB_PUBLISHED, payload: event });
  return { kind: live ? 'updated' : 'created' };
}
