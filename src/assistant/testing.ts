/**
 * Test support for the assistant (used by src/assistant/*.test.ts and bench/chat.bench.ts). Not imported by
 * production code.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { Platform, PlatformOverrides } from '../app.ts';
import { startTestPlatform } from '../../test/support/platform.ts';
import type { ChatResponse } from './chat.types.ts';

/** Limits off: tests send many messages from one address. */
export const NO_LIMITS = { messagesPerMinutePerIp: 0, messagesPerMinutePerConversation: 0, lookupsPerMinutePerIp: 10_000, secretAttempts: 10_000 } as const;

/** A whole platform for assistant tests: limits off, evidence files in a fresh temporary DATA_DIR. */
export async function assistantPlatform(overrides: PlatformOverrides = {}, env: Record<string, string> = {}): Promise<Platform> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'binh-yen-assistant-'));
  return startTestPlatform({ DATA_DIR: dataDir, ...env }, { ...overrides, assistant: { ...NO_LIMITS, ...overrides.assistant } });
}

/** A citizen chatting through the HTTP API, keeping the conversation id and token like the web client does. */
export function citizen(p: Platform, opts: { channel?: 'web' | 'zalo' | 'voice'; ip?: string } = {}) {
  let conversationId: string | undefined;
  let conversationToken: string | undefined;
  const c = {
    get conversationId() {
      return conversationId;
    },
    get token() {
      return conversationToken;
    },
    async raw(payload: Record<string, unknown>): Promise<LightMyRequestResponse> {
      return p.app.inject({ method: 'POST', url: '/api/v1/chat/messages', payload, ...(opts.ip ? { remoteAddress: opts.ip } : {}) });
    },
    async say(text: string, extra: Record<string, unknown> = {}): Promise<ChatResponse> {
      const res = await c.raw({ text, ...(opts.channel ? { channel: opts.channel } : {}), ...(conversationId ? { conversationId } : {}), ...extra });
      if (res.statusCode !== 200) throw new Error(`chat ${res.statusCode}: ${res.body}`);
      const body = res.json() as ChatResponse;
      conversationId = body.conversationId;
      if (body.conversationToken) conversationToken = body.conversationToken;
      return body;
    },
    async history(after = 0) {
      const res = await p.app.inject({ method: 'GET', url: `/api/v1/chat/conversations/${conversationId}/messages?after=${after}`, headers: { 'x-conversation-token': conversationToken ?? '' } });
      if (res.statusCode !== 200) throw new Error(`history ${res.statusCode}: ${res.body}`);
      return res.json() as { conversationStatus: string; messages: Array<{ seq: number; role: string; text: string; author?: string; card?: { type: string } }>; handoff?: { status: string; queuePosition?: number; waitingSinceMs?: number } };
    },
  };
  return c;
}
