import type { IncidentStatus, IncidentType } from './model.ts';

/**
 * Time standards measured on every incident. Limits are the published per-call targets; the standards
 * themselves are stated as "90 % of calls within …", which the statistics (share within standard) report.
 * - shown:      received → first display on a console. NFPA 72 (alarm signals reach the operator within 90 s);
 *               applied to every source as the same internal target.
 * - answer:     received → acknowledged by an operator. NFPA 1225: 90 % answered within 15 s.
 * - processing: answered (acknowledged, or received when never acknowledged) → first unit dispatched.
 *               NFPA 1225: 90 % within 60 s.
 * - turnout:    dispatched → first unit en route. NFPA 1710: 80 s for fire and special operations,
 *               60 s for other responses.
 * - travel:     first unit en route → first unit on scene. NFPA 1710: 240 s for the first engine.
 */
export const STANDARD_KEYS = ['shown', 'answer', 'processing', 'turnout', 'travel'] as const;
export type StandardKey = (typeof STANDARD_KEYS)[number];

export const STANDARD_INFO: Record<StandardKey, { label: string; standard: string }> = {
  shown: { label: 'Nhận tín hiệu → hiển thị trên màn hình', standard: 'NFPA 72: ≤ 90 giây' },
  answer: { label: 'Tiếp nhận (trả lời)', standard: 'NFPA 1225: 90 % trong 15 giây' },
  processing: { label: 'Xử lý (đến khi điều động)', standard: 'NFPA 1225: 90 % trong 60 giây' },
  turnout: { label: 'Xuất phát (đến khi lên đường)', standard: 'NFPA 1710: 80 giây (chữa cháy, CNCH) / 60 giây (khác)' },
  travel: { label: 'Di chuyển (đến hiện trường)', standard: 'NFPA 1710: 240 giây (xe đầu tiên)' },
};

export const SHOWN_LIMIT_MS = 90_000;
export const ANSWER_LIMIT_MS = 15_000;
export const PROCESSING_LIMIT_MS = 60_000;
export const TURNOUT_FIRE_LIMIT_MS = 80_000;
export const TURNOUT_OTHER_LIMIT_MS = 60_000;
export const TRAVEL_LIMIT_MS = 240_000;

export function limitMs(key: StandardKey, type: IncidentType): number {
  switch (key) {
    case 'shown':
      return SHOWN_LIMIT_MS;
    case 'answer':
      return ANSWER_LIMIT_MS;
    case 'processing':
      return PROCESSING_LIMIT_MS;
    case 'turnout':
      return type === 'fire' || type === 'rescue' ? TURNOUT_FIRE_LIMIT_MS : TURNOUT_OTHER_LIMIT_MS;
    case 'travel':
      return TRAVEL_LIMIT_MS;
  }
}

export interface IncidentTimes {
  type: IncidentType;
  status: IncidentStatus;
  mergedInto?: string | null;
  receivedAt: Date;
  shownAt: Date | null;
  acknowledgedAt: Date | null;
  dispatchedAt: Date | null;
  firstEnrouteAt: Date | null;
  firstOnSceneAt: Date | null;
}

/** pending: not started; running: started, within limit; overdue: started, past limit, still open;
 * met / exceeded: finished within / past the limit; not_applicable: the stage will not happen. */
export type StandardState = 'pending' | 'running' | 'overdue' | 'met' | 'exceeded' | 'not_applicable';

export interface StandardMeasure {
  key: StandardKey;
  label: string;
  standard: string;
  limitMs: number;
  startAt: Date | null;
  endAt: Date | null;
  /** Finished duration, or the elapsed time so far while running. */
  durationMs: number | null;
  state: StandardState;
  /** True for the console highlight: past the limit (running or finished). */
  overdue: boolean;
}

export function stageBounds(t: IncidentTimes): Record<StandardKey, [Date | null, Date | null]> {
  return {
    shown: [t.receivedAt, t.shownAt],
    answer: [t.receivedAt, t.acknowledgedAt],
    processing: [t.acknowledgedAt ?? (t.dispatchedAt ? t.receivedAt : null), t.dispatchedAt],
    turnout: [t.dispatchedAt, t.firstEnrouteAt ?? t.firstOnSceneAt],
    travel: [t.firstEnrouteAt, t.firstOnSceneAt],
  };
}

/** Durations and overdue flags for one incident at `now` (pure). */
export function timeStandards(t: IncidentTimes, now: Date): { measures: StandardMeasure[]; anyOverdue: boolean } {
  const bounds = stageBounds(t);
  const finished = t.status === 'resolved' || t.status === 'closed' || Boolean(t.mergedInto);
  const measures = STANDARD_KEYS.map((key): StandardMeasure => {
    const [start, end] = bounds[key];
    const limit = limitMs(key, t.type);
    const base = { key, ...STANDARD_INFO[key], limitMs: limit, startAt: start, endAt: end };
    if (start && end) {
      const d = end.getTime() - start.getTime();
      return { ...base, durationMs: d, state: d <= limit ? 'met' : 'exceeded', overdue: d > limit };
    }
    if (finished) return { ...base, durationMs: null, state: 'not_applicable', overdue: false };
    if (!start) return { ...base, durationMs: null, state: 'pending', overdue: false };
    const elapsed = now.getTime() - start.getTime();
    return { ...base, durationMs: elapsed, state: elapsed > limit ? 'overdue' : 'running', overdue: elapsed > limit };
  });
  return { measures, anyOverdue: measures.some((m) => m.overdue) };
}

/** Nearest-rank percentile of unsorted values; NaN when empty. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i]!;
}
