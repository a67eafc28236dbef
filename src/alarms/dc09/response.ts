import type { EncryptOptions } from './crypto.ts';
import { buildFrame, wrapBody } from './frame-builder.ts';
import { formatTimestamp } from './timestamp.ts';
import type { FrameHeader } from './types.ts';

/**
 * Receiver responses (ANSI/SIA DC-09 §5.5):
 * - ACK echoes sequence, receiver, line and account with an empty data block. When the request was encrypted
 *   the ACK is encrypted too (`*ACK`) and carries the receiver's time (required then); unencrypted it may.
 * - NAK: fixed `0000R0L0A0`, never encrypted, always with the receiver's time (so the panel can correct its clock).
 * - DUH: echoes the routing, unencrypted: the message was intact but cannot be handled.
 * - A frame with a bad CRC or length gets no response at all.
 */
export interface AckOptions {
  now: Date;
  /** The account's key bytes; required to answer an encrypted request. */
  key?: Uint8Array | null;
  /** Add the receiver's time to an unencrypted ACK (default false). */
  timestamp?: boolean;
  /** Account to echo when the header had none (it was inside the data block). */
  account?: string | null;
  encryption?: EncryptOptions;
}

export function buildAck(req: FrameHeader, opts: AckOptions): Buffer {
  const encrypted = req.encrypted;
  if (encrypted && !opts.key) throw new Error('encrypted request needs the key to ACK');
  return buildFrame({
    token: 'ACK',
    sequence: req.sequence,
    receiver: req.receiver,
    line: req.line,
    account: req.account ?? opts.account ?? null,
    data: '',
    timestamp: encrypted || opts.timestamp ? opts.now : null,
    key: encrypted ? opts.key : null,
    ...(opts.encryption ? { encryption: opts.encryption } : {}),
  });
}

export function buildNak(now: Date): Buffer {
  return wrapBody(Buffer.from(`"NAK"0000R0L0A0[]_${formatTimestamp(now)}`, 'latin1'));
}

export function buildDuh(req: FrameHeader, account?: string | null): Buffer {
  return buildFrame({
    token: 'DUH',
    sequence: req.sequence,
    receiver: req.receiver,
    line: req.line,
    account: req.account ?? account ?? null,
    data: '',
  });
}
