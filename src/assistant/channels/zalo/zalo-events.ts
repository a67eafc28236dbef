/**
 * Zalo OA webhook events we act on, read from the verified JSON body (pure). Shapes follow Zalo's public OA
 * documentation ("Webhook" → "Sự kiện người dùng gửi tin nhắn", "Sự kiện người dùng quan tâm/bỏ quan tâm"):
 *
 *   user_send_text      { app_id, sender: { id }, recipient: { id }, message: { msg_id, text }, timestamp, user_id_by_app }
 *   user_send_location  { ..., message: { msg_id, text?, attachments: [{ type: "location", payload: { coordinates: { latitude, longitude } } }] } }
 *   follow / unfollow   { app_id, oa_id, follower: { id }, source, timestamp, user_id_by_app }
 *
 * Ids are large integers sent as strings; coordinates arrive as strings. Everything else is `ignored`.
 */

export type ZaloEvent =
  | { kind: 'text'; userId: string; msgId: string | null; text: string }
  | { kind: 'location'; userId: string; msgId: string | null; lat: number; lon: number; text: string | null }
  | { kind: 'follow'; userId: string }
  | { kind: 'unfollow'; userId: string }
  | { kind: 'ignored'; eventName: string };

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : null);
const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const ID = /^[0-9]{1,32}$/;
const userIdOf = (v: unknown) => {
  const id = str(obj(v)?.id);
  return id && ID.test(id) ? id : null;
};

function coordinate(v: unknown, limit: number): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
}

export function readZaloEvent(body: Record<string, unknown>): ZaloEvent {
  const eventName = typeof body.event_name === 'string' ? body.event_name.slice(0, 64) : '';
  const message = obj(body.message);
  switch (eventName) {
    case 'user_send_text': {
      const userId = userIdOf(body.sender);
      const text = typeof message?.text === 'string' ? message.text : null;
      if (!userId || text === null) return { kind: 'ignored', eventName };
      return { kind: 'text', userId, msgId: str(message?.msg_id), text };
    }
    case 'user_send_location': {
      const userId = userIdOf(body.sender);
      const attachments = Array.isArray(message?.attachments) ? (message.attachments as unknown[]) : [];
      const loc = attachments.map(obj).find((a) => a?.type === 'location');
      const coords = obj(obj(loc?.payload)?.coordinates);
      const lat = coordinate(coords?.latitude, 90);
      const lon = coordinate(coords?.longitude, 180);
      if (!userId || lat === null || lon === null) return { kind: 'ignored', eventName };
      return { kind: 'location', userId, msgId: str(message?.msg_id), lat, lon, text: typeof message?.text === 'string' && message.text.trim() ? message.text : null };
    }
    case 'follow':
    case 'unfollow': {
      const userId = userIdOf(body.follower) ?? userIdOf(body.sender);
      if (!userId) return { kind: 'ignored', eventName };
      return { kind: eventName, userId };
    }
    default:
      return { kind: 'ignored', eventName: eventName || 'unknown' };
  }
}
