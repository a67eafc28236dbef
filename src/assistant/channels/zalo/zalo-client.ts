import type { Logger } from '../../../shared/logger.ts';
import type { ZaloButton } from './zalo-render.ts';

/**
 * Outbound client for the Zalo OA Open API v3 ("Gửi tin Tư vấn", consultation message):
 *
 *   POST {ZALO_API_BASE}/v3.0/oa/message/cs
 *   header  access_token: <OA access token>
 *   body    { "recipient": { "user_id": "…" },
 *             "message": { "text": "…", "attachment"?: { "type": "template", "payload": { "buttons": [
 *                          { "title": "…", "type": "oa.query.show", "payload": "…" } ] } } }
 *   answer  HTTP 200 { "error": 0, "message": "Success", "data": { "message_id": "…", "user_id": "…" } }
 *           or HTTP 200 with a negative `error` code (invalid/expired token, user not following, quota…).
 *
 * Each attempt has a timeout; 5xx answers, timeouts and network errors are retried with exponential backoff;
 * 4xx answers and Zalo's own error codes are not. Logs carry status and error codes only — never the text
 * or the user id.
 */

export const ZALO_CS_PATH = '/v3.0/oa/message/cs';

/** Error codes Zalo returns for an access token that is invalid or has expired (body `error`). */
export const TOKEN_ERROR_CODES: ReadonlySet<number> = new Set([-216, -124]);

export type SendResult =
  | { ok: true; messageId: string | null }
  | { ok: false; reason: 'not_configured' | 'token' | 'rejected' | 'unavailable'; status?: number; zaloError?: number };

export interface ZaloClientDeps {
  apiBase: string;
  accessToken: string | undefined;
  log: Logger;
  fetch?: typeof fetch;
  /** Waits between attempts (tests pass a no-op). */
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  /** Attempts in all (1 = no retry). */
  attempts?: number;
  backoffMs?: number;
  nowMs?: () => number;
}

export interface ZaloClient {
  readonly configured: boolean;
  sendText(userId: string, text: string, buttons?: ZaloButton[]): Promise<SendResult>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createZaloClient(deps: ZaloClientDeps): ZaloClient {
  const doFetch = deps.fetch ?? globalThis.fetch;
  const sleep = deps.sleep ?? defaultSleep;
  const timeoutMs = deps.timeoutMs ?? 5000;
  const attempts = Math.max(1, deps.attempts ?? 3);
  const backoffMs = deps.backoffMs ?? 400;
  const nowMs = deps.nowMs ?? Date.now;
  const url = new URL(ZALO_CS_PATH, deps.apiBase.endsWith('/') ? deps.apiBase : `${deps.apiBase}/`).toString();
  const log = deps.log.child({ channel: 'zalo' });
  let tokenWarnedAt = -Infinity;

  function tokenProblem(status: number, zaloError: number | undefined) {
    const at = nowMs();
    // One clear line per minute at most, not one per message.
    if (at - tokenWarnedAt >= 60_000) {
      tokenWarnedAt = at;
      log.error({ status, zaloError }, 'Zalo OA access token is invalid or has expired: renew ZALO_OA_ACCESS_TOKEN — replies to Zalo users are not being delivered');
    }
  }

  return {
    configured: !!deps.accessToken,
    async sendText(userId, text, buttons = []) {
      if (!deps.accessToken) return { ok: false, reason: 'not_configured' };
      const body = JSON.stringify({
        recipient: { user_id: userId },
        message: {
          text,
          ...(buttons.length
            ? { attachment: { type: 'template', payload: { buttons: buttons.map((b) => ({ title: b.title, type: 'oa.query.show', payload: b.payload })) } } }
            : {}),
        },
      });
      let last: SendResult = { ok: false, reason: 'unavailable' };
      for (let attempt = 1; attempt <= attempts; attempt++) {
        if (attempt > 1) await sleep(backoffMs * 2 ** (attempt - 2) + Math.floor(Math.random() * backoffMs / 2));
        let res: Response;
        try {
          res = await doFetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', access_token: deps.accessToken },
            body,
            signal: AbortSignal.timeout(timeoutMs),
          });
        } catch (err) {
          const timeout = (err as { name?: string }).name === 'TimeoutError';
          log.warn({ attempt, timeout }, 'Zalo API unreachable');
          last = { ok: false, reason: 'unavailable' };
          continue;
        }
        let json: { error?: unknown; data?: { message_id?: unknown } } | undefined;
        try {
          json = (await res.json()) as typeof json;
        } catch {
          json = undefined;
        }
        const zaloError = typeof json?.error === 'number' ? json.error : undefined;
        if (res.status >= 500) {
          log.warn({ attempt, status: res.status }, 'Zalo API server error');
          last = { ok: false, reason: 'unavailable', status: res.status };
          continue;
        }
        if (res.status === 401 || (zaloError !== undefined && TOKEN_ERROR_CODES.has(zaloError))) {
          tokenProblem(res.status, zaloError);
          return { ok: false, reason: 'token', status: res.status, ...(zaloError !== undefined ? { zaloError } : {}) };
        }
        if (res.status >= 400 || zaloError === undefined || zaloError !== 0) {
          log.warn({ status: res.status, zaloError }, 'Zalo API refused the message');
          return { ok: false, reason: 'rejected', status: res.status, ...(zaloError !== undefined ? { zaloError } : {}) };
        }
        const id = json?.data?.message_id;
        return { ok: true, messageId: typeof id === 'string' ? id : null };
      }
      log.error({ attempts }, 'Zalo API did not accept the message after retries');
      return last;
    },
  };
}
