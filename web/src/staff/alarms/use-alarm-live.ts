import { useEffect, useRef } from 'react';

// Live alarm updates for <AlarmPanel>. The server forwards bus events `alarm.received`, `alarm.updated` and
// `alarm.trouble` (and `incident.*`) on the WebSocket `/api/v1/live`, already scoped to the caller's ward.
// A host page that has its own live connection passes `subscribe`; otherwise the panel opens one here,
// reconnecting with backoff. After every (re)connection the panel re-reads the list (missed events are not replayed).

export interface LiveEventLike {
  type: string;
  wardCode: string | null;
  payload: Record<string, unknown>;
}

/** A host's live channel: register a handler, get an unsubscribe function. */
export type LiveSubscribe = (handler: (e: LiveEventLike) => void) => () => void;

export function useAlarmLive(onEvent: (e: LiveEventLike) => void, onSync: () => void, subscribe?: LiveSubscribe) {
  const handlers = useRef({ onEvent, onSync });
  handlers.current = { onEvent, onSync };

  useEffect(() => {
    if (subscribe) return subscribe((e) => handlers.current.onEvent(e));
    let ws: WebSocket | null = null;
    let stopped = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const connect = () => {
      if (stopped) return;
      const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/v1/live`);
      ws = socket;
      socket.onmessage = (m) => {
        let msg: { type?: string; event?: LiveEventLike };
        try {
          msg = JSON.parse(String(m.data));
        } catch {
          return;
        }
        if (msg.type === 'hello') {
          attempt = 0;
          handlers.current.onSync();
        } else if (msg.type === 'dropped') handlers.current.onSync();
        else if (msg.type === 'event' && msg.event) handlers.current.onEvent(msg.event);
      };
      socket.onclose = () => {
        if (ws !== socket || stopped) return;
        attempt++;
        timer = setTimeout(connect, Math.min(15_000, 500 * 2 ** Math.min(attempt, 5)) * (0.75 + Math.random() / 2));
      };
    };
    connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      ws?.close();
    };
  }, [subscribe]);
}
