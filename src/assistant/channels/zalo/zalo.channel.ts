import type { BusEvent, EventBus, Subscription } from '../../../shared/bus.ts';
import { isAppError } from '../../../shared/errors.ts';
import type { Logger } from '../../../shared/logger.ts';
import type { ConversationService } from '../../conversation.service.ts';
import { HANDOFF_EVENTS } from '../../handoff.service.ts';
import { templates } from '../../replies/index.ts';
import type { ZaloClient } from './zalo-client.ts';
import type { ZaloEvent } from './zalo-events.ts';
import type { RecipientRepository } from './zalo-recipients.ts';
import { renderForZalo, renderStaffMessage, splitText, type ZaloOutgoing } from './zalo-render.ts';

/**
 * The Zalo OA channel on top of the one conversation core: a follower's text or location goes through
 * `handleMessage({ channel: 'zalo', externalUserId })` like any web message, the reply is rendered as Zalo
 * text (+ buttons) and pushed through the OA API. Officers' replies in a handed-off conversation arrive as
 * `chat.message` bus events (identifiers only): the message is read from the conversation and pushed to the
 * follower. Sends run in the background, in order per follower, so that the webhook answers Zalo quickly.
 */

/** Text sent through the core when a follower shares a location without a caption. */
export const LOCATION_TEXT = 'Vị trí của tôi';

export interface ZaloChannelDeps {
  conversations: Pick<ConversationService, 'handleMessage' | 'repository'>;
  client: ZaloClient;
  recipients: RecipientRepository;
  bus: EventBus;
  log: Logger;
  now: () => Date;
}

export function createZaloChannel(deps: ZaloChannelDeps) {
  const log = deps.log.child({ channel: 'zalo' });
  const seenMsgIds = new Set<string>();
  const queues = new Map<string, Promise<void>>();
  const pending = new Set<Promise<void>>();
  let sub: Subscription | null = null;

  /** Zalo retries a delivery it thinks failed: a msg_id handled successfully is not handled again (per process, last 2,000). */
  const seen = (msgId: string | null) => !!msgId && seenMsgIds.has(msgId);
  function done(msgId: string | null) {
    if (!msgId) return;
    seenMsgIds.add(msgId);
    if (seenMsgIds.size > 2000) seenMsgIds.delete(seenMsgIds.values().next().value as string);
  }

  /** Queues the messages for one follower behind the ones already queued for them. */
  function send(userId: string, out: ZaloOutgoing, context: Record<string, unknown>) {
    const prev = queues.get(userId) ?? Promise.resolve();
    const run = prev.then(async () => {
      for (let i = 0; i < out.texts.length; i++) {
        const last = i === out.texts.length - 1;
        const r = await deps.client.sendText(userId, out.texts[i]!, last ? out.buttons : []);
        if (!r.ok) {
          log.warn({ ...context, reason: r.reason, part: i + 1, parts: out.texts.length }, 'zalo reply not delivered');
          return;
        }
      }
    });
    const tail = run.catch((err: unknown) => log.error({ err, ...context }, 'zalo send failed'));
    queues.set(userId, tail);
    pending.add(tail);
    void tail.finally(() => {
      pending.delete(tail);
      if (queues.get(userId) === tail) queues.delete(userId);
    });
  }

  async function converse(userId: string, text: string, location: { lat: number; lon: number } | undefined) {
    const now = deps.now();
    try {
      const r = await deps.conversations.handleMessage({ channel: 'zalo', externalUserId: userId, text, ...(location ? { location } : {}), now });
      await deps.recipients.remember(r.conversationId, userId, now);
      log.debug({ conversationId: r.conversationId, act: r.act }, 'zalo message handled');
      send(userId, renderForZalo(r.reply), { conversationId: r.conversationId });
    } catch (err) {
      if (isAppError(err) && err.status === 400) {
        // Empty, too long or unreadable text: tell the follower what the web client would show.
        send(userId, { texts: splitText(err.message), buttons: [] }, { code: err.code });
        return;
      }
      throw err;
    }
  }

  async function onStaffMessage(e: BusEvent) {
    const p = e.payload as { conversationId?: string; seq?: number; role?: string };
    if ((p.role !== 'officer' && p.role !== 'system') || !p.conversationId || typeof p.seq !== 'number') return;
    const conv = await deps.conversations.repository.get(p.conversationId);
    if (!conv || conv.channel !== 'zalo') return;
    const [msg, userId] = await Promise.all([deps.conversations.repository.message(p.conversationId, p.seq), deps.recipients.recipientOf(p.conversationId)]);
    if (!msg) return;
    if (!userId) {
      log.warn({ conversationId: p.conversationId }, 'no Zalo recipient for a staff message (OA secret changed?)');
      return;
    }
    const unit = typeof msg.meta?.unit === 'string' ? msg.meta.unit : null;
    send(userId, renderStaffMessage(p.role, msg.text, unit), { conversationId: p.conversationId, seq: p.seq });
  }

  return {
    /** Handles one verified webhook event; resolves once the citizen's message is stored (sending continues). */
    async handle(event: ZaloEvent): Promise<void> {
      switch (event.kind) {
        case 'text':
          if (seen(event.msgId)) return;
          await converse(event.userId, event.text, undefined);
          done(event.msgId);
          return;
        case 'location':
          if (seen(event.msgId)) return;
          await converse(event.userId, event.text ?? LOCATION_TEXT, { lat: event.lat, lon: event.lon });
          done(event.msgId);
          return;
        case 'follow': {
          const t = templates('vi');
          send(event.userId, { texts: splitText(t.greeting()), buttons: t.menu().slice(0, 5).map((m) => ({ title: m, payload: m })) }, { event: 'follow' });
          return;
        }
        case 'unfollow':
          log.info('zalo follower left');
          return;
        default:
          log.debug({ eventName: event.eventName }, 'zalo event ignored');
      }
    },

    async start() {
      // A queue group: with several server processes (NATS) each staff message is pushed once.
      sub = await deps.bus.subscribe(HANDOFF_EVENTS.message, (e) => onStaffMessage(e).catch((err: unknown) => log.error({ err }, 'zalo staff message failed')), { queue: 'zalo-outbound' });
    },

    async stop() {
      await sub?.unsubscribe().catch(() => undefined);
      sub = null;
      await this.idle();
    },

    /** Resolves when every queued send has finished (tests, shutdown). */
    async idle() {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}

export type ZaloChannel = ReturnType<typeof createZaloChannel>;
