import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Role, StaffUser } from '../auth/roles.ts';
import { createUserRepository } from '../auth/user.repository.ts';
import type { Db } from '../db/db.ts';
import { createTestDb } from '../db/test-db.ts';
import type { BusEvent, EventBus } from '../shared/bus.ts';
import { createMemoryBus } from '../shared/bus.memory.ts';
import { createLogger } from '../shared/logger.ts';
import { syncFromFiles } from './kb-sync.ts';
import { onPublished, type KbPublishedEvent } from './kb.events.ts';
import { createKbService, type KbService, type KbServiceDeps } from './kb.service.ts';
import { isLoadError, parseEntryFile, type LoadResult } from './load-entries.ts';
import { makeEntry, toYaml } from './testing/fixtures.ts';
import type { KbEntry } from './entry.schema.ts';

let db: Db;
let bus: EventBus;
let deps: KbServiceDeps;
let kb: KbService;
let events: BusEvent[] = [];
let editorA: StaffUser;
let editorB: StaffUser;

async function staff(username: string, role: Role): Promise<StaffUser> {
  const id = await createUserRepository(db).insert({ username, fullName: username, passwordHash: 'x', role, wardCode: null });
  return { id, username, fullName: username, role, wardCode: null };
}

/** A load result as if `entries` were the files on disk (plus broken file names). */
function files(entries: KbEntry[], broken: string[] = []): LoadResult {
  const loaded = entries.map((e) => {
    const r = parseEntryFile(`${e.slug}.yaml`, toYaml(e));
    if (isLoadError(r)) throw new Error(r.message);
    return r;
  });
  return { dir: '/kb', entries: loaded, errors: broken.map((file) => ({ file, message: 'Lỗi cú pháp YAML: x', fields: [] })) };
}

/** Publishes `content` as an editor version: A drafts and submits, B approves. */
async function editorPublishes(slug: string, content: KbEntry) {
  const d = await kb.createDraft(editorA, slug, { content, changeNote: 'Cập nhật theo văn bản mới' });
  await kb.submit(editorA, d.id);
  return kb.approve(editorB, d.id);
}

const flush = () => new Promise((r) => setTimeout(r, 10));
const live = async (slug: string) => (await kb.getPublished(slug));

// One database for the file (fresh PGlite instances are slow); each test works on its own slugs.
let n = 0;
const fresh = (name = 't') => `thu.${name}${++n}`;

beforeAll(async () => {
  db = await createTestDb();
  bus = createMemoryBus();
  await bus.subscribe('kb.>', (e) => void events.push(e));
  let t = Date.parse('2026-11-27T08:00:00+07:00');
  deps = { db, bus, log: createLogger('silent'), now: () => new Date((t += 1000)) };
  kb = createKbService(deps);
  editorA = await staff('bientap.a', 'kb_editor');
  editorB = await staff('bientap.b', 'kb_editor');
});
beforeEach(() => {
  events = [];
});
afterAll(async () => {
  await bus.close();
  await db.close();
});

describe('loading files into the versioned store', () => {
  it('creates version 1, published, for each new file and announces it', async () => {
    const [a, b] = [fresh(), fresh()];
    const report = await syncFromFiles(deps, files([makeEntry(a), makeEntry(b)]));
    expect(report.created).toEqual([a, b]);
    const v = await live(a);
    expect(v).toMatchObject({ version: 1, entry: { slug: a } });
    const history = await kb.listVersions(a);
    expect(history).toMatchObject([{ version: 1, state: 'published', source: 'file', isCurrent: true, changeNote: `Nạp từ tệp ${a}.yaml` }]);
    expect(history[0]!.fileHash).toMatch(/^[0-9a-f]{64}$/);
    await flush();
    expect(events.filter((e) => e.type === 'kb.published').map((e) => (e.payload as KbPublishedEvent).slug)).toEqual([a, b]);
  });

  it('is idempotent: restarting with the same files adds no version', async () => {
    const a = fresh();
    await syncFromFiles(deps, files([makeEntry(a)]));
    const again = await syncFromFiles(deps, files([makeEntry(a)]));
    expect(again).toMatchObject({ created: [], updated: [], unchanged: 1, conflicts: [] });
    expect(await kb.listVersions(a)).toHaveLength(1);
  });

  it('a changed file becomes the new live version when no editor has published since; the old one is archived', async () => {
    const a = fresh();
    await syncFromFiles(deps, files([makeEntry(a)]));
    const report = await syncFromFiles(deps, files([makeEntry(a, { title: 'Tên đã sửa trong tệp' })]));
    expect(report.updated).toEqual([a]);
    expect((await live(a)).entry.title).toBe('Tên đã sửa trong tệp');
    expect((await kb.listVersions(a)).map((v) => [v.version, v.state])).toEqual([[2, 'published'], [1, 'archived']]);
    const audit = await db.query<{ action: string }>(`select action from audit_log where target like $1 order by id`, [`${a}#%`]);
    expect(audit.map((r) => r.action)).toEqual(['kb.file_imported', 'kb.file_imported']);
  });

  it('keeps a broken file out, reports it, and the entry keeps serving its last good version', async () => {
    const a = fresh();
    await syncFromFiles(deps, files([makeEntry(a)]));
    const report = await syncFromFiles(deps, files([], [`${a}.yaml`]));
    expect(report.errors.map((e) => e.file)).toEqual([`${a}.yaml`]);
    expect(report.missingFiles).not.toContain(a);
    expect((await live(a)).version).toBe(1);
  });

  it('reports entries whose file disappeared, and keeps them published', async () => {
    const [a, b] = [fresh(), fresh()];
    await syncFromFiles(deps, files([makeEntry(a), makeEntry(b)]));
    const report = await syncFromFiles(deps, files([makeEntry(a)]));
    expect(report.missingFiles).toContain(b);
    expect(report.missingFiles).not.toContain(a);
    expect((await live(b)).version).toBe(1);
  });

  it('never deletes version history', async () => {
    await syncFromFiles(deps, files([makeEntry(fresh())]));
    await expect(db.query(`delete from kb_versions`)).rejects.toThrow(/never deleted/);
  });
});

describe('file versus editor: the conflict rule', () => {
  let slug: string;
  let editorsEdit: KbEntry;
  let fileEdit: KbEntry;

  beforeEach(async () => {
    slug = fresh('xung-dot');
    editorsEdit = makeEntry(slug, { title: 'Sửa bởi biên tập viên' });
    fileEdit = makeEntry(slug, { summary: 'Dạ, nội dung tóm tắt đã được sửa trực tiếp trong tệp YAML.' });
    await syncFromFiles(deps, files([makeEntry(slug)]));
    await editorPublishes(slug, editorsEdit); // v2, editor, live
  });

  it('keeps the editor version live and queues the changed file for review, flagged as a conflict', async () => {
    const report = await syncFromFiles(deps, files([fileEdit]));
    expect(report.updated).toEqual([]);
    expect(report.conflicts).toEqual([{ slug, fileVersionId: expect.any(Number), liveVersionId: (await live(slug)).versionId }]);
    expect((await live(slug)).entry.title).toBe('Sửa bởi biên tập viên');
    const fileVersion = await kb.getVersion(report.conflicts[0]!.fileVersionId);
    expect(fileVersion).toMatchObject({ version: 3, state: 'review', source: 'file', conflictWithVersionId: report.conflicts[0]!.liveVersionId, stale: false });
    expect(fileVersion.submittedAt).toBeInstanceOf(Date);
    const queue = await kb.listQueue({ state: 'review', slug, conflictsOnly: true, limit: 10 });
    expect(queue.map((v) => v.id)).toEqual([fileVersion.id]);
    const [audit] = await db.query<{ details: { liveVersionId: number } }>(
      `select details from audit_log where action = 'kb.file_conflict' and target = $1`,
      [`${slug}#3`],
    );
    expect(audit!.details.liveVersionId).toBe(report.conflicts[0]!.liveVersionId);
  });

  it('does not queue the same file twice on restart', async () => {
    await syncFromFiles(deps, files([fileEdit]));
    const again = await syncFromFiles(deps, files([fileEdit]));
    expect(again).toMatchObject({ unchanged: 1, conflicts: [] });
    expect(await kb.listVersions(slug)).toHaveLength(3);
  });

  it('a newer file edit supersedes the one still waiting for review', async () => {
    const first = (await syncFromFiles(deps, files([fileEdit]))).conflicts[0]!;
    const second = (await syncFromFiles(deps, files([makeEntry(slug, { title: 'Tệp sửa lần hai' })]))).conflicts[0]!;
    expect((await kb.getVersion(first.fileVersionId)).state).toBe('archived');
    expect((await kb.getVersion(second.fileVersionId)).state).toBe('review');
  });

  it('approving the file version makes the file win; later file changes apply directly again', async () => {
    const c = (await syncFromFiles(deps, files([fileEdit]))).conflicts[0]!;
    await kb.approve(editorA, c.fileVersionId);
    expect((await live(slug)).versionId).toBe(c.fileVersionId);
    expect((await kb.getVersion(c.liveVersionId)).state).toBe('archived');
    const next = await syncFromFiles(deps, files([makeEntry(slug, { title: 'Tệp sửa tiếp' })]));
    expect(next.updated).toEqual([slug]);
  });

  it('rejecting the file version keeps the editor version; the next file change is a conflict again', async () => {
    const c = (await syncFromFiles(deps, files([fileEdit]))).conflicts[0]!;
    await kb.reject(editorB, c.fileVersionId, 'Nội dung tệp cũ hơn bản biên tập');
    expect((await live(slug)).entry.title).toBe('Sửa bởi biên tập viên');
    const next = await syncFromFiles(deps, files([makeEntry(slug, { title: 'Tệp sửa tiếp' })]));
    expect(next.conflicts).toHaveLength(1);
  });

  it('a file that caught up with the editor (same content) is published directly, without a conflict', async () => {
    const report = await syncFromFiles(deps, files([editorsEdit]));
    expect(report).toMatchObject({ updated: [slug], conflicts: [] });
    const v = await live(slug);
    expect(v.entry.title).toBe('Sửa bởi biên tập viên');
    expect((await kb.getVersion(v.versionId)).source).toBe('file');
  });

  it('a file version waiting in review becomes stale once another version goes live', async () => {
    const c = (await syncFromFiles(deps, files([fileEdit]))).conflicts[0]!;
    await editorPublishes(slug, makeEntry(slug, { title: 'Biên tập lần hai' }));
    expect((await kb.getVersion(c.fileVersionId)).stale).toBe(true);
    await expect(kb.approve(editorA, c.fileVersionId)).rejects.toMatchObject({ code: 'KB_STALE_BASE' });
  });
});

describe('onPublished', () => {
  it('tells listeners about every publication (file import and approval) so the NLP engine can retrain', async () => {
    const slug = fresh();
    const seen: string[] = [];
    const sub = await onPublished(bus, (e) => void (e.slug === slug && seen.push(`#${e.version}:${e.source}`)));
    await syncFromFiles(deps, files([makeEntry(slug)]));
    await editorPublishes(slug, makeEntry(slug, { title: 'Tên mới' }));
    await flush();
    expect(seen).toEqual(['#1:file', '#2:editor']);
    await sub.unsubscribe();
  });
});
