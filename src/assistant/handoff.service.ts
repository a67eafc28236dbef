import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../auth/audit.repository.ts';
import type { Db } from '../db/db.ts';
import { assertInScope, type Actor } from '../dispatch/access.ts';
import type { EventBus } from '../shared/bus.ts';
import { AppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import type { CitizenHandoffView } from './chat.types.ts';
import type { ConversationRepository, MessageRow } from './conversation.repository.ts';
import type { Lang } from './dialogue-state.ts';
import { createHandoffRepository, type HandoffReason, type HandoffRow } from './handoff.repository.ts';
import { templates } from './replies/index.ts';
import { checkMessageText } from './text-guard.ts';

/**
 * Hand-off of a conversation to a human: queued in the competent ward's queue (city level when no ward is
 * known), taken by one officer, answered in the same chat, closed (the assistant resumes). Ward officers see
 * their ward only; other ids answer 404 (audited). Events (bus, with wardCode, forwarded to the officers'
 * WebSocket): `handoff.requested`, `handoff.updated`, `chat.message` — identifiers only, never texts.
 */

export const HANDOFF_EVENTS = { requested: 'handoff.requested', updated: 'handoff.updated', message: 'chat.message' } as const;

export interface HandoffServiceDeps {
  db: Db;
  bus: EventBus;
  log: Logger;
  now: () => Date;
  audit?: AuditLog;
  conversations: ConversationRepository;
  wardName: (code: string) => string | null;
  retentionMs: number;
}

const REASON_LABELS: Record<HandoffReason, string> = {
  request: 'Người dân đề nghị gặp cán bộ',
  low_confidence: 'Trợ lý ảo chưa trả lời được',
  report: 'Tin báo, tố giác mới',
};
const STATUS_LABELS = { queued: 'Đang chờ', taken: 'Đang xử lý', closed: 'Đã kết thúc' } as const;

export function createHandoffService(deps: HandoffServiceDeps) {
  const repo = createHandoffRepository(deps.db);
  const log = deps.log;
  const ward = (code: string | null) => (code ? { code, name: deps.wardName(code) ?? code } : null);
  const unitLabel = (code: string | null, lang: Lang) => {
    const t = templates(lang);
    const name = code ? deps.wardName(code) : null;
    return name ? t.wardUnit(name) : t.cityUnit();
  };

  /** Officer's view (workspace list and detail). Time in queue is computed here, on the server's clock. */
  function officerView(h: HandoffRow, now: Date) {
    const waitingMs = (h.takenAt ?? h.closedAt ?? now).getTime() - h.requestedAt.getTime();
    return {
      id: h.id,
      conversationId: h.conversationId,
      wardCode: h.wardCode,
      ward: ward(h.wardCode),
      reason: h.reason,
      reasonLabel: REASON_LABELS[h.reason],
      status: h.status,
      statusLabel: STATUS_LABELS[h.status],
      channel: h.channel,
      language: h.language,
      requestedAt: h.requestedAt.toISOString(),
      takenAt: h.takenAt?.toISOString() ?? null,
      takenBy: h.takenBy,
      closedAt: h.closedAt?.toISOString() ?? null,
      queuePosition: h.status === 'queued' ? h.queuePosition : null,
      /** Time in queue: until taken (or closed), or until now while queued. */
      waitingMs: Math.max(0, waitingMs),
      lastMessageAt: h.lastMessageAt?.toISOString() ?? null,
      messageCount: h.messageCount,
      report: h.reportId ? { id: h.reportId, trackingCode: h.trackingCode, kind: h.reportKind } : null,
    };
  }
  type OfficerHandoffView = ReturnType<typeof officerView>;

  function citizenView(h: HandoffRow, now: Date): CitizenHandoffView {
    return {
      id: h.id,
      status: h.status,
      ward: ward(h.wardCode),
      ...(h.status === 'queued' ? { queuePosition: h.queuePosition ?? 1, waitingSinceMs: Math.max(0, now.getTime() - h.requestedAt.getTime()) } : {}),
      ...(h.takenAt ? { waitedMs: Math.max(0, h.takenAt.getTime() - h.requestedAt.getTime()) } : {}),
    };
  }

  async function publish(type: string, h: HandoffRow, extra: Record<string, unknown> = {}) {
    try {
      await deps.bus.publish(type, { handoff: officerView(h, deps.now()), ...extra }, { wardCode: h.wardCode });
    } catch (err) {
      log.error({ err, handoffId: h.id }, 'handoff event publish failed');
    }
  }

  async function publishMessage(h: Pick<HandoffRow, 'id' | 'conversationId' | 'wardCode'>, seq: number, role: string, at: Date) {
    try {
      await deps.bus.publish(HANDOFF_EVENTS.message, { conversationId: h.conversationId, handoffId: h.id, seq, role, at: at.toISOString() }, { wardCode: h.wardCode });
    } catch (err) {
      log.error({ err, handoffId: h.id }, 'chat message event publish failed');
    }
  }

  async function loadScoped(actor: Actor, id: string, action: string): Promise<HandoffRow> {
    const h = /^[0-9a-f-]{36}$/i.test(id) ? await repo.get(id) : undefined;
    if (!h) throw new AppError('NOT_FOUND', 'Không tìm thấy yêu cầu hỗ trợ này.');
    await assertInScope(deps.audit, actor, { wardCode: h.wardCode, target: `handoff:${id}` }, action);
    return h;
  }

  /** A system notice in the conversation, in its language: stored (as activity: the retention restarts) and announced. */
  async function systemMessage(h: HandoffRow, text: (lang: Lang) => string, at: Date) {
    const conv = await deps.conversations.get(h.conversationId);
    const lang = conv?.language ?? 'vi';
    const seq = await deps.conversations.appendMessage(h.conversationId, { role: 'system', text: text(lang), meta: { handoffId: h.id } }, at, new Date(at.getTime() + deps.retentionMs));
    if (seq !== null) await publishMessage(h, seq, 'system', at);
  }

  async function take(actor: Actor, id: string) {
    const h = await loadScoped(actor, id, 'take');
    const at = deps.now();
    if (h.status === 'closed') throw new AppError('HANDOFF_CLOSED');
    if (h.status === 'taken') {
      if (h.takenBy === actor.username) return officerView(h, at);
      throw new AppError('HANDOFF_TAKEN');
    }
    if (!(await repo.take(id, { username: actor.username, userId: actor.userId ?? null }, at))) {
      const now = await repo.get(id);
      if (now?.takenBy === actor.username) return officerView(now, at);
      throw new AppError('HANDOFF_TAKEN');
    }
    const next = (await repo.get(id))!;
    await systemMessage(next, (lang) => templates(lang).officerTook(unitLabel(next.wardCode, lang)), at);
    await deps.audit?.record({ actorId: actor.userId ?? null, actorUsername: actor.username, action: 'handoff.take', target: `handoff:${id}`, ip: actor.ip ?? null });
    log.info({ handoffId: id, conversationId: h.conversationId, account: actor.username }, 'hand-off taken');
    await publish(HANDOFF_EVENTS.updated, next, { change: 'taken' });
    return officerView(next, at);
  }

  return {
    officerView,
    citizenView,
    unitLabel,
    systemMessage,

    /** Queues the conversation for the ward's officers (or returns the hand-off already open). */
    async request(input: { conversationId: string; wardCode: string | null; reason: HandoffReason; reportId?: string | null }) {
      // A queue no officer can see would hold the citizen forever: only the 126 current units (or the city, null).
      if (input.wardCode !== null && deps.wardName(input.wardCode) === null) throw new AppError('WARD_NOT_FOUND');
      const at = deps.now();
      const { row, created } = await repo.openOrGet({ id: randomUUID(), conversationId: input.conversationId, wardCode: input.wardCode, reason: input.reason, reportId: input.reportId ?? null, at });
      deps.conversations.forget(input.conversationId); // its status changed outside the conversation repository
      if (created) {
        log.info({ conversationId: input.conversationId, handoffId: row.id, wardCode: row.wardCode, reason: row.reason }, 'hand-off requested');
        await publish(HANDOFF_EVENTS.requested, row);
      }
      return { row, created, view: citizenView(row, at) };
    },

    async openOf(conversationId: string) {
      return (await repo.openOf(conversationId)) ?? null;
    },

    /** A citizen message arrived in a handed-off conversation: tell the ward's officers. */
    async citizenMessage(h: HandoffRow, seq: number, at: Date) {
      await publishMessage(h, seq, 'citizen', at);
    },

    async list(actor: Actor, f: { status?: 'queued' | 'taken' | 'closed' | 'open' | 'all'; ward?: string; limit?: number }) {
      const statuses: Array<'queued' | 'taken' | 'closed'> =
        f.status === 'all' ? ['queued', 'taken', 'closed'] : !f.status || f.status === 'open' ? ['queued', 'taken'] : [f.status];
      const rows = await repo.list({ statuses, scope: actor.scope ?? f.ward ?? null, limit: f.limit ?? 200 });
      const now = deps.now();
      return rows.map((r) => officerView(r, now));
    },

    async get(actor: Actor, id: string): Promise<OfficerHandoffView> {
      return officerView(await loadScoped(actor, id, 'read'), deps.now());
    },

    /** The conversation's messages for the officer (whole history, with the assistant's turns). */
    async messages(actor: Actor, id: string, after = 0, limit = 500): Promise<MessageRow[]> {
      const h = await loadScoped(actor, id, 'read');
      return deps.conversations.messages(h.conversationId, after, limit);
    },

    take,

    /** Officer reply: appears in the citizen's chat. Takes a queued hand-off first. */
    async reply(actor: Actor, id: string, rawText: string) {
      const text = checkMessageText(rawText);
      let h = await loadScoped(actor, id, 'reply');
      if (h.status === 'closed') throw new AppError('HANDOFF_CLOSED');
      if (h.status === 'queued') {
        await take(actor, id);
        h = (await repo.get(id))!;
      }
      if (h.takenBy !== actor.username) throw new AppError('HANDOFF_TAKEN');
      const at = deps.now();
      const conv = await deps.conversations.get(h.conversationId);
      const unit = unitLabel(h.wardCode, conv?.language ?? 'vi');
      const seq = await deps.conversations.appendMessage(h.conversationId, { role: 'officer', text, meta: { handoffId: id, officer: actor.username, unit } }, at, new Date(at.getTime() + deps.retentionMs));
      if (seq === null) throw new AppError('CONVERSATION_NOT_FOUND');
      await publishMessage(h, seq, 'officer', at);
      return { seq, at: at.toISOString() };
    },

    async close(actor: Actor, id: string, note?: string | null) {
      const h = await loadScoped(actor, id, 'close');
      if (h.status === 'closed') return officerView(h, deps.now());
      const at = deps.now();
      const closeNote = note?.normalize('NFC').replace(/\u0000/g, '').trim().slice(0, 1000) || null;
      await repo.close(id, actor.username, closeNote, at);
      deps.conversations.forget(h.conversationId);
      const next = (await repo.get(id))!;
      await systemMessage(next, (lang) => templates(lang).officerClosed(), at);
      await deps.audit?.record({ actorId: actor.userId ?? null, actorUsername: actor.username, action: 'handoff.close', target: `handoff:${id}`, ip: actor.ip ?? null });
      log.info({ handoffId: id, conversationId: h.conversationId, account: actor.username }, 'hand-off closed');
      await publish(HANDOFF_EVENTS.updated, next, { change: 'closed' });
      return officerView(next, at);
    },
  };
}

export type HandoffService = ReturnType<typeof createHandoffService>;
