import { useEffect, useRef, useState } from 'react';
import { loadSession } from '../../session.ts';
import type { LiveEvent } from './types.ts';

// The console's live channel: WebSocket `/api/v1/live` (src/dispatch/live.ts). Reconnects with exponential
// backoff and jitter; after every (re)connection the owner re-fetches its lists, because events sent while
// the socket was down are not replayed. A client ping every PING_MS measures the server clock offset and
// detects a silently dead connection (no pong within PONG_TIMEOUT_MS → reconnect).

export type LiveStatus = 'connecting' | 'open' | 'reconnecting';

export interface LiveState {
  status: LiveStatus;
  /** Failed attempts since the last successful connection. */
  attempt: number;
  /** When the next attempt starts (ms since epoch), while reconnecting. */
  retryAt: number | null;
  /** server clock − local clock, estimated from the ping round trip (0 until measured). */
  clockOffsetMs: number;
  /** The server confines this connection to one ward (ward officers), or null for city-wide. */
  scope: string | null;
}

export interface LiveHandlers {
  onEvent: (e: LiveEvent) => void;
  /** Called on every successful (re)connection and after a `dropped` notice: refetch everything. */
  onSync: () => void;
}

const PING_MS = 15_000;
const PONG_TIMEOUT_MS = 10_000;
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 15_000;

export const backoffMs = (attempt: number, random = Math.random()) => {
  const exp = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (0.75 + 0.5 * random));
};

export function useLiveChannel(handlers: LiveHandlers, enabled = true): LiveState {
  const ref = useRef(handlers);
  ref.current = handlers;
  const [state, setState] = useState<LiveState>({ status: 'connecting', attempt: 0, retryAt: null, clockOffsetMs: 0, scope: null });

  useEffect(() => {
    if (!enabled) return;
    let ws: WebSocket | null = null;
    let stopped = false;
    let attempt = 0;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let pingTimer: ReturnType<typeof setInterval> | null = null;
    let pongTimer: ReturnType<typeof setTimeout> | null = null;
    let pingSentAt = 0;

    const clearTimers = () => {
      if (pingTimer) clearInterval(pingTimer);
      if (pongTimer) clearTimeout(pongTimer);
      pingTimer = null;
      pongTimer = null;
    };

    const ping = () => {
      if (!ws || ws.readyState !== WebSocket.OPEN) return;
      pingSentAt = Date.now();
      ws.send(JSON.stringify({ type: 'ping' }));
      if (pongTimer) clearTimeout(pongTimer);
      pongTimer = setTimeout(() => ws?.close(4000, 'no pong'), PONG_TIMEOUT_MS);
    };

    const schedule = () => {
      if (stopped) return;
      attempt++;
      const wait = attempt === 1 ? 0 : backoffMs(attempt - 1);
      setState((s) => ({ ...s, status: 'reconnecting', attempt, retryAt: Date.now() + wait }));
      retryTimer = setTimeout(connect, wait);
    };

    function connect() {
      retryTimer = null;
      if (stopped) return;
      const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/v1/live`;
      const socket = new WebSocket(url);
      ws = socket;
      socket.onmessage = (m) => {
        let msg: { type?: string; event?: LiveEvent; scope?: string | null; at?: string };
        try {
          msg = JSON.parse(String(m.data));
        } catch {
          return;
        }
        if (msg.type === 'hello') {
          attempt = 0;
          setState((s) => ({ ...s, status: 'open', attempt: 0, retryAt: null, scope: msg.scope ?? null }));
          ref.current.onSync();
          ping();
          pingTimer = setInterval(ping, PING_MS);
        } else if (msg.type === 'event' && msg.event) {
          ref.current.onEvent(msg.event);
        } else if (msg.type === 'dropped') {
          ref.current.onSync();
        } else if (msg.type === 'pong') {
          if (pongTimer) clearTimeout(pongTimer);
          pongTimer = null;
          const serverAt = msg.at ? Date.parse(msg.at) : NaN;
          const rtt = Date.now() - pingSentAt;
          if (Number.isFinite(serverAt) && rtt >= 0 && rtt < 5_000) {
            const offset = serverAt - (pingSentAt + rtt / 2);
            setState((s) => (Math.abs(s.clockOffsetMs - offset) > 250 ? { ...s, clockOffsetMs: Math.round(offset) } : s));
          }
        }
      };
      socket.onclose = (e) => {
        if (ws !== socket) return;
        ws = null;
        clearTimers();
        // 4401: the session ended; let the staff shell send the user to the sign-in page.
        if (e.code === 4401) void loadSession(true);
        schedule();
      };
      socket.onerror = () => {
        // onclose follows; a failed handshake (e.g. 401) also ends up there.
      };
    }

    connect();
    return () => {
      stopped = true;
      clearTimers();
      if (retryTimer) clearTimeout(retryTimer);
      const s = ws;
      ws = null;
      s?.close(1000, 'page closed');
    };
  }, [enabled]);

  return state;
}
