import dgram from 'node:dgram';
import net from 'node:net';
import { Dc09Deframer } from '../dc09/deframer.ts';

/**
 * Panel-side DC-09 connections (tests, benchmarks and the alarm simulator): send a frame, wait for the receiver's
 * answer. `send` resolves with the response frame (without LF/CR) or null after `timeoutMs` without one.
 * One message at a time per dialer, as panels do.
 */
export class TcpDialer {
  private readonly deframer = new Dc09Deframer();
  private waiter: { resolve: (b: Buffer | null) => void; timer: NodeJS.Timeout } | null = null;
  private readonly early: Buffer[] = [];
  closed = false;

  private constructor(readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => {
      for (const item of this.deframer.push(chunk)) if (item.type === 'frame') this.deliver(item.bytes);
    });
    socket.on('close', () => {
      this.closed = true;
      this.deliver(null);
    });
    socket.on('error', () => undefined);
  }

  static connect(port: number, host = '127.0.0.1'): Promise<TcpDialer> {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, host);
      s.once('connect', () => resolve(new TcpDialer(s)));
      s.once('error', reject);
    });
  }

  private deliver(b: Buffer | null) {
    const w = this.waiter;
    if (!w) {
      if (b) this.early.push(b);
      return;
    }
    this.waiter = null;
    clearTimeout(w.timer);
    w.resolve(b);
  }

  /** Next response (already received or arriving within timeoutMs). */
  next(timeoutMs = 5000): Promise<Buffer | null> {
    const e = this.early.shift();
    if (e) return Promise.resolve(e);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(null);
      }, timeoutMs);
      this.waiter = { resolve, timer };
    });
  }

  send(frame: Uint8Array, timeoutMs = 5000): Promise<Buffer | null> {
    this.socket.write(frame);
    return this.next(timeoutMs);
  }

  close(): void {
    this.socket.destroy();
  }
}

export class UdpDialer {
  private readonly socket: dgram.Socket;
  private waiter: { resolve: (b: Buffer | null) => void; timer: NodeJS.Timeout } | null = null;

  private constructor(
    private readonly port: number,
    private readonly host: string,
  ) {
    this.socket = dgram.createSocket('udp4');
    this.socket.on('message', (msg) => {
      const w = this.waiter;
      if (!w) return;
      this.waiter = null;
      clearTimeout(w.timer);
      w.resolve(msg.subarray(msg[0] === 0x0a ? 1 : 0, msg[msg.length - 1] === 0x0d ? msg.length - 1 : msg.length));
    });
  }

  static async open(port: number, host = '127.0.0.1'): Promise<UdpDialer> {
    const d = new UdpDialer(port, host);
    // Loopback targets: bind loopback only; other hosts (the simulator against a remote receiver): any interface.
    const local = host === '127.0.0.1' || host === 'localhost';
    await new Promise<void>((r) => (local ? d.socket.bind(0, '127.0.0.1', () => r()) : d.socket.bind(0, () => r())));
    return d;
  }

  send(frame: Uint8Array, timeoutMs = 2000): Promise<Buffer | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(null);
      }, timeoutMs);
      this.waiter = { resolve, timer };
      this.socket.send(frame, this.port, this.host);
    });
  }

  close(): void {
    this.socket.close();
  }
}
