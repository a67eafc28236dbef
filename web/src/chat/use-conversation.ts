import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api.ts';
import { chatApi } from './chat-api.ts';
import type { Action, Card, ChatResponse, CitizenHandoff, ConversationStatus, HistoryMessage, QuickReply } from './types.ts';

// One conversation with the assistant: send, restore after a reload (the id and the token are kept in the
// tab's sessionStorage — inside the widget's cross-site frame, where browsers often deny storage, by the widget
// loader on the host page; the history is fetched again), and long-poll for officers' replies while handed off.

export interface ChatItem {
  key: string;
  /** Server sequence number; null while the citizen's message is on its way. */
  seq: number | null;
  role: HistoryMessage['role'];
  text: string;
  at: string;
  author?: string;
  card?: Card;
  quickReplies?: QuickReply[];
  actions?: Action[];
  ack?: boolean;
  /** Only in the live answer that created a report: shown once, never stored anywhere. */
  report?: { trackingCode: string; secret: string };
  failed?: boolean;
}

export interface LiveHandoff {
  view: CitizenHandoff;
  /** Local time the view was received (the waiting time keeps ticking from there). */
  receivedAt: number;
}

export interface Stored {
  id: string;
  token: string;
}

/** Where the conversation id and token are kept between page loads. */
export interface ConversationStore {
  load(): Promise<Stored | null>;
  save(v: Stored | null): void;
}

/** Text sent with a shared location (the core needs a message; the location travels beside it). */
export const LOCATION_TEXT = 'Vị trí của tôi';
const LONG_POLL_MS = 20_000;
const RETRY_MS = 3_000;

const asStored = (v: unknown): Stored | null => {
  const o = v as Partial<Stored> | null;
  return o && typeof o.id === 'string' && typeof o.token === 'string' && o.id.length <= 100 && o.token.length <= 200 ? { id: o.id, token: o.token } : null;
};

function readStored(key: string): Stored | null {
  try {
    return asStored(JSON.parse(sessionStorage.getItem(key) ?? 'null'));
  } catch {
    return null;
  }
}

function writeStored(key: string, v: Stored | null) {
  try {
    if (v) sessionStorage.setItem(key, JSON.stringify(v));
    else sessionStorage.removeItem(key);
  } catch {
    // storage blocked (private mode, third-party frame): the chat still works until the page is left
  }
}

/** The tab's sessionStorage (pages of this site). */
export function sessionStore(key: string): ConversationStore {
  return { load: async () => readStored(key), save: (v) => writeStored(key, v) };
}

/**
 * Inside the widget's frame: the loader (web/public/widget.js) keeps the id and token in the host page's
 * sessionStorage and hands them back when the frame says it is ready. Outside a frame: sessionStorage.
 */
export function widgetStore(key: string): ConversationStore {
  if (window.parent === window) return sessionStore(key);
  const parent = window.parent;
  return {
    load: () =>
      new Promise((resolve) => {
        const own = readStored(key);
        if (own) return resolve(own);
        const done = (v: Stored | null) => {
          window.removeEventListener('message', onMessage);
          clearTimeout(timer);
          resolve(v);
        };
        const onMessage = (e: MessageEvent) => {
          const d = e.data as { binhYen?: string; conversation?: unknown } | null;
          if (e.source === parent && d?.binhYen === 'restore') done(asStored(d.conversation));
        };
        const timer = setTimeout(() => done(null), 1500);
        window.addEventListener('message', onMessage);
        parent.postMessage({ binhYen: 'ready' }, '*');
      }),
    save: (v) => {
      writeStored(key, v);
      // Only a conversation started in this frame is handed to the page that frames it.
      parent.postMessage({ binhYen: 'conversation', conversation: v }, '*');
    },
  };
}

const fromHistory = (m: HistoryMessage): ChatItem => ({
  key: `s${m.seq}`,
  seq: m.seq,
  role: m.role,
  text: m.text,
  at: m.at,
  ...(m.author ? { author: m.author } : {}),
  ...(m.card ? { card: m.card } : {}),
  ...(m.quickReplies ? { quickReplies: m.quickReplies } : {}),
  ...(m.actions ? { actions: m.actions } : {}),
  ...(m.ack ? { ack: true } : {}),
});

/** Inserts or updates by sequence number; a live item keeps what the history does not repeat (secret, upload). */
function merge(items: ChatItem[], incoming: ChatItem[]): ChatItem[] {
  const bySeq = new Map<number, ChatItem>();
  const pending: ChatItem[] = [];
  for (const i of items) (i.seq === null ? pending.push(i) : bySeq.set(i.seq, i));
  for (const n of incoming) {
    if (n.seq === null) {
      pending.push(n);
      continue;
    }
    const old = bySeq.get(n.seq);
    bySeq.set(n.seq, old ? { ...n, report: n.report ?? old.report, actions: (old.actions?.length ?? 0) > (n.actions?.length ?? 0) ? old.actions : n.actions, key: old.key } : n);
  }
  return [...[...bySeq.values()].sort((a, b) => a.seq! - b.seq!), ...pending];
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });

export function useConversation(store: ConversationStore) {
  const [items, setItems] = useState<ChatItem[]>([]);
  const [status, setStatus] = useState<ConversationStatus>('active');
  const [handoff, setHandoff] = useState<LiveHandoff | null>(null);
  const [sending, setSending] = useState(false);
  const [restoring, setRestoring] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [conversation, setConversation] = useState<Stored | null>(null);
  const lastSeq = useRef(0);
  const nextKey = useRef(1);

  const absorb = useCallback((messages: ChatItem[], st?: ConversationStatus, h?: CitizenHandoff) => {
    for (const m of messages) if (m.seq !== null && m.seq > lastSeq.current) lastSeq.current = m.seq;
    if (messages.length) setItems((cur) => merge(cur, messages));
    if (st) setStatus(st);
    if (st && st !== 'handed_off') setHandoff(null);
    else if (h) setHandoff({ view: h, receivedAt: Date.now() });
  }, []);

  // Restore the conversation after a reload or when the citizen comes back.
  useEffect(() => {
    const c = new AbortController();
    void (async () => {
      const stored = await store.load();
      if (c.signal.aborted) return;
      if (!stored) {
        setRestoring(false);
        return;
      }
      try {
        const r = await chatApi.history(stored.id, stored.token, 0, 0, c.signal);
        setConversation(stored);
        absorb(r.messages.map(fromHistory), r.conversationStatus, r.handoff);
      } catch (e) {
        if (c.signal.aborted) return;
        if (e instanceof ApiError && e.status === 404 && e.code === 'CONVERSATION_NOT_FOUND') store.save(null);
        else if (e instanceof ApiError && e.status === 404) setUnavailable(true);
        else {
          setConversation(stored);
          setError(errorMessage(e));
        }
      }
      setRestoring(false);
    })();
    return () => c.abort();
  }, [store, absorb]);

  // While an officer may answer, wait for new messages (long polling), in a loop.
  const polling = status === 'handed_off' && conversation !== null;
  useEffect(() => {
    if (!polling || !conversation) return;
    const c = new AbortController();
    void (async () => {
      while (!c.signal.aborted) {
        try {
          const r = await chatApi.history(conversation.id, conversation.token, lastSeq.current, LONG_POLL_MS, c.signal);
          if (c.signal.aborted) return;
          absorb(r.messages.map(fromHistory), r.conversationStatus, r.handoff);
          if (r.conversationStatus !== 'handed_off') return;
        } catch {
          if (c.signal.aborted) return;
          await sleep(RETRY_MS, c.signal);
        }
      }
    })();
    return () => c.abort();
  }, [polling, conversation, absorb]);

  const send = useCallback(
    async (raw: string, location?: { lat: number; lon: number }) => {
      const text = raw.trim();
      if (!text) return false;
      const key = `p${nextKey.current++}`;
      const at = new Date().toISOString();
      setItems((cur) => [...cur, { key, seq: null, role: 'citizen', text, at }]);
      setError(null);
      setSending(true);
      try {
        const r: ChatResponse = await chatApi.send({
          text,
          ...(conversation ? { conversationId: conversation.id, conversationToken: conversation.token } : {}),
          ...(location ? { location } : {}),
        });
        let conv = conversation;
        if (r.conversationToken && (!conv || r.conversationId !== conv.id)) {
          conv = { id: r.conversationId, token: r.conversationToken };
          store.save(conv);
          setConversation(conv);
          // The old conversation expired: its messages and numbering no longer apply.
          if (r.restarted) lastSeq.current = 0;
        }
        setItems((cur) => (r.restarted ? [] : cur.filter((i) => i.key !== key)));
        absorb(
          [
            { key, seq: r.messageSeq - 1, role: 'citizen', text, at },
            {
              key: `s${r.messageSeq}`,
              seq: r.messageSeq,
              role: 'assistant',
              text: r.reply.text,
              at: new Date().toISOString(),
              ...(r.reply.card ? { card: r.reply.card } : {}),
              ...(r.reply.quickReplies ? { quickReplies: r.reply.quickReplies } : {}),
              ...(r.reply.actions ? { actions: r.reply.actions } : {}),
              ...(r.reply.ack ? { ack: true } : {}),
              ...(r.report ? { report: r.report } : {}),
            },
          ],
          r.conversationStatus,
          r.handoff,
        );
        return true;
      } catch (e) {
        setItems((cur) => cur.map((i) => (i.key === key ? { ...i, failed: true } : i)));
        if (e instanceof ApiError && e.status === 404 && (e.code === 'ROUTE_NOT_FOUND' || e.code === 'HTTP_404')) setUnavailable(true);
        else setError(errorMessage(e));
        return false;
      } finally {
        setSending(false);
      }
    },
    [conversation, store, absorb],
  );

  /** "Gặp cán bộ": the explicit hand-off endpoint once a conversation exists, else the same words as a message. */
  const requestHandoff = useCallback(
    async (label: string) => {
      if (!conversation) return send(label);
      setError(null);
      try {
        const r = await chatApi.handoff(conversation.id, conversation.token);
        const h = await chatApi.history(conversation.id, conversation.token, lastSeq.current);
        absorb(h.messages.map(fromHistory), r.conversationStatus, r.handoff);
        return true;
      } catch (e) {
        setError(errorMessage(e));
        return false;
      }
    },
    [conversation, send, absorb],
  );

  /** Forgets the conversation on this device (the citizen starts over). */
  const reset = useCallback(() => {
    store.save(null);
    setConversation(null);
    setItems([]);
    setStatus('active');
    setHandoff(null);
    setError(null);
    lastSeq.current = 0;
  }, [store]);

  return { items, status, handoff, sending, restoring, error, setError, unavailable, conversation, send, requestHandoff, reset };
}

export type Conversation = ReturnType<typeof useConversation>;
