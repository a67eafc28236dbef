import dgram from 'node:dgram';
import type { Logger } from '../../shared/logger.ts';
import { splitDatagram } from '../dc09/deframer.ts';
import type { Ingest } from './ingest.ts';

/** DC-09 over UDP: each datagram is a message; the response goes back to the sender's address and port. */
export interface UdpLimits {
  maxFrameBytes: number;
  /** Datagrams being processed at once; more are dropped (the panel retries). */
  maxInFlight: number;
}

export const DEFAULT_UDP_LIMITS: UdpLimits = { maxFrameBytes: 4096, maxInFlight: 10_000 };

export interface UdpStats {
  datagrams: number;
  dropped: number;
  junkBytes: number;
}

export class UdpListener {
  private socket: dgram.Socket | null = null;
  private inFlight = 0;
  readonly stats: UdpStats = { datagrams: 0, dropped: 0, junkBytes: 0 };

  constructor(
    private readonly ingest: Ingest,
    private readonly limits: UdpLimits,
    private readonly logger?: Logger,
  ) {}

  async listen(port: number, host: string): Promise<number> {
    const type = host.includes(':') ? 'udp6' : 'udp4';
    const socket = dgram.createSocket({ type, recvBufferSize: 4 * 1024 * 1024 });
    this.socket = socket;
    socket.on('error', (e) => this.logger?.error({ err: e.message }, 'alarm UDP listener error'));
    socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo));
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    return socket.address().port;
  }

  async close(): Promise<void> {
    const s = this.socket;
    this.socket = null;
    if (s) await new Promise<void>((r) => s.close(() => r()));
  }

  private onMessage(msg: Buffer, rinfo: dgram.RemoteInfo) {
    this.stats.datagrams++;
    if (msg.length > this.limits.maxFrameBytes + 2 || this.inFlight >= this.limits.maxInFlight) {
      this.stats.dropped++;
      return;
    }
    for (const item of splitDatagram(msg, this.limits.maxFrameBytes)) {
      if (item.type === 'junk') {
        this.stats.junkBytes += item.bytes;
        continue;
      }
      this.inFlight++;
      void this.ingest.handle(item.bytes, 'udp', rinfo.address).then((r) => {
        this.inFlight--;
        if (r && this.socket) this.socket.send(r, rinfo.port, rinfo.address);
      });
    }
  }
}
