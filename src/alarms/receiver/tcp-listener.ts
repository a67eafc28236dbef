import net from 'node:net';
import type { Logger } from '../../shared/logger.ts';
import { Dc09Deframer } from '../dc09/deframer.ts';
import type { Ingest } from './ingest.ts';

/**
 * DC-09 over TCP. Limits: connection count, frame size (deframer), idle time, time to complete a started frame
 * (slowloris), frames in flight per connection (reading pauses beyond it), unread response bytes (a client that does
 * not read its ACKs is dropped). Responses go out in the order the frames came in.
 */
export interface TcpLimits {
  maxConnections: number;
  maxFrameBytes: number;
  idleTimeoutMs: number;
  /** A frame must be complete this long after its first byte. */
  frameTimeoutMs: number;
  /** Frames of one connection waiting for their commit; reading pauses beyond this. */
  maxInFlightPerConnection: number;
  /** Unsent response bytes after which the client is considered not reading and is dropped. */
  maxBufferedBytes: number;
}

export const DEFAULT_TCP_LIMITS: TcpLimits = {
  maxConnections: 2000,
  maxFrameBytes: 4096,
  idleTimeoutMs: 120_000,
  frameTimeoutMs: 10_000,
  maxInFlightPerConnection: 32,
  maxBufferedBytes: 64 * 1024,
};

interface Conn {
  socket: net.Socket;
  deframer: Dc09Deframer;
  lastActivity: number;
  frameStartedAt: number | null;
  inFlight: number;
  tail: Promise<void>;
  paused: boolean;
}

export interface TcpStats {
  open: number;
  accepted: number;
  rejected: number;
  timedOut: number;
  slow: number;
  junkBytes: number;
}

export class TcpListener {
  private server: net.Server | null = null;
  private readonly conns = new Set<Conn>();
  private sweeper: NodeJS.Timeout | null = null;
  readonly stats: TcpStats = { open: 0, accepted: 0, rejected: 0, timedOut: 0, slow: 0, junkBytes: 0 };

  constructor(
    private readonly ingest: Ingest,
    private readonly limits: TcpLimits,
    private readonly clock: () => number,
    private readonly logger?: Logger,
  ) {}

  async listen(port: number, host: string): Promise<number> {
    const server = net.createServer({ noDelay: true, pauseOnConnect: false }, (s) => this.accept(s));
    this.server = server;
    server.on('error', (e) => this.logger?.error({ err: e.message }, 'alarm TCP listener error'));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const tick = Math.max(50, Math.min(1000, Math.floor(Math.min(this.limits.idleTimeoutMs, this.limits.frameTimeoutMs) / 4)));
    this.sweeper = setInterval(() => this.sweep(), tick);
    this.sweeper.unref();
    return (server.address() as net.AddressInfo).port;
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    const server = this.server;
    this.server = null;
    for (const c of this.conns) c.socket.destroy();
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }

  private accept(socket: net.Socket) {
    if (this.conns.size >= this.limits.maxConnections) {
      this.stats.rejected++;
      socket.destroy();
      return;
    }
    this.stats.accepted++;
    const c: Conn = {
      socket,
      deframer: new Dc09Deframer(this.limits.maxFrameBytes),
      lastActivity: this.clock(),
      frameStartedAt: null,
      inFlight: 0,
      tail: Promise.resolve(),
      paused: false,
    };
    this.conns.add(c);
    this.stats.open = this.conns.size;
    const remote = socket.remoteAddress ?? null;
    socket.on('data', (chunk: Buffer) => {
      const now = this.clock();
      for (const item of c.deframer.push(chunk)) {
        if (item.type === 'junk') {
          this.stats.junkBytes += item.bytes;
          continue;
        }
        c.lastActivity = now; // only whole frames count as activity: trickled junk does not keep a connection
        this.dispatch(c, item.bytes, remote);
      }
      c.frameStartedAt = c.deframer.inFrame ? (c.frameStartedAt ?? now) : null;
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.conns.delete(c);
      this.stats.open = this.conns.size;
    });
  }

  private dispatch(c: Conn, frame: Buffer, remote: string | null) {
    c.inFlight++;
    if (c.inFlight >= this.limits.maxInFlightPerConnection && !c.paused) {
      c.paused = true;
      c.socket.pause();
    }
    const response = this.ingest.handle(frame, 'tcp', remote);
    c.tail = c.tail.then(async () => {
      const r = await response;
      c.inFlight--;
      if (c.paused && c.inFlight < this.limits.maxInFlightPerConnection / 2) {
        c.paused = false;
        c.socket.resume();
      }
      if (!r || c.socket.destroyed) return;
      c.socket.write(r);
      if (c.socket.writableLength > this.limits.maxBufferedBytes) c.socket.destroy();
    });
  }

  private sweep() {
    const now = this.clock();
    for (const c of this.conns) {
      if (c.frameStartedAt !== null && now - c.frameStartedAt > this.limits.frameTimeoutMs) {
        this.stats.slow++;
        c.socket.destroy();
      } else if (c.inFlight === 0 && now - c.lastActivity > this.limits.idleTimeoutMs) {
        this.stats.timedOut++;
        c.socket.destroy();
      }
    }
  }
}
