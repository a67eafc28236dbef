import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type DemoRunner } from './demo.ts';
import { DEMO_WARDS, demoUnitSpecs } from './demo-data.ts';
import { dispatchFixture, dispatcherActor, type DispatchFixture } from './testing.ts';
import { verifyDatabase } from './verify-cli.ts';
import { createLogger } from '../shared/logger.ts';

describe('demo mode', () => {
  let f: DispatchFixture;
  let demo: DemoRunner;
  beforeAll(async () => {
    f = await dispatchFixture();
    demo = await startDemo({ db: f.db, log: createLogger('silent'), incidents: f.dispatch.incidents, units: f.dispatch.units, now: f.clock.now, options: { initial: 0, intervalMs: 3_600_000, tickMs: 3_600_000, turnoutMs: 20_000, onSceneMs: 60_000 } });
  });
  afterAll(async () => {
    await demo.stop();
    await f.close();
  });

  it('places demo units at real ward representative points, all marked as demo data', async () => {
    const units = await f.dispatch.units.listUnits({}, dispatcherActor);
    expect(units).toHaveLength(demoUnitSpecs().length);
    expect(units.every((u) => u.isDemo && u.demoLabel === 'DỮ LIỆU DEMO')).toBe(true);
    for (const u of units) {
      // Inside Hanoi's bounding box and exactly at one of the demo wards' published points.
      expect(DEMO_WARDS.some((w) => w.lat === u.home.lat && w.lon === u.home.lon)).toBe(true);
      expect(u.home.name).toMatch(/DỮ LIỆU DEMO/);
    }
    expect(new Set(units.map((u) => u.kind))).toEqual(new Set(['fire_rescue', 'police_patrol', 'medical_liaison']));
  });

  it('seeds units only once', async () => {
    const again = await startDemo({ db: f.db, log: createLogger('silent'), incidents: f.dispatch.incidents, units: f.dispatch.units, now: f.clock.now, options: { initial: 0, intervalMs: 3_600_000, tickMs: 3_600_000 } });
    await again.stop();
    expect(await f.dispatch.units.listUnits({}, dispatcherActor)).toHaveLength(demoUnitSpecs().length);
  });

  it('streams scripted incidents of various types across wards, with a duplicate fire report to merge', async () => {
    for (let i = 0; i < 8; i++) {
      await demo.next();
      f.clock.advance(30_000);
    }
    const list = await f.dispatch.incidents.list({}, dispatcherActor);
    expect(list).toHaveLength(8);
    expect(list.every((i) => i.isDemo && i.description!.startsWith('[DỮ LIỆU DEMO]'))).toBe(true);
    expect(new Set(list.map((i) => i.type)).size).toBeGreaterThanOrEqual(6);
    expect(list.every((i) => DEMO_WARDS.some((w) => w.code === i.wardCode))).toBe(true);
    const fires = list.filter((i) => i.type === 'fire');
    const c = await f.dispatch.incidents.findMergeCandidates(fires[1]!.id, dispatcherActor);
    expect(c.map((x) => x.id)).toContain(fires[0]!.id);
  });

  it('moves dispatched demo units: turnout, travel, on scene, back home, and resolves the incident', async () => {
    const inc = (await f.dispatch.incidents.list({ type: ['crime'] }, dispatcherActor))[0]!;
    const rec = await f.dispatch.units.recommendUnits(inc.id, dispatcherActor, 1);
    const unitId = rec.recommendations[0]!.unit.id;
    await f.dispatch.units.dispatchUnits(inc.id, [unitId], dispatcherActor);
    f.clock.advance(21_000);
    await demo.tick();
    expect((await f.dispatch.units.getUnit(unitId, dispatcherActor)).status).toBe('en_route');
    f.clock.advance(3_600_000);
    await demo.tick();
    expect((await f.dispatch.units.getUnit(unitId, dispatcherActor)).status).toBe('on_scene');
    f.clock.advance(61_000);
    await demo.tick();
    expect((await f.dispatch.units.getUnit(unitId, dispatcherActor)).status).toBe('returning');
    expect((await f.dispatch.incidents.get(inc.id, dispatcherActor)).status).toBe('resolved');
    for (let i = 0; i < 30 && (await f.dispatch.units.getUnit(unitId, dispatcherActor)).status !== 'available'; i++) await demo.tick();
    expect((await f.dispatch.units.getUnit(unitId, dispatcherActor)).status).toBe('available');
    f.clock.advance(3 * 60_000);
    await demo.tick();
    expect((await f.dispatch.incidents.get(inc.id, dispatcherActor)).status).toBe('closed');
  });

  it('timeline:verify reports every demo chain intact', async () => {
    const lines: string[] = [];
    expect(await verifyDatabase(f.db, (l) => lines.push(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/0 chuỗi bị phá vỡ/);
  });
});
