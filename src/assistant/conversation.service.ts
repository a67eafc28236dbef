import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { extractEntities } from '../nlp/index.ts';
import { AppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import type { ChatResponse } from './chat.types.ts';
import { createConversationRepository, isUuid, type ConversationRepository, type ConversationRow, type MessageRow } from './conversation.repository.ts';
import { initialState, readState, type Channel, type Lang } from './dialogue-state.ts';
import { internalErrorResult, pickLanguage, respond, withLowConfidence } from './dialogue.ts';
import type { FlowDeps } from './flows/common.ts';
import type { HandoffService } from './handoff.service.ts';
import type { KnowledgeHolder } from './knowledge.ts';
import { templates } from './replies/index.ts';
import { checkMessageText } from './text-guard.ts';
import { maskSecrets } from './tracking-code.ts';
import type { Turn, TurnResult } from './turn.ts';
import type { Db } from '../db/db.ts';
import type { KbEntry } from '../kb/entry.schema.ts';
import type { Facet } from '../nlp/index.ts';
import { answerProcedure, publishedRelated } from './procedure-answer.ts';

/**
 * The conversation core every channel goes through (web, Zalo, voice): `handleMessage` loads or starts the
 * conversation, runs the dialogue (src/assistant/dialogue.ts) on one consistent snapshot of the language
 * engine and the knowledge base, stores the turn (both messages and the new state, in one statement) and
 * returns the CONTRACT response with its extensions. Messages of one conversation are handled one at a time
 * in this process. Logs carry the conversationId and the dialogue act, never the texts.
 */

export interface IncomingMessage {
  /** Omit to start a conversation; an unknown or expired id starts a new one (`restarted: true`). */
  conversationId?: string;
  /** The token returned when the conversation was created; when given it must match. */
  conversationToken?: string;
  text: string;
  channel: Channel;
  /** Channel user id (Zalo follower id): finds that user's open conversation; stored only as an HMAC. */
  externalUserId?: string;
  /** A location shared by the client (browser geolocation, Zalo location message). */
  location?: { lat: number; lon: number };
  now: Date;
}

export interface ConversationServiceDeps {
  db: Db;
  knowledge: KnowledgeHolder;
  flows: FlowDeps;
  handoffs: HandoffService;
  log: Logger;
  retentionDays: number;
  random: (n: number) => Uint8Array;
  /** Key of the HMAC applied to channel user ids. */
  externalIdKey: string;
  conversations?: ConversationRepository;
  /** Content of a knowledge-base version (to re-render a procedure card shown from an older version). */
  versionContent?: (versionId: number) => Promise<KbEntry | null>;
}

export interface CitizenMessage {
  seq: number;
  role: MessageRow['role'];
  text: string;
  at: string;
  /** For officer messages: the unit the officer belongs to (never the officer's name). */
  author?: string;
  card?: unknown;
  quickReplies?: unknown;
  actions?: unknown;
  ack?: boolean;
  intent?: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function tokenMatches(token: string, hash: string): boolean {
  const a = Buffer.from(sha256(token), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Serialises work per key inside this process (messages of one conversation never race on its state). */
function keyedLock() {
  const tails = new Map<string, Promise<unknown>>();
  return async <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const prev = tails.get(key) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}

export function createConversationService(deps: ConversationServiceDeps) {
  const repo = deps.conversations ?? createConversationRepository(deps.db);
  const retentionMs = deps.retentionDays * 86_400_000;
  const lock = keyedLock();
  const hashExternal = (channel: Channel, id: string) => createHmac('sha256', deps.externalIdKey).update(`${channel}:${id}`).digest('hex');

  async function open(input: IncomingMessage): Promise<{ row: ConversationRow; token?: string; restarted: boolean }> {
    let row: ConversationRow | undefined;
    if (input.conversationId) {
      row = await repo.get(input.conversationId);
      if (row && input.conversationToken !== undefined && !tokenMatches(input.conversationToken, row.tokenHash)) throw new AppError('CONVERSATION_TOKEN_INVALID');
      if (row?.status === 'closed') row = undefined;
    } else if (input.externalUserId) {
      row = await repo.findByExternalUser(input.channel, hashExternal(input.channel, input.externalUserId));
    }
    if (row) return { row, restarted: false };
    const token = Buffer.from(deps.random(32)).toString('base64url');
    const created = await repo.create({
      id: randomUUID(),
      channel: input.channel,
      tokenHash: sha256(token),
      externalUserHash: input.externalUserId ? hashExternal(input.channel, input.externalUserId) : null,
      language: 'vi',
      state: initialState(),
      at: input.now,
      expiresAt: new Date(input.now.getTime() + retentionMs),
    });
    return { row: created, token, restarted: !!input.conversationId };
  }

  async function handle(input: IncomingMessage, text: string, attempt = 0): Promise<ChatResponse> {
    const { row, token, restarted } = await open(input);
    const log = deps.log.child({ conversationId: row.id });
    const knowledge = deps.knowledge.current();
    const classification = knowledge.engine.classify(text);
    const state = readState(row.state);
    const lang = pickLanguage(classification, text, row.language);
    const turn: Turn = {
      conversationId: row.id,
      channel: row.channel,
      status: row.status,
      wardCode: row.wardCode,
      text,
      lang,
      t: templates(lang),
      now: input.now,
      ...(input.location ? { location: input.location } : {}),
      state,
      knowledge,
      classification,
      entities: extractEntities(text, { now: input.now }),
      log,
    };
    const openHandoff = row.status === 'handed_off' ? await deps.handoffs.openOf(row.id) : null;
    const t0 = performance.now();
    let result: TurnResult;
    try {
      result = withLowConfidence(turn, await respond(turn, deps.flows, openHandoff));
    } catch (err) {
      log.error({ err }, 'dialogue failed');
      result = internalErrorResult(lang);
    }
    const meta: Record<string, unknown> = {
      intent: result.intent,
      act: result.act,
      lang,
      ...(result.answered ? { slug: result.answered.slug, versionId: result.answered.versionId } : {}),
      // procedure cards are large and fully determined by (version, focus, language, day): stored as a reference
      ...(result.reply.card?.type === 'procedure' && result.answered
        ? { cardRef: { type: 'procedure', slug: result.answered.slug, versionId: result.answered.versionId, lang, ...(result.reply.card.focus ? { focus: result.reply.card.focus } : {}) } }
        : result.reply.card
          ? { card: result.reply.card }
          : {}),
      ...(result.reply.quickReplies ? { quickReplies: result.reply.quickReplies } : {}),
      ...(result.reply.actions ? { actions: result.reply.actions.filter((a) => a.type !== 'upload') } : {}),
      ...(result.reply.ack ? { ack: true } : {}),
      ...(result.emergency ? { emergency: result.emergency } : {}),
      ...(result.incident ? { incidentId: result.incident.id } : {}),
      ...(result.report ? { trackingCode: result.report.trackingCode } : {}),
    };
    const citizenMeta = input.location ? { location: { lat: Math.round(input.location.lat * 1e5) / 1e5, lon: Math.round(input.location.lon * 1e5) / 1e5 } } : {};
    const wardCode = result.wardCode ?? null;
    const saved = await repo.saveTurn({
      id: row.id,
      state: turn.state,
      language: lang,
      wardCode,
      status: result.status ?? null,
      at: input.now,
      expiresAt: new Date(input.now.getTime() + retentionMs),
      messages: [
        { role: 'citizen', text: maskSecrets(text), meta: citizenMeta },
        { role: 'assistant', text: result.storedText ?? result.reply.text, meta },
      ],
      // the row came from memory: store only if no other turn was stored meanwhile (another process)
      ...(repo.cached && attempt === 0 ? { expectVersion: row.version } : {}),
    });
    if (saved === null) {
      log.warn('conversation changed by another writer; answering again from the stored state');
      return handle(input, text, attempt + 1);
    }
    const [citizenSeq, assistantSeq] = saved;
    if (openHandoff && citizenSeq !== undefined) await deps.handoffs.citizenMessage(openHandoff, citizenSeq, input.now);
    log.debug({ intent: result.intent, act: result.act, band: result.band, ms: Math.round((performance.now() - t0) * 10) / 10 }, 'chat turn');

    const status = result.status ?? (openHandoff ? 'handed_off' : row.status === 'handed_off' ? 'active' : row.status);
    const handoff = result.handoff ?? (openHandoff ? deps.handoffs.citizenView(openHandoff, input.now) : undefined);
    return {
      conversationId: row.id,
      ...(token ? { conversationToken: token } : {}),
      ...(restarted ? { restarted: true } : {}),
      messageSeq: assistantSeq ?? 0,
      reply: result.reply,
      intent: result.intent,
      act: result.act,
      ...(result.band ? { band: result.band } : {}),
      ...(result.confidence !== undefined ? { confidence: Math.round(result.confidence * 1000) / 1000 } : {}),
      ...(result.procedure ? { procedure: result.procedure } : {}),
      ...(result.emergency ? { emergency: result.emergency } : {}),
      ...(result.ward ? { ward: result.ward } : {}),
      ...(result.incident ? { incident: result.incident } : {}),
      ...(handoff ? { handoff } : {}),
      ...(result.report ? { report: result.report } : {}),
      conversationStatus: status,
      channel: row.channel,
    };
  }

  /** Verifies the conversation token (constant time). Unknown conversations and wrong tokens look the same. */
  async function authorised(conversationId: string, token: string | undefined): Promise<ConversationRow> {
    const row = isUuid(conversationId) ? await repo.get(conversationId) : undefined;
    if (!row || !token || !tokenMatches(token, row.tokenHash)) throw new AppError('CONVERSATION_NOT_FOUND');
    return row;
  }

  /** Rebuilds a procedure card from its stored reference: the version that was shown, as presented that day. */
  async function cardOf(meta: Record<string, unknown>, at: Date, versions: Map<number, KbEntry | null>): Promise<unknown> {
    if (meta.card) return meta.card;
    const ref = meta.cardRef as { type: 'procedure'; slug: string; versionId: number | null; lang: Lang; focus?: Facet } | undefined;
    if (!ref || ref.type !== 'procedure') return undefined;
    const k = deps.knowledge.current();
    const live = k.entries.get(ref.slug);
    let entry: KbEntry | null | undefined = live && live.versionId === ref.versionId ? live.entry : undefined;
    if (entry === undefined && ref.versionId !== null && deps.versionContent) {
      if (!versions.has(ref.versionId)) versions.set(ref.versionId, await deps.versionContent(ref.versionId).catch(() => null));
      entry = versions.get(ref.versionId);
    }
    entry ??= live?.entry ?? null;
    if (!entry) return undefined;
    return answerProcedure(entry, at, templates(ref.lang), publishedRelated(k.entries, entry), ref.focus).card;
  }

  async function citizenMessage(m: MessageRow, versions: Map<number, KbEntry | null>): Promise<CitizenMessage> {
    const meta = m.meta ?? {};
    const card = await cardOf(meta, m.at, versions);
    return {
      seq: m.seq,
      role: m.role,
      text: m.text,
      at: m.at.toISOString(),
      ...(m.role === 'officer' && typeof meta.unit === 'string' ? { author: meta.unit } : {}),
      ...(card ? { card } : {}),
      ...(meta.quickReplies ? { quickReplies: meta.quickReplies } : {}),
      ...(meta.actions ? { actions: meta.actions } : {}),
      ...(meta.ack ? { ack: true } : {}),
      ...(typeof meta.intent === 'string' ? { intent: meta.intent } : {}),
    };
  }

  return {
    /** One citizen message through the whole dialogue. Throws TEXT_* (400) for unusable input. */
    async handleMessage(input: IncomingMessage): Promise<ChatResponse> {
      const text = checkMessageText(input.text);
      const key = input.conversationId ?? (input.externalUserId ? `ext:${input.channel}:${input.externalUserId}` : randomUUID());
      return lock(key, () => handle(input, text));
    },

    authorised,

    /** The citizen's history after `afterSeq` (token required), with the open hand-off's status. */
    async history(conversationId: string, token: string | undefined, afterSeq: number, now: Date, limit = 200) {
      const row = await authorised(conversationId, token);
      const versions = new Map<number, KbEntry | null>();
      const [messages, h] = await Promise.all([repo.messages(row.id, afterSeq, limit), row.status === 'handed_off' ? deps.handoffs.openOf(row.id) : null]);
      return {
        conversationId: row.id,
        conversationStatus: row.status,
        language: row.language as Lang,
        messages: await Promise.all(messages.map((m) => citizenMessage(m, versions))),
        ...(h ? { handoff: deps.handoffs.citizenView(h, now) } : {}),
      };
    },

    repository: repo,
  };
}

export type ConversationService = ReturnType<typeof createConversationService>;
