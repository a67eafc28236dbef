import type { Logger } from '../../shared/logger.ts';
import { DedupeCache, dedupeKey } from '../dc09/dedupe.ts';
import type { AlarmEvent } from '../dc09/events.ts';
import { decide, inspect, type HandlerOptions } from './frame-handler.ts';
import { GroupCommitter } from './group-commit.ts';
import type { AccountDirectory, AlarmStore, CommitResult, ReceivedFrame, Transport } from './ports.ts';

/** An event stored for the first time (not a retransmission), as handed to `onEvent`. */
export interface CommittedAlarmEvent {
  id: string;
  account: string;
  receiver: string | null;
  line: string | null;
  sequence: string;
  token: ReceivedFrame['token'];
  encrypted: boolean;
  /** Index of the event inside its message. */
  index: number;
  event: AlarmEvent;
  receivedAt: Date;
  transport: Transport;
  /** false when the account is not in the directory (stored anyway; see acceptUnknownAccounts). */
  knownAccount: boolean;
}

export interface IngestDeps {
  store: AlarmStore;
  directory: AccountDirectory;
  clock: () => number;
  logger?: Logger | undefined;
  onEvent?: ((e: CommittedAlarmEvent) => void) | undefined;
}

export interface IngestOptions {
  handler: HandlerOptions;
  dedupeWindowMs: number;
  maxFrameBytes: number;
  committer: GroupCommitter;
}

export interface IngestStats {
  frames: number;
  acked: number;
  duplicates: number;
  naks: number;
  duhs: number;
  ignored: number;
  commitFailures: number;
}

/**
 * Turns one frame into its response: parse, look the account up, decide, and for accepted frames wait for the
 * group commit before returning the ACK. Transport-independent (TCP and UDP listeners call `handle`).
 * Resolves to null when nothing must be sent. Never rejects.
 */
export class Ingest {
  readonly stats: IngestStats = { frames: 0, acked: 0, duplicates: 0, naks: 0, duhs: 0, ignored: 0, commitFailures: 0 };
  private readonly dedupe: DedupeCache;
  /** Commits in flight by dedupe key: a retransmission arriving meanwhile waits for the first one's result. */
  private readonly inFlight = new Map<string, Promise<CommitResult>>();

  constructor(
    private readonly deps: IngestDeps,
    private readonly opts: IngestOptions,
  ) {
    this.dedupe = new DedupeCache(opts.dedupeWindowMs);
  }

  async handle(bytes: Uint8Array, transport: Transport, remoteAddr: string | null): Promise<Buffer | null> {
    this.stats.frames++;
    try {
      return await this.handleInner(bytes, transport, remoteAddr);
    } catch (e) {
      this.stats.commitFailures++;
      this.deps.logger?.error({ err: e instanceof Error ? e.message : String(e), transport }, 'alarm frame not stored; no ACK sent');
      return null;
    }
  }

  private async handleInner(bytes: Uint8Array, transport: Transport, remoteAddr: string | null): Promise<Buffer | null> {
    const ins = inspect(bytes, this.opts.maxFrameBytes);
    if (ins.kind === 'ignore') {
      this.stats.ignored++;
      this.deps.logger?.debug({ reason: ins.reason, transport }, 'alarm frame ignored');
      return null;
    }
    if (ins.kind === 'duh') {
      this.stats.duhs++;
      this.deps.logger?.info({ reason: ins.reason, transport }, 'alarm frame answered with DUH');
      return ins.response;
    }
    const info = ins.account ? await this.deps.directory.get(ins.account) : null;
    const now = new Date(this.deps.clock());
    const d = decide({ frame: ins.frame, account: ins.account, info, now, transport, remoteAddr, options: this.opts.handler });
    if (d.kind === 'ignore') {
      this.stats.ignored++;
      return null;
    }
    if (d.kind === 'reply') {
      if (d.reason === 'duh') this.stats.duhs++;
      else this.stats.naks++;
      this.deps.logger?.info({ account: ins.account, reason: d.reason, detail: d.detail, transport }, 'alarm frame refused');
      return d.response;
    }
    const frame = d.frame;
    if (frame.events.length === 0) {
      await this.opts.committer.submit(frame);
      this.stats.acked++;
      return d.ack;
    }
    const key = dedupeKey(frame);
    if (this.dedupe.isDuplicate(key, now.getTime())) {
      this.stats.duplicates++;
      this.stats.acked++;
      return d.ack;
    }
    let pending = this.inFlight.get(key);
    const first = !pending;
    if (!pending) {
      pending = this.opts.committer.submit(frame);
      this.inFlight.set(key, pending);
      pending.then(
        () => this.inFlight.delete(key),
        () => this.inFlight.delete(key),
      );
    }
    const result = await pending;
    if (first) this.dedupe.remember(key, now.getTime());
    if (!first || result.status === 'duplicate') {
      this.stats.duplicates++;
    } else {
      this.emit(frame, result.eventIds, info !== null);
    }
    this.stats.acked++;
    return d.ack;
  }

  private emit(frame: ReceivedFrame, ids: string[], knownAccount: boolean) {
    if (!this.deps.onEvent) return;
    frame.events.forEach((event, index) => {
      try {
        this.deps.onEvent!({
          id: ids[index]!,
          account: frame.account,
          receiver: frame.receiver,
          line: frame.line,
          sequence: frame.sequence,
          token: frame.token,
          encrypted: frame.encrypted,
          index,
          event,
          receivedAt: frame.receivedAt,
          transport: frame.transport,
          knownAccount,
        });
      } catch (e) {
        this.deps.logger?.error({ err: e instanceof Error ? e.message : String(e), account: frame.account }, 'onEvent handler failed');
      }
    });
  }

  sweep(nowMs: number) {
    this.dedupe.sweep(nowMs);
  }
}
