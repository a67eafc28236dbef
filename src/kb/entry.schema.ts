import { z } from 'zod';

/**
 * One knowledge-base entry = one public-service procedure, stored as `kb/procedures/<slug>.yaml`
 * (human-edited, reviewed in git) and loaded into the database on start. Knowledge editors may then
 * publish newer versions from the admin UI; the file is the baseline.
 *
 * Every fact a citizen acts on (papers, fee, time, where, online) cites one or more keys of `sources`.
 * A fact not confirmed by a source we trust carries `verified: false`: it is shown with its date and
 * the advice to confirm at the ward police or on the portal.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày dạng YYYY-MM-DD');
const sourceRefs = z.array(z.string().min(1)).min(1);

export const sourceSchema = z.strictObject({
  title: z.string().min(3),
  url: z.string().url().optional(),
  /** Date of the source document or of the snapshot we read. */
  date: isoDate,
  /** What kind of source: law/decree/circular, official portal, press, secondary (repo, summary). */
  kind: z.enum(['van-ban-phap-luat', 'cong-thong-tin-chinh-thuc', 'bao-chi', 'thu-cap']),
  note: z.string().optional(),
});

export const paperSchema = z.strictObject({
  text: z.string().min(3),
  /** Form code such as CT01, DC02, TK01... when the paper is a form. */
  form: z.string().regex(/^[A-Z]{1,3}\d{1,3}[a-z]?$/).optional(),
  /** Copies / original / "xuất trình" notes. */
  note: z.string().optional(),
  /** Only some applicants need it (e.g. "người dưới 14 tuổi"). */
  when: z.string().optional(),
  sources: sourceRefs.optional(),
  verified: z.boolean().default(true),
});

export const feeSchema = z.strictObject({
  /** What this line is: "Nộp hồ sơ trực tiếp", "Nộp trực tuyến", "Ô tô con dưới 9 chỗ tại Hà Nội"... */
  label: z.string().min(2),
  /** Amount in đồng; 0 = free. Omit only when the amount is not known (then `text` explains). */
  amountVnd: z.number().int().min(0).optional(),
  text: z.string().optional(),
  channel: z.enum(['truc-tiep', 'truc-tuyen', 'moi-hinh-thuc']).default('moi-hinh-thuc'),
  /** Validity window of this amount (inclusive). */
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Who qualifies, for exemptions/reductions. */
  condition: z.string().optional(),
  sources: sourceRefs,
  verified: z.boolean().default(true),
});

export const factSchema = z.strictObject({
  text: z.string().min(3),
  sources: sourceRefs,
  verified: z.boolean().default(true),
});

export const entrySchema = z
  .strictObject({
    slug: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/),
    group: z.string().min(2),
    /** Short title used in replies ("Đăng ký tạm trú"). */
    title: z.string().min(3),
    /** Official procedure name, with its national code when known. */
    officialName: z.string().min(3),
    procedureCode: z.string().optional(),
    level: z.enum(['xa', 'tinh', 'xa-hoac-csgt', 'xa-hoac-tinh', 'tu-phuc-vu']),
    /** One to three polite sentences: the short answer. */
    summary: z.string().min(20),
    /** Who the procedure is for / when one must do it. */
    audience: z.array(factSchema).min(1),
    papers: z.array(paperSchema),
    steps: z.array(z.string().min(5)).min(1),
    fees: z.array(feeSchema).min(1),
    processingTime: factSchema,
    /** Where to go under the two-level model (commune/ward police, city police department...). */
    where: factSchema,
    online: z.strictObject({
      available: z.boolean(),
      channels: z.array(z.enum(['DVC', 'VNeID', 'buu-chinh', 'khac'])),
      url: z.string().url().optional(),
      howTo: z.array(z.string().min(5)),
      sources: sourceRefs.optional(),
      verified: z.boolean().default(true),
    }),
    legalBasis: z.array(factSchema).min(1),
    /** Extra notes worth knowing (deadlines, penalties for not doing it, common mistakes). */
    notes: z.array(factSchema).default([]),
    sources: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/), sourceSchema),
    lastChecked: isoDate,
    /** Ways citizens actually ask: varied, with and without diacritics, teencode, misspellings. */
    questions: z.array(z.string().min(3)).min(25),
    /** Slugs of related procedures, offered as follow-ups. */
    related: z.array(z.string()).default([]),
    /**
     * English rendering for English-speaking citizens (foreign residents): the same facts, translated,
     * never more. Fees are rendered from `fees` (structured), so they are not repeated here.
     */
    en: z
      .strictObject({
        title: z.string().min(3),
        summary: z.string().min(20),
        papers: z.array(z.string().min(3)).optional(),
        steps: z.array(z.string().min(5)).optional(),
        processingTime: z.string().min(3).optional(),
        where: z.string().min(3).optional(),
        online: z.string().min(3).optional(),
      })
      .optional(),
  })
  .superRefine((e, ctx) => {
    const known = new Set(Object.keys(e.sources));
    const check = (refs: string[] | undefined, where: string) => {
      for (const r of refs ?? []) {
        const path = where.replace(/\[(\d+)\]/g, '.$1').split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
        if (!known.has(r)) ctx.addIssue({ code: 'custom', path: [...path, 'sources'], message: `nguồn "${r}" ở ${where} không có trong sources` });
      }
    };
    e.audience.forEach((f, i) => check(f.sources, `audience[${i}]`));
    e.papers.forEach((p, i) => check(p.sources, `papers[${i}]`));
    e.fees.forEach((f, i) => check(f.sources, `fees[${i}]`));
    check(e.processingTime.sources, 'processingTime');
    check(e.where.sources, 'where');
    check(e.online.sources, 'online');
    e.legalBasis.forEach((f, i) => check(f.sources, `legalBasis[${i}]`));
    e.notes.forEach((f, i) => check(f.sources, `notes[${i}]`));
    e.fees.forEach((f, i) => {
      if (f.amountVnd === undefined && !f.text) ctx.addIssue({ code: 'custom', path: ['fees', i, 'amountVnd'], message: `fees[${i}]: cần amountVnd hoặc text` });
      if (f.from && f.to && f.from > f.to) ctx.addIssue({ code: 'custom', path: ['fees', i, 'to'], message: `fees[${i}]: from sau to` });
    });
  });

export type KbEntry = z.infer<typeof entrySchema>;
export type KbFee = z.infer<typeof feeSchema>;
export type KbFact = z.infer<typeof factSchema>;
export type KbSource = z.infer<typeof sourceSchema>;
