import {
  AckPolicy,
  DeliverPolicy,
  JSONCodec,
  connect,
  nanos,
  type ConsumerMessages,
  type JetStreamClient,
  type NatsConnection,
} from 'nats';
import type { Logger } from './logger.ts';
import { makeEvent, type BusEvent, type BusHandler, type EventBus, type SubscribeOptions } from './bus.ts';

const PREFIX = 'binhyen';
const codec = JSONCodec<BusEvent>();

export interface NatsBusOptions {
  url: string;
  /** Stream name; tests use a unique one. */
  stream?: string;
  /** Subject prefix; tests use a unique one. */
  prefix?: string;
  log?: Logger;
  /** Delete the stream on close (tests). */
  deleteStreamOnClose?: boolean;
}

/**
 * NATS JetStream bus: events are persisted in a stream (7 days, de-duplicated by event id). Plain
 * subscribers use a core subscription (every process sees every event from now on); queue subscribers
 * share a durable consumer with explicit acks (each event handled once across processes, redelivered
 * when a handler fails or a process dies before acking).
 */
export async function createNatsBus(opts: NatsBusOptions): Promise<EventBus> {
  const stream = opts.stream ?? 'BINHYEN';
  const prefix = opts.prefix ?? PREFIX;
  const nc: NatsConnection = await connect({ servers: opts.url, name: 'binh-yen', maxReconnectAttempts: -1 });
  const jsm = await nc.jetstreamManager();
  try {
    await jsm.streams.info(stream);
  } catch {
    await jsm.streams.add({ name: stream, subjects: [`${prefix}.>`], max_age: nanos(7 * 24 * 3600 * 1000), duplicate_window: nanos(120_000) });
  }
  const js: JetStreamClient = nc.jetstream();
  const running = new Set<ConsumerMessages>();

  const handle = async (m: { data: Uint8Array }, handler: BusHandler) => {
    let event: BusEvent;
    try {
      event = codec.decode(m.data);
    } catch (err) {
      opts.log?.warn({ err }, 'undecodable bus message dropped');
      return true;
    }
    try {
      await handler(event);
      return true;
    } catch (err) {
      opts.log?.error({ err, eventType: event.type, eventId: event.id }, 'event handler failed');
      return false;
    }
  };

  return {
    kind: 'nats',
    async publish(type, payload, meta) {
      const event = makeEvent(type, payload, meta);
      await js.publish(`${prefix}.${type}`, codec.encode(event), { msgID: event.id });
      return event;
    },
    async subscribe(pattern: string, handler: BusHandler, so: SubscribeOptions = {}) {
      const subject = `${prefix}.${pattern}`;
      let messages: ConsumerMessages;
      if (so.queue) {
        const durable = so.queue.replace(/[^A-Za-z0-9_-]/g, '_');
        try {
          await jsm.consumers.info(stream, durable);
        } catch {
          await jsm.consumers.add(stream, {
            durable_name: durable,
            ack_policy: AckPolicy.Explicit,
            deliver_policy: DeliverPolicy.New,
            filter_subject: subject,
            ack_wait: nanos(30_000),
          });
        }
        const consumer = await js.consumers.get(stream, durable);
        messages = await consumer.consume({ max_messages: 256 });
        void (async () => {
          for await (const m of messages) {
            if (await handle(m, handler)) m.ack();
            else m.nak(1000);
          }
        })();
      } else {
        // Broadcast: a core subscription sees every message published on the subject, including
        // those JetStream stores; live views need no replay, and this works on every server version.
        const sub = nc.subscribe(subject);
        void (async () => {
          for await (const m of sub) await handle(m, handler);
        })();
        return {
          unsubscribe: async () => {
            sub.unsubscribe();
          },
        };
      }
      running.add(messages);
      return {
        unsubscribe: async () => {
          running.delete(messages);
          await messages.close();
        },
      };
    },
    async close() {
      for (const m of running) await m.close().catch(() => undefined);
      running.clear();
      if (opts.deleteStreamOnClose) await jsm.streams.delete(stream).catch(() => undefined);
      await nc.drain();
    },
  };
}
