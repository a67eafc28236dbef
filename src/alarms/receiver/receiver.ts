import type { Logger } from '../../shared/logger.ts';
import { DEFAULT_WINDOW, type TimestampWindow } from '../dc09/window.ts';
import { DEFAULT_HANDLER_OPTIONS } from './frame-handler.ts';
import { DEFAULT_GROUP_COMMIT, GroupCommitter, type GroupCommitOptions } from './group-commit.ts';
import { Ingest, type CommittedAlarmEvent, type IngestStats } from './ingest.ts';
import type { AccountDirectory, AlarmStore } from './ports.ts';
import { DEFAULT_TCP_LIMITS, TcpListener, type TcpLimits, type TcpStats } from './tcp-listener.ts';
import { DEFAULT_UDP_LIMITS, UdpListener, type UdpLimits, type UdpStats } from './udp-listener.ts';

export interface AlarmReceiverDeps {
  store: AlarmStore;
  directory: AccountDirectory;
  logger?: Logger;
  /** Milliseconds since the epoch; Date.now by default. */
  clock?: () => number;
  /** Called once per newly stored event (never for retransmissions), after its commit. Must not throw. */
  onEvent?: (e: CommittedAlarmEvent) => void;
}

export interface AlarmReceiverOptions {
  /** ALARM_PORT; 0 picks a free port (tests). TCP and UDP use the same number unless udpPort is given. */
  port: number;
  udpPort?: number;
  host?: string;
  tcp?: boolean;
  udp?: boolean;
  /** NAK window for message timestamps (default 40 s past, 20 s future). */
  window?: TimestampWindow;
  /** Same account + receiver + line + sequence within this is a retransmission (default = window.pastMs). */
  dedupeWindowMs?: number;
  checkUnencryptedTimestamp?: boolean;
  acceptUnknownAccounts?: boolean;
  ackTimestamp?: boolean;
  tcpLimits?: Partial<TcpLimits>;
  udpLimits?: Partial<UdpLimits>;
  groupCommit?: Partial<GroupCommitOptions>;
}

export interface ReceiverStats {
  ingest: IngestStats;
  tcp: TcpStats | null;
  udp: UdpStats | null;
  commits: GroupCommitter['stats'];
}

export interface AlarmReceiver {
  /** Binds the listeners; resolves with the bound ports. */
  start(): Promise<{ tcpPort: number | null; udpPort: number | null }>;
  /** Stops accepting, closes connections, waits for commits in flight. */
  stop(): Promise<void>;
  stats(): ReceiverStats;
}

/** The SIA DC-09 receiver: TCP and UDP listeners in front of one ingest pipeline with group commit. */
export function createAlarmReceiver(deps: AlarmReceiverDeps, options: AlarmReceiverOptions): AlarmReceiver {
  const clock = deps.clock ?? Date.now;
  const window = options.window ?? DEFAULT_WINDOW;
  const tcpLimits = { ...DEFAULT_TCP_LIMITS, ...options.tcpLimits };
  const udpLimits = { ...DEFAULT_UDP_LIMITS, maxFrameBytes: tcpLimits.maxFrameBytes, ...options.udpLimits };
  const committer = new GroupCommitter(deps.store, { ...DEFAULT_GROUP_COMMIT, ...options.groupCommit });
  const ingest = new Ingest(
    { store: deps.store, directory: deps.directory, clock, logger: deps.logger, onEvent: deps.onEvent },
    {
      handler: {
        window,
        checkUnencryptedTimestamp: options.checkUnencryptedTimestamp ?? DEFAULT_HANDLER_OPTIONS.checkUnencryptedTimestamp,
        acceptUnknownAccounts: options.acceptUnknownAccounts ?? DEFAULT_HANDLER_OPTIONS.acceptUnknownAccounts,
        ackTimestamp: options.ackTimestamp ?? DEFAULT_HANDLER_OPTIONS.ackTimestamp,
      },
      dedupeWindowMs: options.dedupeWindowMs ?? window.pastMs,
      maxFrameBytes: tcpLimits.maxFrameBytes,
      committer,
    },
  );
  const tcp = options.tcp === false ? null : new TcpListener(ingest, tcpLimits, clock, deps.logger);
  const udp = options.udp === false ? null : new UdpListener(ingest, udpLimits, deps.logger);
  const host = options.host ?? '127.0.0.1';
  let sweeper: NodeJS.Timeout | null = null;

  return {
    async start() {
      const tcpPort = tcp ? await tcp.listen(options.port, host) : null;
      // With port 0, UDP takes the number TCP got when it is free, so that both share ALARM_PORT.
      const wantUdp = options.udpPort ?? (options.port === 0 && tcpPort ? tcpPort : options.port);
      let udpPort: number | null = null;
      if (udp) {
        try {
          udpPort = await udp.listen(wantUdp, host);
        } catch (e) {
          if (options.port !== 0 || options.udpPort !== undefined) throw e;
          udpPort = await udp.listen(0, host);
        }
      }
      sweeper = setInterval(() => ingest.sweep(clock()), 10_000);
      sweeper.unref();
      deps.logger?.info({ tcpPort, udpPort }, 'alarm receiver listening');
      return { tcpPort, udpPort };
    },
    async stop() {
      if (sweeper) clearInterval(sweeper);
      await Promise.all([tcp?.close(), udp?.close()]);
      await committer.drain();
    },
    stats: () => ({ ingest: { ...ingest.stats }, tcp: tcp ? { ...tcp.stats } : null, udp: udp ? { ...udp.stats } : null, commits: { ...committer.stats } }),
  };
}

export type { CommittedAlarmEvent } from './ingest.ts';
