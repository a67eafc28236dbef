import type { KbEntry } from '../kb/entry.schema.ts';
import type { ProcedureInput } from './engine.ts';

/** Training input of the engine from knowledge-base entries: questions, title and official name. */
export function proceduresFromEntries(entries: readonly KbEntry[]): ProcedureInput[] {
  return entries.map((e) => ({
    slug: e.slug,
    title: e.title,
    group: e.group,
    questions: e.questions,
    keywords: [e.officialName],
  }));
}
