import { canSeeWard, wardScope, type StaffUser } from '../auth/roles.ts';
import type { BusEvent, EventBus, Subscription } from '../shared/bus.ts';
import type { Logger } from '../shared/logger.ts';

/**
 * Live updates for consoles. One bus subscription per server process (no queue group, so with NATS every
 * process receives every event) fans each event out to this process's sockets, filtered by ward scope:
 * a ward officer's socket only gets events whose wardCode is their ward; city roles get everything.
 *
 * Server → client messages (JSON text frames):
 *   { "type": "hello", "user": { "username", "role", "wardCode" }, "scope": string|null, "heartbeatMs": number }
 *   { "type": "event", "event": { "id", "type", "at", "wardCode", "payload" } }
 *   { "type": "dropped", "count": number }   // this client fell behind; refetch the lists
 *   { "type": "pong", "at": string }         // answer to a client { "type": "ping" }
 * Heartbeat: a WebSocket ping every heartbeatMs; a client that has not answered the previous ping is
 * terminated. Backpressure: while a socket's send buffer is above highWaterBytes, messages queue (at most
 * maxQueue, the oldest dropped first); a client that stays behind for maxSlowMs is closed (code 4008).
 */

/** The part of a `ws` WebSocket this module uses (the `ws` package ships no types here). */
export interface LiveSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string, cb?: (err?: Error) => void): void;
  ping(): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  on(event: 'pong' | 'close' | 'error', fn: () => void): void;
  on(event: 'message', fn: (data: unknown) => void): void;
}

const OPEN = 1;

export interface LiveOptions {
  heartbeatMs: number;
  highWaterBytes: number;
  maxQueue: number;
  maxSlowMs: number;
  /** Bus patterns forwarded to consoles. */
  patterns: string[];
}

export const DEFAULT_LIVE_OPTIONS: LiveOptions = {
  heartbeatMs: 30_000,
  highWaterBytes: 1 << 20,
  maxQueue: 500,
  maxSlowMs: 30_000,
  patterns: ['incident.*', 'unit.*', 'alarm.*'],
};

export class LiveClient {
  private queue: string[] = [];
  private dropped = 0;
  private slowSince: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  alive = true;
  closed = false;

  constructor(
    readonly socket: LiveSocket,
    readonly user: StaffUser,
    private readonly opts: LiveOptions,
    private readonly nowMs: () => number,
  ) {}

  get queued() {
    return this.queue.length;
  }

  send(msg: string) {
    if (this.closed || this.socket.readyState !== OPEN) return;
    if (this.queue.length === 0 && this.socket.bufferedAmount < this.opts.highWaterBytes) {
      this.socket.send(msg);
      return;
    }
    this.queue.push(msg);
    if (this.queue.length > this.opts.maxQueue) {
      this.queue.shift();
      this.dropped++;
    }
    this.slowSince ??= this.nowMs();
    this.schedule();
  }

  private schedule() {
    if (!this.timer) this.timer = setTimeout(() => this.flush(), 25);
  }

  flush() {
    this.timer = null;
    if (this.closed || this.socket.readyState !== OPEN) return;
    while (this.queue.length && this.socket.bufferedAmount < this.opts.highWaterBytes) this.socket.send(this.queue.shift()!);
    if (this.queue.length === 0) {
      if (this.dropped) {
        this.socket.send(JSON.stringify({ type: 'dropped', count: this.dropped }));
        this.dropped = 0;
      }
      this.slowSince = null;
      return;
    }
    if (this.slowSince !== null && this.nowMs() - this.slowSince > this.opts.maxSlowMs) {
      this.close(4008, 'too slow');
      return;
    }
    this.schedule();
  }

  close(code: number, reason: string) {
    if (this.closed) return;
    this.dispose();
    try {
      this.socket.close(code, reason);
    } catch {
      this.socket.terminate();
    }
  }

  dispose() {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.queue = [];
  }
}

export interface LiveHubDeps {
  bus: EventBus;
  log: Logger;
  options?: Partial<LiveOptions>;
  nowMs?: () => number;
}

export function createLiveHub(deps: LiveHubDeps) {
  const opts = { ...DEFAULT_LIVE_OPTIONS, ...deps.options };
  const nowMs = deps.nowMs ?? (() => Date.now());
  const clients = new Set<LiveClient>();
  const subs: Subscription[] = [];
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  const revalidators = new Map<LiveClient, () => Promise<boolean>>();

  const broadcast = (event: BusEvent) => {
    if (!clients.size) return;
    const msg = JSON.stringify({ type: 'event', event });
    for (const c of clients) if (canSeeWard(c.user, event.wardCode)) c.send(msg);
  };

  const beat = async () => {
    for (const c of clients) {
      if (!c.alive) {
        c.socket.terminate();
        continue;
      }
      c.alive = false;
      try {
        c.socket.ping();
      } catch {
        c.socket.terminate();
      }
      const check = revalidators.get(c);
      if (check && !(await check().catch(() => true))) c.close(4401, 'session ended');
    }
  };

  return {
    options: opts,
    get size() {
      return clients.size;
    },
    clients: () => [...clients],

    async start() {
      for (const p of opts.patterns) subs.push(await deps.bus.subscribe(p, broadcast));
      heartbeat = setInterval(() => void beat(), opts.heartbeatMs);
      heartbeat.unref?.();
    },

    /** Registers an authenticated socket. `revalidate` is checked at each heartbeat (session still valid?). */
    add(socket: LiveSocket, user: StaffUser, revalidate?: () => Promise<boolean>) {
      const c = new LiveClient(socket, user, opts, nowMs);
      clients.add(c);
      if (revalidate) revalidators.set(c, revalidate);
      const remove = () => {
        c.dispose();
        clients.delete(c);
        revalidators.delete(c);
      };
      socket.on('close', remove);
      socket.on('error', remove);
      socket.on('pong', () => {
        c.alive = true;
      });
      socket.on('message', (data: unknown) => {
        c.alive = true;
        const s = String(data);
        if (s.length > 1024) return;
        try {
          const m = JSON.parse(s) as { type?: unknown };
          if (m.type === 'ping') c.send(JSON.stringify({ type: 'pong', at: new Date(nowMs()).toISOString() }));
        } catch {
          // Not JSON: ignored.
        }
      });
      c.send(JSON.stringify({ type: 'hello', user: { username: user.username, role: user.role, wardCode: user.wardCode }, scope: wardScope(user), heartbeatMs: opts.heartbeatMs }));
      return c;
    },

    broadcast,

    async stop() {
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = null;
      for (const s of subs.splice(0)) await s.unsubscribe().catch(() => undefined);
      for (const c of clients) c.close(1001, 'server shutting down');
      clients.clear();
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
