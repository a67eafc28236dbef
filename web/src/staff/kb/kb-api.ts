import { ApiError, qs, request } from '../../api.ts';
import type { EntryChange } from '../../../../src/kb/diff.ts';
import type { KbEntry } from '../../../../src/kb/entry.schema.ts';
import type { FeedbackRow, UnansweredRow, UnansweredStatus } from '../../../../src/kb/feedback.repository.ts';
import type { SyncReport } from '../../../../src/kb/kb-sync.ts';
import type { VersionState } from '../../../../src/kb/kb.repository.ts';
import type { PublishedSummary, VersionSummary as ServerVersionSummary } from '../../../../src/kb/kb.service.ts';
import type { FieldError } from '../../../../src/kb/load-entries.ts';
import type { AnswerView } from '../../../../src/kb/present.ts';

// Client for the knowledge-base API (/api/v1/kb, see src/kb/README.md). The wire types are derived from the
// server's own types (type-only imports, erased from the bundle), with dates as the ISO strings JSON carries.
// Requests go through api.ts's staff `request` (ApiError with the server's Vietnamese message, CSRF header on
// writes, retry once on a stale token, session-lost handler).

/** A server type as it arrives in JSON: Date → string. */
export type Wire<T> = T extends Date
  ? string
  : T extends Array<infer U>
    ? Array<Wire<U>>
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type { AnswerView, EntryChange, FieldError, KbEntry, UnansweredStatus, VersionState };
export type ProcedureSummary = Wire<PublishedSummary>;
export type VersionSummary = Wire<ServerVersionSummary>;
export type VersionView = VersionSummary & { content: KbEntry };
export type Feedback = Wire<FeedbackRow>;
export type UnansweredQuestion = Wire<UnansweredRow>;
export type LoadReport = Wire<Omit<SyncReport, 'dir'>>;
export interface PublishedEntry {
  slug: string;
  versionId: number;
  version: number;
  publishedAt: string | null;
  entry: KbEntry;
}
export interface DiffResult {
  from: VersionSummary;
  to: VersionSummary;
  changes: EntryChange[];
}

const slugPath = (slug: string) => `/kb/procedures/${encodeURIComponent(slug)}`;

/** The field errors of a `KB_ENTRY_INVALID` answer (empty for any other error). */
export function fieldErrors(e: unknown): FieldError[] {
  if (!(e instanceof ApiError) || e.code !== 'KB_ENTRY_INVALID') return [];
  const fields = e.details?.fields;
  return Array.isArray(fields) ? (fields as FieldError[]) : [];
}

export const kbApi = {
  procedures: (signal?: AbortSignal) => request<{ procedures: ProcedureSummary[] }>('GET', '/kb/procedures', undefined, signal).then((r) => r.procedures),
  published: (slug: string, signal?: AbortSignal) => request<PublishedEntry>('GET', slugPath(slug), undefined, signal),
  answer: (slug: string, date: string | undefined, signal?: AbortSignal) =>
    request<{ versionId: number; answer: AnswerView }>('GET', `${slugPath(slug)}/answer${qs({ date })}`, undefined, signal),

  versions: (slug: string, signal?: AbortSignal) => request<{ versions: VersionSummary[] }>('GET', `${slugPath(slug)}/versions`, undefined, signal).then((r) => r.versions),
  queue: (params: { state?: VersionState; slug?: string; conflicts?: boolean; limit?: number }, signal?: AbortSignal) =>
    request<{ versions: VersionSummary[] }>(
      'GET',
      `/kb/versions${qs({ state: params.state, slug: params.slug, conflicts: params.conflicts ? '1' : undefined, limit: params.limit })}`,
      undefined,
      signal,
    ).then((r) => r.versions),
  version: (id: number, signal?: AbortSignal) => request<{ version: VersionView }>('GET', `/kb/versions/${id}`, undefined, signal).then((r) => r.version),
  createDraft: (slug: string, body: { content?: KbEntry; changeNote?: string } = {}) =>
    request<{ version: VersionView }>('POST', `${slugPath(slug)}/drafts`, body).then((r) => r.version),
  updateDraft: (id: number, body: { content?: KbEntry; changeNote?: string }) =>
    request<{ version: VersionView }>('PATCH', `/kb/versions/${id}`, body).then((r) => r.version),
  submit: (id: number) => request<{ version: VersionView }>('POST', `/kb/versions/${id}/submit`).then((r) => r.version),
  approve: (id: number, body: { override?: boolean; acceptStale?: boolean; note?: string }) =>
    request<{ version: VersionView }>('POST', `/kb/versions/${id}/approve`, body).then((r) => r.version),
  reject: (id: number, reason: string) => request<{ version: VersionView }>('POST', `/kb/versions/${id}/reject`, { reason }).then((r) => r.version),
  diff: (from: number, to: number, signal?: AbortSignal) => request<DiffResult>('GET', `/kb/diff${qs({ from, to })}`, undefined, signal),

  loadReport: (signal?: AbortSignal) => request<{ report: LoadReport | null }>('GET', '/kb/load-report', undefined, signal).then((r) => r.report),
  reload: () => request<{ report: LoadReport | null }>('POST', '/kb/reload').then((r) => r.report),

  feedback: (params: { slug?: string; helpful?: boolean; limit?: number } = {}, signal?: AbortSignal) =>
    request<{ feedback: Feedback[] }>('GET', `/kb/feedback${qs({ slug: params.slug, helpful: params.helpful, limit: params.limit })}`, undefined, signal).then((r) => r.feedback),
  unanswered: (params: { status?: UnansweredStatus; limit?: number } = {}, signal?: AbortSignal) =>
    request<{ questions: UnansweredQuestion[] }>('GET', `/kb/unanswered${qs(params)}`, undefined, signal).then((r) => r.questions),
  setUnansweredStatus: (id: number, status: UnansweredStatus) =>
    request<{ question: UnansweredQuestion }>('PATCH', `/kb/unanswered/${id}`, { status }).then((r) => r.question),
};
