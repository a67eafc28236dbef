import { describe, expect, it } from 'vitest';
import { percentile, timeStandards, type IncidentTimes } from './standards.ts';

const t0 = new Date('2026-03-02T02:00:00.000Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const base: IncidentTimes = {
  type: 'fire',
  status: 'new',
  receivedAt: t0,
  shownAt: null,
  acknowledgedAt: null,
  dispatchedAt: null,
  firstEnrouteAt: null,
  firstOnSceneAt: null,
};
const byKey = (r: ReturnType<typeof timeStandards>) => Object.fromEntries(r.measures.map((m) => [m.key, m]));

describe('time standards', () => {
  it('measures every stage of a fire handled within the standards', () => {
    const r = byKey(
      timeStandards(
        { ...base, status: 'on_scene', shownAt: at(2), acknowledgedAt: at(10), dispatchedAt: at(55), firstEnrouteAt: at(130), firstOnSceneAt: at(360) },
        at(400),
      ),
    );
    expect(r.shown!.durationMs).toBe(2_000);
    expect(r.answer!.durationMs).toBe(10_000);
    // processing runs from the answer (acknowledged) to the dispatch: 45 s ≤ 60 s.
    expect(r.processing).toMatchObject({ durationMs: 45_000, state: 'met', overdue: false });
    // turnout 75 s ≤ 80 s for fire.
    expect(r.turnout).toMatchObject({ durationMs: 75_000, state: 'met', limitMs: 80_000 });
    // travel 230 s ≤ 240 s.
    expect(r.travel).toMatchObject({ durationMs: 230_000, state: 'met', limitMs: 240_000 });
  });

  it('flags exceeded stages and uses the 60 s turnout limit for non-fire incidents', () => {
    const r = timeStandards(
      { ...base, type: 'crime', status: 'on_scene', shownAt: at(95), acknowledgedAt: at(20), dispatchedAt: at(100), firstEnrouteAt: at(170), firstOnSceneAt: at(500) },
      at(600),
    );
    const m = byKey(r);
    expect(m.shown).toMatchObject({ state: 'exceeded', overdue: true }); // 95 s > 90 s (NFPA 72)
    expect(m.answer).toMatchObject({ state: 'exceeded' }); // 20 s > 15 s
    expect(m.processing).toMatchObject({ durationMs: 80_000, state: 'exceeded' }); // > 60 s
    expect(m.turnout).toMatchObject({ durationMs: 70_000, limitMs: 60_000, state: 'exceeded' });
    expect(m.travel).toMatchObject({ durationMs: 330_000, state: 'exceeded' });
    expect(r.anyOverdue).toBe(true);
  });

  it('marks a running stage overdue once its limit has passed, and pending stages as pending', () => {
    const fresh = byKey(timeStandards(base, at(10)));
    expect(fresh.shown).toMatchObject({ state: 'running', durationMs: 10_000, overdue: false });
    expect(fresh.processing).toMatchObject({ state: 'pending' });
    const late = byKey(timeStandards({ ...base, shownAt: at(3) }, at(91)));
    expect(late.answer).toMatchObject({ state: 'overdue', overdue: true, durationMs: 91_000 });
    expect(late.shown).toMatchObject({ state: 'met' });
  });

  it('counts processing from reception when the incident was dispatched without a separate acknowledgement', () => {
    const m = byKey(timeStandards({ ...base, status: 'dispatched', dispatchedAt: at(50) }, at(60)));
    expect(m.processing).toMatchObject({ durationMs: 50_000, state: 'met' });
  });

  it('treats stages that will not happen on a closed incident as not applicable', () => {
    const m = byKey(timeStandards({ ...base, status: 'closed', shownAt: at(1), acknowledgedAt: at(5) }, at(3600)));
    expect(m.turnout!.state).toBe('not_applicable');
    expect(m.travel!.state).toBe('not_applicable');
    expect(m.turnout!.overdue).toBe(false);
  });

  it('computes nearest-rank percentiles', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([], 50)).toBeNaN();
  });
});
