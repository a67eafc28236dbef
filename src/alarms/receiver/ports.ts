import type { KeyFormat } from '../dc09/crypto.ts';
import type { AlarmEvent } from '../dc09/events.ts';

/** What the receiver needs to know about an account (from the alarm accounts table, cached). */
export interface AlarmAccountInfo {
  account: string;
  /** The AES key text, or null when the account sends unencrypted messages only. */
  key: string | null;
  keyFormat: KeyFormat;
  enabled: boolean;
}

/** Account lookup port. `get` receives the account upper-cased; null = unknown account. */
export interface AccountDirectory {
  get(account: string): Promise<AlarmAccountInfo | null>;
}

export type Transport = 'tcp' | 'udp';

/** A message accepted by the receiver, waiting to be stored before its ACK is sent. */
export interface ReceivedFrame {
  /** Upper-case account (from the header, else from the data block). */
  account: string;
  receiver: string | null;
  line: string | null;
  /** Four digits as sent. */
  sequence: string;
  token: 'SIA-DCS' | 'ADM-CID' | 'NULL';
  encrypted: boolean;
  /** Events carried (none for NULL / link tests). */
  events: AlarmEvent[];
  /** The message timestamp, or null. */
  messageTime: Date | null;
  receivedAt: Date;
  /** The frame as received, without LF/CR (latin1). */
  raw: string;
  /** Decrypted content (`data][xdata]_timestamp`) of an encrypted frame, else null. */
  plaintext: string | null;
  transport: Transport;
  remoteAddr: string | null;
}

export type CommitResult = { status: 'stored'; eventIds: string[] } | { status: 'duplicate' };

/**
 * Storage port. `commit` stores a batch in one transaction and resolves only once it is durable; one result per
 * frame, in order: `stored` (with the new event ids; none for NULL) or `duplicate` (same account + receiver + line +
 * sequence already stored within the dedupe window; nothing stored). Rejects when nothing was stored.
 * Frames without events (NULL) only refresh the account's last-seen time and are never duplicates.
 */
export interface AlarmStore {
  commit(batch: readonly ReceivedFrame[]): Promise<CommitResult[]>;
}
