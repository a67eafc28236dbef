import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { Alert } from '../components/Status.tsx';
import { MessageView, type MessageContext } from './Message.tsx';
import { useReadAloud, useSpeechInput } from './speech.ts';
import { LOCATION_TEXT, sessionStore, useConversation, widgetStore, type ChatItem } from './use-conversation.ts';
import './chat.css';

// The assistant's chat, used on `/` (page), `/bao-tin` and inside the widget's iframe (`/chat-embed`).
// One conversation per browser tab (sessionStorage); reloading restores it; officers' replies arrive by
// long polling while the chat is handed off.

const MAX_CHARS = 2000;

export const DEFAULT_STARTERS = [
  'Đăng ký tạm trú cần giấy tờ gì?',
  'Công an phường nào quản lý chỗ tôi?',
  'Gửi tin báo, tố giác',
  'Tra cứu tin báo đã gửi',
  'Gặp cán bộ',
];

interface Props {
  variant?: 'page' | 'embed';
  storageKey?: string;
  /** Suggestions shown before the first message (each sends its text). */
  starters?: string[];
  welcome?: ReactNode;
}

const GEO_ERRORS: Record<number, string> = {
  1: 'Anh/chị chưa cho phép chia sẻ vị trí. Anh/chị có thể nhập địa chỉ (số nhà, đường, phường/xã) thay cho vị trí.',
  2: 'Không xác định được vị trí hiện tại. Anh/chị vui lòng nhập địa chỉ.',
  3: 'Lấy vị trí quá lâu. Anh/chị thử lại hoặc nhập địa chỉ.',
};

/** The message box: its own component, so that typing re-renders the box and not every message of the chat. */
function Composer({ busy, error, send }: { busy: boolean; error: string | null; send: (text: string) => Promise<boolean> }) {
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const inputId = useId();
  const mic = useSpeechInput(setText);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (mic.listening) mic.stop();
    const body = text.trim();
    if (!body || busy) return;
    // Cleared at once; a message that could not be sent stays in the chat with "Gửi lại".
    setText('');
    inputRef.current?.focus();
    await send(body);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <form className="cw-form" onSubmit={(e) => void submit(e)}>
      {(error || mic.error) && (
        <div className="cw-error" role="alert">
          {error ?? mic.error}
        </div>
      )}
      <label htmlFor={inputId} className="visually-hidden">
        Câu hỏi của anh/chị
      </label>
      <div className="cw-input-wrap">
        <textarea
          ref={inputRef}
          id={inputId}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          maxLength={MAX_CHARS}
          rows={1}
          enterKeyHint="send"
          placeholder={mic.listening ? 'Đang nghe… anh/chị nói đi ạ' : 'Nhập câu hỏi…'}
        />
        {text.length > MAX_CHARS - 200 && (
          <span className="cw-counter" aria-live="polite">
            {text.length}/{MAX_CHARS}
          </span>
        )}
      </div>
      {mic.supported && (
        <button
          type="button"
          className={`cw-round cw-mic${mic.listening ? ' is-on' : ''}`}
          aria-pressed={mic.listening}
          aria-label={mic.listening ? 'Dừng nói' : 'Nói thay vì gõ (tiếng Việt)'}
          title="Nhận dạng giọng nói do trình duyệt cung cấp"
          onClick={() => (mic.listening ? mic.stop() : mic.start())}
          disabled={busy}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M12 15a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v7a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V22h2v-3.1a7 7 0 0 0 6-6.9h-2z" />
          </svg>
        </button>
      )}
      <button type="submit" className="cw-round cw-send" aria-label="Gửi" disabled={busy || !text.trim()}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M3 20.5 21 12 3 3.5 3 10l12 2-12 2z" />
        </svg>
      </button>
    </form>
  );
}

export function ChatPanel({ variant = 'page', storageKey = 'binh-yen-chat', starters = DEFAULT_STARTERS, welcome }: Props) {
  const store = useMemo(() => (variant === 'embed' ? widgetStore(storageKey) : sessionStore(storageKey)), [variant, storageKey]);
  const c = useConversation(store);
  const [locating, setLocating] = useState(false);
  const logRef = useRef<HTMLDivElement>(null);
  const speech = useReadAloud();
  const embedded = variant === 'embed';
  const busy = c.sending || c.restoring;

  const shareLocation = useCallback(() => {
    if (!('geolocation' in navigator)) {
      c.setError('Trình duyệt này không hỗ trợ chia sẻ vị trí. Anh/chị vui lòng nhập địa chỉ.');
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        void c.send(LOCATION_TEXT, { lat: pos.coords.latitude, lon: pos.coords.longitude });
      },
      (err) => {
        setLocating(false);
        c.setError(GEO_ERRORS[err.code] ?? GEO_ERRORS[2]!);
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }, [c]);

  const retry = useCallback(
    (item: ChatItem) => {
      void c.send(item.text);
    },
    [c],
  );

  // In the widget, Escape closes the panel (the key never reaches the host page from inside the frame).
  useEffect(() => {
    if (!embedded || window.parent === window) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') window.parent.postMessage({ binhYen: 'close' }, '*');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [embedded]);

  // Keep the newest message in view: the citizen's at the bottom, a long answer from its first line.
  const count = c.items.length;
  useLayoutEffect(() => {
    const log = logRef.current;
    if (!log) return;
    const last = log.lastElementChild as HTMLElement | null;
    if (last && !last.classList.contains('cw-row-citizen') && last.offsetHeight > log.clientHeight * 0.8) log.scrollTop = last.offsetTop - 8;
    else log.scrollTop = log.scrollHeight;
  }, [count, c.sending]);

  const lastAssistant = useMemo(() => {
    for (let i = c.items.length - 1; i >= 0; i--) if (c.items[i]!.role === 'assistant') return c.items[i]!.key;
    return null;
  }, [c.items]);
  const lastHandoff = useMemo(() => {
    for (let i = c.items.length - 1; i >= 0; i--) if (c.items[i]!.card?.type === 'handoff') return c.items[i]!.key;
    return null;
  }, [c.items]);
  const officer = useMemo(() => [...c.items].reverse().find((i) => i.role === 'officer')?.author ?? null, [c.items]);

  const ctxFor = (item: ChatItem): MessageContext => ({
    embedded,
    shareLocation,
    locating,
    conversation: c.conversation,
    latest: item.key === lastAssistant && !c.sending,
    live: item.key === lastHandoff ? c.handoff : null,
    currentHandoff: item.key === lastHandoff && c.status === 'handed_off',
    officer: c.status === 'handed_off' ? officer : null,
    send: (t) => void c.send(t),
    retry,
    requestHandoff: (label) => void c.requestHandoff(label),
    speech,
    busy,
  });

  return (
    <div className={`cw cw-${variant}`}>
      <div ref={logRef} className="cw-log" role="log" aria-label="Hội thoại với trợ lý ảo" aria-busy={c.restoring}>
        <div className="cw-row cw-row-assistant cw-welcome">
          <div className="cw-bubble cw-bubble-assistant">
            {welcome ?? (
              <p className="cw-text">
                Xin chào anh/chị! Em là trợ lý ảo Bình Yên của Công an TP Hà Nội. Anh/chị có thể hỏi về thủ tục (cư trú, căn cước, xe...), tìm công an xã/phường, gửi tin
                báo hoặc gặp cán bộ. <strong>Khẩn cấp: gọi ngay 113, 114, 115.</strong>
              </p>
            )}
          </div>
          {count === 0 && !c.restoring && starters.length > 0 && (
            <div className="cw-chips" role="group" aria-label="Câu hỏi gợi ý">
              {starters.map((s) => (
                <button key={s} type="button" className="cw-chip" onClick={() => void c.send(s)} disabled={busy}>
                  {s}
                </button>
              ))}
            </div>
          )}
        </div>
        {c.restoring && <p className="cw-system">Đang tải lại cuộc trò chuyện…</p>}
        {c.items.map((item) => (
          <MessageView key={item.key} item={item} ctx={ctxFor(item)} />
        ))}
        {c.sending && (
          <div className="cw-row cw-row-assistant" role="status">
            <p className="cw-typing">
              <span aria-hidden="true" className="cw-dots">
                <span />
                <span />
                <span />
              </span>
              Trợ lý đang trả lời…
            </p>
          </div>
        )}
      </div>

      {c.unavailable ? (
        <Alert kind="info" title="Trợ lý ảo đang được cập nhật">
          Anh/chị vui lòng quay lại sau. Khi khẩn cấp xin gọi 113, 114 hoặc 115.
        </Alert>
      ) : (
        <Composer busy={busy} error={c.error} send={c.send} />
      )}
      <p className="cw-disclaimer">
        Không nhập số căn cước, mật khẩu hay thông tin nhạy cảm khác.
        {count > 0 && (
          <>
            {' '}
            <button type="button" className="cw-linkbtn" onClick={c.reset}>
              Bắt đầu cuộc trò chuyện mới
            </button>
          </>
        )}
      </p>
    </div>
  );
}
