import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type DependencyList, type ReactNode } from 'react';
import { errorMessage, type StaffUser } from '../../api.ts';
import { kbApi, type LoadReport, type ProcedureSummary, type VersionSummary } from './kb-api.ts';
import { isFileConflict } from './kb-text.ts';

/** Loads `fn` when `deps` change; aborts the previous load. `reload()` runs it again. */
export function useLoad<T>(fn: (signal: AbortSignal) => Promise<T>, deps: DependencyList) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    const c = new AbortController();
    setError(null);
    fnRef.current(c.signal).then(
      (d) => !c.signal.aborted && setData(d),
      (e) => !c.signal.aborted && setError(errorMessage(e)),
    );
    return () => c.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, reload, setData };
}

/** Per-procedure work in progress, for badges. */
export interface OpenWork {
  drafts: VersionSummary[];
  review: VersionSummary[];
  conflicts: VersionSummary[];
}

interface KbData {
  me: StaffUser;
  procedures: ProcedureSummary[] | null;
  proceduresError: string | null;
  /** Versions in draft or review (all procedures). */
  open: VersionSummary[] | null;
  openError: string | null;
  /** undefined while loading; null when no file sync ran yet. */
  report: LoadReport | null | undefined;
  reportError: string | null;
  openBySlug: Map<string, OpenWork>;
  titleOf: (slug: string) => string;
  /** Reload the lists after a change (draft created, submitted, approved...). */
  refresh: () => void;
}

const Ctx = createContext<KbData | null>(null);

export function useKb(): KbData {
  const v = useContext(Ctx);
  if (!v) throw new Error('useKb outside KbDataProvider');
  return v;
}

export function KbDataProvider({ me, children }: { me: StaffUser; children: ReactNode }) {
  const procedures = useLoad((s) => kbApi.procedures(s), []);
  const open = useLoad(async (s) => {
    const [drafts, review] = await Promise.all([kbApi.queue({ state: 'draft', limit: 500 }, s), kbApi.queue({ state: 'review', limit: 500 }, s)]);
    return [...review, ...drafts];
  }, []);
  const report = useLoad(async (s) => ({ value: await kbApi.loadReport(s) }), []);

  const value = useMemo<KbData>(() => {
    const titles = new Map(procedures.data?.map((p) => [p.slug, p.title]));
    const openBySlug = new Map<string, OpenWork>();
    for (const v of open.data ?? []) {
      const w = openBySlug.get(v.slug) ?? { drafts: [], review: [], conflicts: [] };
      if (isFileConflict(v)) w.conflicts.push(v);
      else if (v.state === 'review') w.review.push(v);
      else w.drafts.push(v);
      openBySlug.set(v.slug, w);
    }
    return {
      me,
      procedures: procedures.data,
      proceduresError: procedures.error,
      open: open.data,
      openError: open.error,
      report: report.data === null ? undefined : report.data.value,
      reportError: report.error,
      openBySlug,
      titleOf: (slug) => titles.get(slug) ?? slug,
      refresh: () => {
        procedures.reload();
        open.reload();
        report.reload();
      },
    };
  }, [me, procedures.data, procedures.error, open.data, open.error, report.data, report.error, procedures.reload, open.reload, report.reload]);

  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
