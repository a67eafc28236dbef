import type { Card, Reply } from '../../chat.types.ts';

/**
 * Renders the conversation core's reply for Zalo (pure): Zalo shows plain text (up to 2,000 characters per
 * message) and, on a consultation message, a few buttons. The reply text already carries the answer; this
 * adds what a web client would show from the card and the actions (links, hotlines, cautions) when the text
 * does not already contain it, splits long texts on line boundaries and turns quick replies into
 * "oa.query.show" buttons (Zalo sends the button's payload back as the user's next text message).
 */

/** Zalo's limit for the text of one message. */
export const ZALO_TEXT_LIMIT = 2000;
/** Buttons attached to one message (kept small: they stack vertically on a phone). */
export const ZALO_MAX_BUTTONS = 5;
const TITLE_LIMIT = 100;
const PAYLOAD_LIMIT = 1000;

export interface ZaloButton {
  title: string;
  payload: string;
}

export interface ZaloOutgoing {
  /** Messages to send in order, each within ZALO_TEXT_LIMIT. */
  texts: string[];
  /** Attached to the last message. */
  buttons: ZaloButton[];
}

function cardExtras(card: Card | undefined, text: string): string[] {
  if (!card) return [];
  const out: string[] = [];
  switch (card.type) {
    case 'procedure': {
      for (const c of card.cautions) if (!text.includes(c)) out.push(`⚠ ${c}`);
      if (card.online.available && card.online.url && !text.includes(card.online.url)) out.push(`Nộp trực tuyến: ${card.online.url}`);
      break;
    }
    case 'report_created':
      if (!text.includes(card.trackingCode)) out.push(`Mã theo dõi: ${card.trackingCode}`);
      break;
    case 'emergency':
      if (!text.includes(card.hotline)) out.push(`Gọi ngay ${card.hotline} (${card.hotlineLabel}).`);
      break;
    default:
      break;
  }
  return out;
}

function actionExtras(reply: Reply): { lines: string[]; buttons: ZaloButton[] } {
  const lines: string[] = [];
  const buttons: ZaloButton[] = [];
  for (const a of reply.actions ?? []) {
    if (a.type === 'call' && !reply.text.includes(a.tel)) lines.push(`☎ ${a.label}: ${a.tel}`);
    else if (a.type === 'open_url' && !reply.text.includes(a.url)) lines.push(`${a.label}: ${a.url}`);
    else if (a.type === 'upload') lines.push('Anh/chị có thể gửi ảnh, tài liệu làm chứng cứ trên trang web Bình Yên, mục «Tra cứu tin báo», bằng mã theo dõi và mã bí mật.');
    else if (a.type === 'share_location') lines.push('Anh/chị có thể gửi vị trí hiện tại bằng tính năng chia sẻ vị trí của Zalo.');
    else if (a.type === 'handoff') buttons.push({ title: a.label, payload: a.label });
  }
  return { lines, buttons };
}

/** Splits a text into parts of at most `limit` characters, preferring line breaks, then spaces. */
export function splitText(text: string, limit = ZALO_TEXT_LIMIT): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    let cut = window.lastIndexOf('\n');
    if (cut < limit / 2) cut = window.lastIndexOf(' ');
    if (cut < limit / 2) cut = limit;
    // Never cut between the halves of a surrogate pair.
    if (cut === limit && /[\uD800-\uDBFF]/.test(rest.charAt(cut - 1))) cut -= 1;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function renderForZalo(reply: Reply): ZaloOutgoing {
  const extras = cardExtras(reply.card, reply.text);
  const actions = actionExtras(reply);
  const text = [reply.text, ...extras, ...actions.lines].filter(Boolean).join('\n');
  const seen = new Set<string>();
  const buttons: ZaloButton[] = [];
  for (const b of [...(reply.quickReplies ?? []).map((q) => ({ title: q.label, payload: q.text })), ...actions.buttons]) {
    const title = clip(b.title.trim(), TITLE_LIMIT);
    const payload = clip(b.payload.trim(), PAYLOAD_LIMIT);
    if (!title || !payload || seen.has(payload)) continue;
    seen.add(payload);
    buttons.push({ title, payload });
    if (buttons.length === ZALO_MAX_BUTTONS) break;
  }
  return { texts: splitText(text), buttons };
}

/** An officer's or a system message of a handed-off conversation, for Zalo. */
export function renderStaffMessage(role: 'officer' | 'system', text: string, unit: string | null): ZaloOutgoing {
  const body = role === 'officer' ? `${unit ? `Cán bộ ${unit}` : 'Cán bộ'}: ${text}` : text;
  return { texts: splitText(body), buttons: [] };
}
