import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeStats } from './stats.service.ts';
import { dispatchFixture, dispatcherActor, WARD_A, WARD_B, type DispatchFixture } from './testing.ts';

const DAY = 86_400_000;

describe('leaders statistics: trend against the previous window', () => {
  let f: DispatchFixture;
  let start: Date;
  beforeAll(async () => {
    f = await dispatchFixture();
    start = f.clock.now();
    const make = (type: 'crime' | 'public_order' | 'fire' | 'traffic_accident', wardCode: string) =>
      f.dispatch.incidents.createIncident({ source: 'manual', type, wardCode, actor: dispatcherActor });
    // Previous week: 2 crimes, 1 fire in ward A; 1 traffic accident in ward B.
    await make('crime', WARD_A);
    await make('crime', WARD_A);
    await make('fire', WARD_A);
    await make('traffic_accident', WARD_B);
    // This week: 3 crimes (two on one day), 1 public-order case, no fire, in ward A.
    f.clock.advance(8 * DAY);
    await make('crime', WARD_A);
    await make('crime', WARD_A);
    f.clock.advance(DAY);
    await make('crime', WARD_A);
    await make('public_order', WARD_A);
  });
  afterAll(async () => {
    await f.close();
  });

  it('counts each type now and in the window of the same length before, per day and per type', async () => {
    const to = new Date(start.getTime() + 14 * DAY);
    const from = new Date(to.getTime() - 7 * DAY);
    const s = await computeStats(f.db, { from, to });
    expect(s.total).toBe(4);
    expect(s.previous.total).toBe(4);
    const byType = Object.fromEntries(s.byType.map((t) => [t.type, [t.count, t.previous]]));
    expect(byType).toEqual({ crime: [3, 2], public_order: [1, 0] });
    // Types that vanished this week still show, so a fall to zero is visible.
    expect(s.previous.byType.map((t) => [t.type, t.count]).sort()).toEqual([['fire', 1], ['traffic_accident', 1]]);
    const crimeDays = s.byTypeDay.filter((x) => x.type === 'crime').map((x) => x.count);
    expect(crimeDays).toEqual([2, 1]);
    expect(s.byTypeDay.reduce((a, x) => a + x.count, 0)).toBe(s.total);
  });

  it('keeps the previous window to the same ward', async () => {
    const to = new Date(start.getTime() + 14 * DAY);
    const s = await computeStats(f.db, { from: new Date(to.getTime() - 7 * DAY), to, wardCode: WARD_B });
    expect(s.total).toBe(0);
    expect(s.previous.total).toBe(1);
    expect(s.previous.byType).toEqual([{ type: 'traffic_accident', label: expect.any(String), count: 1 }]);
  });
});
