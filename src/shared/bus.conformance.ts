import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BusEvent, EventBus } from './bus.ts';

/** One behavioural suite that every EventBus adapter runs (in-process, NATS JetStream). */
export function busConformance(name: string, open: () => Promise<EventBus>, opts: { settleMs?: number } = {}) {
  const settle = () => new Promise((r) => setTimeout(r, opts.settleMs ?? 10));
  const waitFor = async (cond: () => boolean, timeoutMs = 5000) => {
    const t0 = Date.now();
    while (!cond()) {
      if (Date.now() - t0 > timeoutMs) throw new Error('timed out waiting for events');
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  describe(`EventBus conformance: ${name}`, () => {
    let bus: EventBus;
    beforeEach(async () => {
      bus = await open();
    });
    afterEach(async () => {
      await bus.close();
    });

    it('delivers a published event with its type, payload, ward and id', async () => {
      const got: BusEvent[] = [];
      await bus.subscribe('incident.created', (e) => void got.push(e));
      await settle();
      const sent = await bus.publish('incident.created', { id: 'i1' }, { wardCode: '00070' });
      await waitFor(() => got.length === 1);
      expect(got[0]).toEqual(sent);
      expect(got[0]!.wardCode).toBe('00070');
    });

    it('matches * and > patterns and skips other types', async () => {
      const star: string[] = [];
      const rest: string[] = [];
      await bus.subscribe('incident.*', (e) => void star.push(e.type));
      await bus.subscribe('alarm.>', (e) => void rest.push(e.type));
      await settle();
      await bus.publish('incident.created', {});
      await bus.publish('alarm.received', {});
      await bus.publish('alarm.trouble.raised', {});
      await bus.publish('handoff.requested', {});
      await waitFor(() => star.length === 1 && rest.length === 2);
      await settle();
      expect(star).toEqual(['incident.created']);
      expect(rest).toEqual(['alarm.received', 'alarm.trouble.raised']);
    });

    it('keeps publish order for one subscriber', async () => {
      const got: number[] = [];
      await bus.subscribe('seq.test', (e) => void got.push((e.payload as { n: number }).n));
      await settle();
      for (let n = 0; n < 50; n++) await bus.publish('seq.test', { n });
      await waitFor(() => got.length === 50);
      expect(got).toEqual([...Array(50).keys()]);
    });

    it('gives every plain subscriber every event but each queue event to one member', async () => {
      const a: string[] = [];
      const b: string[] = [];
      const q1: string[] = [];
      const q2: string[] = [];
      await bus.subscribe('work.item', (e) => void a.push(e.id));
      await bus.subscribe('work.item', (e) => void b.push(e.id));
      await bus.subscribe('work.item', (e) => void q1.push(e.id), { queue: 'workers' });
      await bus.subscribe('work.item', (e) => void q2.push(e.id), { queue: 'workers' });
      await settle();
      for (let n = 0; n < 20; n++) await bus.publish('work.item', { n });
      await waitFor(() => a.length === 20 && b.length === 20 && q1.length + q2.length === 20);
      await settle();
      expect(q1.length + q2.length).toBe(20);
      expect(new Set([...q1, ...q2]).size).toBe(20);
    });

    it('stops delivering after unsubscribe', async () => {
      const got: string[] = [];
      const sub = await bus.subscribe('stop.test', (e) => void got.push(e.id));
      await settle();
      await bus.publish('stop.test', {});
      await waitFor(() => got.length === 1);
      await sub.unsubscribe();
      await bus.publish('stop.test', {});
      await settle();
      await new Promise((r) => setTimeout(r, 100));
      expect(got.length).toBe(1);
    });

    it('a failing handler does not stop delivery to others', async () => {
      const got: string[] = [];
      await bus.subscribe('fail.test', () => {
        throw new Error('boom');
      });
      await bus.subscribe('fail.test', (e) => void got.push(e.id));
      await settle();
      await bus.publish('fail.test', {});
      await bus.publish('fail.test', {});
      await waitFor(() => got.length === 2);
    });

    it('rejects malformed event types', async () => {
      await expect(bus.publish('Bad Type!', {})).rejects.toThrow();
    });
  });
}
