import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { api, ApiError, errorMessage, type ChatReply } from '../api.ts';
import { Alert } from '../components/Status.tsx';
import { Link } from '../router.tsx';

const MAX_CHARS = 2000;

interface Message {
  id: number;
  from: 'citizen' | 'assistant';
  text: string;
  reply?: ChatReply;
}

const EMERGENCY_LABEL: Record<string, string> = { '113': 'Công an', '114': 'Cứu hỏa – cứu nạn', '115': 'Cấp cứu' };

function AssistantExtras({ reply }: { reply: ChatReply }) {
  return (
    <>
      {reply.emergency && (
        <a className="chat-emergency" href={`tel:${reply.emergency.hotline}`}>
          Gọi ngay {reply.emergency.hotline} – {EMERGENCY_LABEL[reply.emergency.hotline] ?? 'Khẩn cấp'}
        </a>
      )}
      {reply.procedure && <p className="chat-meta">Thủ tục: {reply.procedure.title}</p>}
      {reply.ward && (
        <p className="chat-meta">
          Đơn vị: <Link to={`/wards?q=${encodeURIComponent(reply.ward.name)}`}>{reply.ward.name}</Link>
        </p>
      )}
    </>
  );
}

/**
 * The assistant's chat (POST /api/v1/chat/messages). Shows only what the service answers; while the
 * service is not deployed (404) it says so instead of pretending to answer.
 */
export function ChatPanel() {
  const [messages, setMessages] = useState<Message[]>([]);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [unavailable, setUnavailable] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const conversationId = useRef<string | undefined>(undefined);
  const nextId = useRef(1);
  const logRef = useRef<HTMLDivElement>(null);
  const inputId = useId();

  useEffect(() => {
    logRef.current?.scrollTo({ top: logRef.current.scrollHeight });
  }, [messages, sending]);

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    const body = text.trim();
    if (!body || sending) return;
    setError(null);
    setSending(true);
    try {
      const reply = await api.chat(body, conversationId.current);
      conversationId.current = reply.conversationId;
      setMessages((m) => [
        ...m,
        { id: nextId.current++, from: 'citizen', text: body },
        { id: nextId.current++, from: 'assistant', text: reply.reply.text, reply },
      ]);
      setText('');
    } catch (err) {
      if (err instanceof ApiError && err.status === 404 && (err.code === 'ROUTE_NOT_FOUND' || err.code === 'HTTP_404')) setUnavailable(true);
      else setError(errorMessage(err));
    } finally {
      setSending(false);
    }
  }

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <div className="chat">
      <div ref={logRef} className="chat-log" role="log" aria-live="polite" aria-label="Hội thoại với trợ lý ảo">
        <p className="msg msg-assistant msg-welcome">
          Xin chào anh/chị. Anh/chị có thể hỏi trợ lý ảo Bình Yên về thủ tục cư trú, căn cước hoặc cách tìm công an xã/phường.
          Trường hợp khẩn cấp, vui lòng gọi ngay 113, 114 hoặc 115.
        </p>
        {messages.map((m) => (
          <div key={m.id} className={`msg msg-${m.from}`}>
            <span className="visually-hidden">{m.from === 'citizen' ? 'Anh/chị: ' : 'Trợ lý: '}</span>
            <p className="msg-text">{m.text}</p>
            {m.reply && <AssistantExtras reply={m.reply} />}
          </div>
        ))}
        {sending && (
          <p className="msg msg-assistant msg-pending" role="status">
            Trợ lý đang trả lời…
          </p>
        )}
      </div>
      {unavailable ? (
        <Alert kind="info" title="Trợ lý ảo đang được cập nhật">
          Anh/chị vui lòng quay lại sau. Trong lúc chờ, anh/chị có thể tra cứu xã/phường bên dưới; khi khẩn cấp xin gọi 113.
        </Alert>
      ) : (
        <form className="chat-form" onSubmit={submit}>
          {error && <Alert kind="error">{error}</Alert>}
          <label htmlFor={inputId} className="visually-hidden">
            Câu hỏi của anh/chị
          </label>
          <textarea
            id={inputId}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
            maxLength={MAX_CHARS}
            rows={2}
            placeholder="Nhập câu hỏi, VD: Đăng ký tạm trú cần giấy tờ gì?"
          />
          <button type="submit" className="btn btn-primary" disabled={sending || !text.trim()}>
            Gửi
          </button>
        </form>
      )}
      <p className="chat-disclaimer">Không nhập số căn cước, mật khẩu hay thông tin nhạy cảm khác vào khung trò chuyện.</p>
    </div>
  );
}
