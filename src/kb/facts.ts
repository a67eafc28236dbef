import type { KbEntry } from './entry.schema.ts';

/** A fact of an entry that carries `verified` and (optionally) source keys. */
export interface FactRef {
  /** "fees.2", "processingTime", "online"... */
  field: string;
  text: string;
  sources: string[];
  verified: boolean;
}

/** Every verifiable fact of an entry, in reading order. */
export function entryFacts(e: KbEntry): FactRef[] {
  const out: FactRef[] = [];
  const add = (field: string, text: string, sources: string[] | undefined, verified: boolean) =>
    out.push({ field, text, sources: sources ?? [], verified });
  e.audience.forEach((f, i) => add(`audience.${i}`, f.text, f.sources, f.verified));
  e.papers.forEach((p, i) => add(`papers.${i}`, p.text, p.sources, p.verified));
  e.fees.forEach((f, i) => add(`fees.${i}`, f.label, f.sources, f.verified));
  add('processingTime', e.processingTime.text, e.processingTime.sources, e.processingTime.verified);
  add('where', e.where.text, e.where.sources, e.where.verified);
  add('online', e.online.available ? 'Nộp hồ sơ trực tuyến' : 'Không có dịch vụ trực tuyến', e.online.sources, e.online.verified);
  e.legalBasis.forEach((f, i) => add(`legalBasis.${i}`, f.text, f.sources, f.verified));
  e.notes.forEach((f, i) => add(`notes.${i}`, f.text, f.sources, f.verified));
  return out;
}

/** Number of facts marked `verified: false` (shown as a badge in lists). */
export const countUnverified = (e: KbEntry) => entryFacts(e).filter((f) => !f.verified).length;
