import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Zalo Official Account webhook signature (pure; time comes in as an argument).
 *
 * Per Zalo's public OA documentation ("Xác thực Webhook"), every webhook request carries the header
 * `X-ZEvent-Signature: mac=<hex>` where
 *
 *     mac = sha256(appId + data + timeStamp + OAsecretKey)
 *
 * `data` is the raw request body exactly as received (the JSON string, before any parsing), `timeStamp` is
 * the `timestamp` field of that JSON body (milliseconds since the epoch, sent as a string), and the secret is
 * the OA secret key of the linked Official Account (not the app secret). It is a plain SHA-256 of the
 * concatenation, not an HMAC.
 */

export const SIGNATURE_HEADER = 'x-zevent-signature';
/** Default replay window: events whose body timestamp is further than this from our clock are refused. */
export const DEFAULT_MAX_SKEW_MS = 5 * 60_000;

export function zaloSignature(appId: string, rawBody: string, timestamp: string, oaSecret: string): string {
  return `mac=${createHash('sha256').update(appId + rawBody + timestamp + oaSecret, 'utf8').digest('hex')}`;
}

export type VerifyResult =
  | { ok: true; body: Record<string, unknown>; timestampMs: number }
  | { ok: false; reason: 'missing_signature' | 'malformed_body' | 'missing_timestamp' | 'stale_timestamp' | 'bad_signature' | 'wrong_app' };

export interface VerifyInput {
  rawBody: Buffer | string;
  signature: string | undefined;
  appId: string;
  oaSecret: string;
  nowMs: number;
  maxSkewMs?: number;
}

/**
 * Checks a webhook request before anything else looks at it: the signature over the raw bytes, then the
 * body's timestamp against the replay window, then the app id. Constant-time comparison of the MAC.
 */
export function verifyZaloWebhook(input: VerifyInput): VerifyResult {
  const header = input.signature?.trim();
  if (!header) return { ok: false, reason: 'missing_signature' };
  const raw = typeof input.rawBody === 'string' ? input.rawBody : input.rawBody.toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'malformed_body' };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: false, reason: 'malformed_body' };
  const b = body as Record<string, unknown>;
  // The timestamp is concatenated as it appears in the JSON (a string of digits; accept a JSON number too).
  const ts = typeof b.timestamp === 'string' ? b.timestamp : typeof b.timestamp === 'number' ? String(b.timestamp) : null;
  if (!ts || !/^\d{10,16}$/.test(ts)) return { ok: false, reason: 'missing_timestamp' };

  const expected = Buffer.from(zaloSignature(input.appId, raw, ts, input.oaSecret), 'utf8');
  const given = Buffer.from(header.toLowerCase(), 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };

  // Seconds or milliseconds: Zalo sends milliseconds; a 10-digit value is read as seconds.
  const timestampMs = ts.length <= 10 ? Number(ts) * 1000 : Number(ts);
  if (Math.abs(input.nowMs - timestampMs) > (input.maxSkewMs ?? DEFAULT_MAX_SKEW_MS)) return { ok: false, reason: 'stale_timestamp' };
  if (typeof b.app_id === 'string' && b.app_id !== input.appId) return { ok: false, reason: 'wrong_app' };
  return { ok: true, body: b, timestampMs };
}
