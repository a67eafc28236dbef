import { useState } from 'react';
import { ApiError } from '../api.ts';
import { CardView, type CardContext } from './cards.tsx';
import { chatApi } from './chat-api.ts';
import type { Action } from './types.ts';
import type { ChatItem, LiveHandoff } from './use-conversation.ts';

// One message of the chat: the citizen's, the assistant's (text, card, buttons, feedback, read aloud), an
// officer's (with their unit) or a system notice.

export interface MessageContext extends CardContext {
  conversation: { id: string; token: string } | null;
  /** Buttons of older answers are kept but only the latest offers quick replies. */
  latest: boolean;
  live: LiveHandoff | null;
  /** This message carries the hand-off that is still open. */
  currentHandoff: boolean;
  officer: string | null;
  send: (text: string) => void;
  retry: (item: ChatItem) => void;
  requestHandoff: (label: string) => void;
  speech: { supported: boolean; hasVietnamese: boolean; speaking: string | null; speak: (key: string, text: string) => void; stop: () => void };
  busy: boolean;
}

const timeOf = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' });
};

function Feedback({ seq, conversation }: { seq: number; conversation: { id: string; token: string } }) {
  const [state, setState] = useState<'idle' | 'sending' | 'done' | 'error'>('idle');
  const [helpful, setHelpful] = useState<boolean | null>(null);
  const rate = async (h: boolean) => {
    setHelpful(h);
    setState('sending');
    try {
      await chatApi.feedback(conversation.id, conversation.token, seq, h);
      setState('done');
    } catch (e) {
      setState(e instanceof ApiError && e.status === 409 ? 'done' : 'error');
    }
  };
  if (state === 'done') return <span className="cw-fb-done">Cảm ơn anh/chị đã đánh giá.</span>;
  return (
    <span className="cw-fb" role="group" aria-label="Câu trả lời này có hữu ích không?">
      <button type="button" className="cw-icon-btn" aria-label="Hữu ích" aria-pressed={helpful === true} disabled={state === 'sending'} onClick={() => void rate(true)}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M7 10v11H3V10h4zm2 11h8.3a2 2 0 0 0 2-1.6l1.6-7A2 2 0 0 0 19 10h-5.2l.8-4a2 2 0 0 0-2-2.4h-.3L9 9.6V21z" />
        </svg>
      </button>
      <button type="button" className="cw-icon-btn" aria-label="Chưa hữu ích" aria-pressed={helpful === false} disabled={state === 'sending'} onClick={() => void rate(false)}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M17 14V3h4v11h-4zm-2-11H6.7a2 2 0 0 0-2 1.6l-1.6 7A2 2 0 0 0 5 14h5.2l-.8 4a2 2 0 0 0 2 2.4h.3L15 14.4V3z" />
        </svg>
      </button>
      {state === 'error' && <span className="cw-fb-error">Chưa gửi được đánh giá.</span>}
    </span>
  );
}

function ActionButton({ a, ctx }: { a: Action; ctx: MessageContext }) {
  switch (a.type) {
    case 'call':
      return (
        <a className="cw-btn cw-btn-call" href={`tel:${a.tel}`}>
          {a.label}
        </a>
      );
    case 'open_url':
      return (
        <a className="cw-btn cw-btn-light" href={a.url} target="_blank" rel="noopener noreferrer">
          {a.label} <span className="visually-hidden">(mở trang mới)</span>
        </a>
      );
    case 'share_location':
      return ctx.latest ? (
        <button type="button" className="cw-btn cw-btn-light" onClick={ctx.shareLocation} disabled={ctx.locating || ctx.busy}>
          <svg className="cw-ico" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z" />
          </svg>
          {ctx.locating ? 'Đang lấy vị trí…' : a.label}
        </button>
      ) : null;
    case 'handoff':
      return ctx.latest ? (
        <button type="button" className="cw-btn cw-btn-light" onClick={() => ctx.requestHandoff(a.label)} disabled={ctx.busy}>
          {a.label}
        </button>
      ) : null;
    default:
      // upload: rendered by the report card (it needs the secret)
      return null;
  }
}

export function MessageView({ item, ctx }: { item: ChatItem; ctx: MessageContext }) {
  if (item.role === 'system') {
    return (
      <div className="cw-row cw-row-system">
        <p className="cw-system">
          <span className="visually-hidden">Thông báo: </span>
          {item.text}
        </p>
      </div>
    );
  }
  if (item.role === 'citizen') {
    return (
      <div className="cw-row cw-row-citizen">
        <div className={`cw-bubble cw-bubble-citizen${item.failed ? ' is-failed' : ''}${item.seq === null && !item.failed ? ' is-pending' : ''}`}>
          <span className="visually-hidden">Anh/chị: </span>
          <p className="cw-text">{item.text}</p>
        </div>
        {item.failed && (
          <p className="cw-failed">
            Chưa gửi được.{' '}
            <button type="button" className="cw-linkbtn" onClick={() => ctx.retry(item)}>
              Gửi lại
            </button>
          </p>
        )}
      </div>
    );
  }
  if (item.role === 'officer') {
    return (
      <div className="cw-row cw-row-officer">
        <p className="cw-author">
          <span className="cw-badge-officer">Cán bộ</span> {item.author ?? ''} · {timeOf(item.at)}
        </p>
        <div className="cw-bubble cw-bubble-officer">
          <span className="visually-hidden">Cán bộ {item.author ?? ''}: </span>
          <p className="cw-text">{item.text}</p>
        </div>
      </div>
    );
  }
  const speaking = ctx.speech.speaking === item.key;
  // An emergency card has its own big call buttons; the card comes first there.
  const urgent = item.card?.type === 'emergency';
  const actions = (item.actions ?? []).filter((a) => a.type !== 'upload' && !(urgent && a.type === 'call'));
  const chips = ctx.latest ? (item.quickReplies ?? []) : [];
  return (
    <div className={`cw-row cw-row-assistant${item.ack ? ' is-ack' : ''}`}>
      {urgent && <CardView item={item} ctx={ctx} live={ctx.live} officer={ctx.officer} current={ctx.currentHandoff} />}
      <div className="cw-bubble cw-bubble-assistant">
        <span className="visually-hidden">Trợ lý: </span>
        <p className="cw-text">{item.text}</p>
      </div>
      {!urgent && <CardView item={item} ctx={ctx} live={ctx.live} officer={ctx.officer} current={ctx.currentHandoff} />}
      {actions.length > 0 && (
        <div className="cw-actions">
          {actions.map((a, i) => (
            <ActionButton key={i} a={a} ctx={ctx} />
          ))}
        </div>
      )}
      {chips.length > 0 && (
        <div className="cw-chips" role="group" aria-label="Gợi ý câu hỏi tiếp theo">
          {chips.map((q, i) => (
            <button key={i} type="button" className="cw-chip" onClick={() => ctx.send(q.text)} disabled={ctx.busy}>
              {q.label}
            </button>
          ))}
        </div>
      )}
      {!item.ack && (
        <div className="cw-tools">
          {ctx.speech.supported && (
            <button
              type="button"
              className="cw-tool"
              aria-pressed={speaking}
              title={ctx.speech.hasVietnamese ? undefined : 'Thiết bị chưa có giọng đọc tiếng Việt; trình duyệt sẽ đọc bằng giọng mặc định.'}
              onClick={() => (speaking ? ctx.speech.stop() : ctx.speech.speak(item.key, item.text))}
            >
              <svg className="cw-ico" viewBox="0 0 24 24" aria-hidden="true">
                {speaking ? <path d="M6 6h12v12H6z" /> : <path d="M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z" />}
              </svg>
              {speaking ? 'Dừng đọc' : 'Đọc to'}
            </button>
          )}
          {item.seq !== null && ctx.conversation && <Feedback seq={item.seq} conversation={ctx.conversation} />}
        </div>
      )}
    </div>
  );
}
