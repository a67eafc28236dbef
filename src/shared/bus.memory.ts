import type { Logger } from './logger.ts';
import { makeEvent, matches, type BusEvent, type BusHandler, type EventBus, type SubscribeOptions } from './bus.ts';

interface Sub {
  pattern: string;
  handler: BusHandler;
  queue: string | undefined;
}

/** In-process bus: the default when NATS_URL is unset. Delivery is asynchronous and in publish order. */
export function createMemoryBus(log?: Logger): EventBus {
  let subs: Sub[] = [];
  const rr = new Map<string, number>();
  let closed = false;
  let chain: Promise<void> = Promise.resolve();

  const deliver = async (event: BusEvent, sub: Sub) => {
    try {
      await sub.handler(event);
    } catch (err) {
      log?.error({ err, eventType: event.type, eventId: event.id }, 'event handler failed');
    }
  };

  return {
    kind: 'memory',
    async publish(type, payload, meta) {
      if (closed) throw new Error('bus closed');
      const event = makeEvent(type, payload, meta);
      const targets: Sub[] = [];
      const queues = new Map<string, Sub[]>();
      for (const s of subs) {
        if (!matches(s.pattern, type)) continue;
        if (s.queue) queues.set(s.queue, [...(queues.get(s.queue) ?? []), s]);
        else targets.push(s);
      }
      for (const [q, members] of queues) {
        const i = (rr.get(q) ?? 0) % members.length;
        rr.set(q, i + 1);
        targets.push(members[i]!);
      }
      // Deliver after the publisher continues, preserving global publish order.
      chain = chain.then(() => Promise.all(targets.map((s) => deliver(event, s))).then(() => undefined));
      return event;
    },
    async subscribe(pattern: string, handler: BusHandler, opts: SubscribeOptions = {}) {
      const sub: Sub = { pattern, handler, queue: opts.queue };
      subs.push(sub);
      return {
        unsubscribe: async () => {
          subs = subs.filter((s) => s !== sub);
        },
      };
    },
    async close() {
      closed = true;
      await chain;
      subs = [];
    },
  };
}
