import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../api.ts';
import { timeStandards, type IncidentTimes } from '../../../../src/dispatch/standards.ts';
import { dispatchApi } from './client.ts';
import { useLiveChannel, type LiveState } from './live.ts';
import type { Incident, IncidentSummary, LiveEvent, Unit } from './types.ts';

// The console's state: open incidents and units, loaded over HTTP, kept current by the live channel.
// Live payloads carry no personal data, so an incident that changes is re-read over HTTP (debounced)
// to get its time stamps for the time-standard badges; a new one is shown at once from the event.

/** How long a newly arrived incident flashes in the queue. */
export const FRESH_MS = 10_000;
/** Safety net: a full re-read every minute, in case an event was missed. */
const RESYNC_MS = 60_000;
const REFRESH_DEBOUNCE_MS = 250;

export interface DispatchStore {
  incidents: Incident[];
  units: Unit[];
  unitById: Record<string, Unit>;
  incidentById: Record<string, Incident>;
  /** id → local time it arrived live (for the flash). */
  fresh: Record<string, number>;
  loaded: boolean;
  error: string | null;
  live: LiveState;
  /** Bumped for an incident whenever an event touches it: the detail pane re-reads on change. */
  versions: Record<string, number>;
  /** Possible duplicates announced live (incident.created carries the merge candidates): id → other ids. */
  dupes: Record<string, string[]>;
  upsertIncident: (i: Incident) => void;
  upsertUnit: (u: Unit) => void;
  resync: () => void;
  /** Other panels (alarms) listen on the same live connection instead of opening their own. */
  subscribe: (handler: (e: LiveEvent) => void) => () => void;
}

const isOpen = (i: IncidentSummary) => i.status !== 'closed' && !i.mergedInto;

/** Incident times for the pure standards module; null when the list has not given them yet. */
export function timesOf(i: Incident): IncidentTimes | null {
  const t = i.times;
  if (!t) return null;
  const d = (s: string | null) => (s ? new Date(s) : null);
  return {
    type: i.type,
    status: i.status,
    mergedInto: i.mergedInto,
    receivedAt: new Date(t.receivedAt ?? i.receivedAt),
    shownAt: d(t.shownAt),
    acknowledgedAt: d(t.acknowledgedAt),
    dispatchedAt: d(t.dispatchedAt),
    firstEnrouteAt: d(t.firstEnrouteAt),
    firstOnSceneAt: d(t.firstOnSceneAt),
  };
}

/**
 * Overdue at `nowMs` (server time): a step is running past its limit — someone must act now. Computed from
 * the time stamps, or the server's flag while they are unknown.
 */
export function overdueAt(i: Incident, nowMs: number): boolean {
  const t = timesOf(i);
  return t ? timeStandards(t, new Date(nowMs)).measures.some((m) => m.state === 'overdue') : i.overdue;
}

/** A finished step took longer than its standard (recorded, no longer actionable). */
export function exceededAt(i: Incident, nowMs: number): boolean {
  const t = timesOf(i);
  return t ? timeStandards(t, new Date(nowMs)).measures.some((m) => m.state === 'exceeded') : false;
}

export function useDispatchStore(opts: { onArrived?: (i: IncidentSummary) => void }): DispatchStore {
  const [incidentById, setIncidents] = useState<Record<string, Incident>>({});
  const [unitById, setUnits] = useState<Record<string, Unit>>({});
  const [fresh, setFresh] = useState<Record<string, number>>({});
  const [versions, setVersions] = useState<Record<string, number>>({});
  const [dupes, setDupes] = useState<Record<string, string[]>>({});
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const arrived = useRef(opts.onArrived);
  arrived.current = opts.onArrived;
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const syncing = useRef<AbortController | null>(null);

  const upsertIncident = useCallback((i: Incident) => {
    setIncidents((cur) => {
      if (!isOpen(i)) {
        if (!cur[i.id]) return cur;
        const next = { ...cur };
        delete next[i.id];
        return next;
      }
      return { ...cur, [i.id]: { ...cur[i.id], ...i } };
    });
  }, []);

  const upsertUnit = useCallback((u: Unit) => setUnits((cur) => ({ ...cur, [u.id]: u })), []);

  const resync = useCallback(() => {
    syncing.current?.abort();
    const c = new AbortController();
    syncing.current = c;
    Promise.all([dispatchApi.incidents({ limit: 500 }, c.signal), dispatchApi.units(c.signal)]).then(
      ([incidents, units]) => {
        if (c.signal.aborted) return;
        setIncidents(Object.fromEntries(incidents.filter(isOpen).map((i) => [i.id, i])));
        setUnits(Object.fromEntries(units.map((u) => [u.id, u])));
        setLoaded(true);
        setError(null);
      },
      (e) => {
        if (!c.signal.aborted) setError(errorMessage(e));
      },
    );
  }, []);

  /** Re-reads one incident (debounced): its time stamps and personal fields are not on the live channel. */
  const refresh = useCallback(
    (id: string) => {
      const t = timers.current.get(id);
      if (t) clearTimeout(t);
      timers.current.set(
        id,
        setTimeout(() => {
          timers.current.delete(id);
          dispatchApi.detail(id).then(
            (d) => upsertIncident(d.incident),
            () => undefined, // gone or out of scope: the next event or resync settles it
          );
        }, REFRESH_DEBOUNCE_MS),
      );
    },
    [upsertIncident],
  );

  const listeners = useRef(new Set<(e: LiveEvent) => void>());
  const subscribe = useCallback((handler: (e: LiveEvent) => void) => {
    listeners.current.add(handler);
    return () => void listeners.current.delete(handler);
  }, []);

  const onEvent = useCallback(
    (e: LiveEvent) => {
      for (const l of listeners.current) {
        try {
          l(e);
        } catch {
          // A listener's failure must not stop the console's own update.
        }
      }
      if (e.type === 'incident.created' || e.type === 'incident.updated') {
        const summary = (e.payload as { incident?: IncidentSummary }).incident;
        if (!summary) return;
        setVersions((v) => ({ ...v, [summary.id]: (v[summary.id] ?? 0) + 1 }));
        if (e.type === 'incident.created') {
          // Everything after "received" is still empty on a new incident: its times are known without a read.
          upsertIncident({ ...summary, times: newTimes(summary.receivedAt) });
          if (isOpen(summary)) {
            setFresh((f) => ({ ...f, [summary.id]: Date.now() }));
            arrived.current?.(summary);
          }
          const candidates = (e.payload as { mergeCandidateIds?: string[] }).mergeCandidateIds ?? [];
          if (candidates.length) {
            setDupes((d) => {
              const next = { ...d, [summary.id]: [...new Set([...(d[summary.id] ?? []), ...candidates])] };
              for (const c of candidates) next[c] = [...new Set([...(next[c] ?? []), summary.id])];
              return next;
            });
          }
        } else {
          upsertIncident(summary);
          if (isOpen(summary)) refresh(summary.id);
        }
      } else if (e.type === 'unit.updated') {
        const unit = (e.payload as { unit?: Unit }).unit;
        if (unit) upsertUnit(unit);
      }
    },
    [refresh, upsertIncident, upsertUnit],
  );

  const live = useLiveChannel({ onEvent, onSync: resync });

  useEffect(() => {
    const t = setInterval(resync, RESYNC_MS);
    const pending = timers.current;
    return () => {
      clearInterval(t);
      syncing.current?.abort();
      for (const x of pending.values()) clearTimeout(x);
      pending.clear();
    };
  }, [resync]);

  // Forget flashes once they are over.
  useEffect(() => {
    const ids = Object.keys(fresh);
    if (!ids.length) return;
    const t = setTimeout(() => {
      const cut = Date.now() - FRESH_MS;
      setFresh((f) => Object.fromEntries(Object.entries(f).filter(([, at]) => at > cut)));
    }, FRESH_MS);
    return () => clearTimeout(t);
  }, [fresh]);

  const incidents = useMemo(() => Object.values(incidentById), [incidentById]);
  const units = useMemo(() => Object.values(unitById).sort((a, b) => a.callSign.localeCompare(b.callSign, 'vi')), [unitById]);

  // A duplicate hint counts only while the other incident is still open here.
  const openDupes = useMemo(() => {
    const out: Record<string, string[]> = {};
    for (const [id, others] of Object.entries(dupes)) {
      const still = others.filter((o) => incidentById[o]);
      if (still.length && incidentById[id]) out[id] = still;
    }
    return out;
  }, [dupes, incidentById]);

  return { incidents, units, unitById, incidentById, fresh, loaded, error, live, versions, dupes: openDupes, upsertIncident, upsertUnit, resync, subscribe };
}

const newTimes = (receivedAt: string) => ({
  receivedAt,
  shownAt: null,
  shownBy: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
  dispatchedAt: null,
  dispatchedBy: null,
  firstEnrouteAt: null,
  firstOnSceneAt: null,
  resolvedAt: null,
  resolvedBy: null,
  closedAt: null,
  closedBy: null,
});
