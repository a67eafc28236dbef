import { parseKey } from '../dc09/crypto.ts';
import { interpret } from '../dc09/events.ts';
import { decryptContent, parseFrame } from '../dc09/frame-parser.ts';
import type { ParsedFrame } from '../dc09/types.ts';
import { buildAck, buildDuh, buildNak } from '../dc09/response.ts';
import { splitAccount } from '../dc09/sia-data.ts';
import { parseTimestamp } from '../dc09/timestamp.ts';
import { checkWindow, DEFAULT_WINDOW, type TimestampWindow } from '../dc09/window.ts';
import type { AlarmAccountInfo, ReceivedFrame, Transport } from './ports.ts';

/**
 * The receiver's decisions, without sockets or clocks (time comes in as `now`). Two steps because the account
 * lookup is asynchronous: `inspect` parses and names the account to look up; `decide` takes the account and says
 * what to answer:
 * - `ignore`: no response (bad CRC/length, not a DC-09 frame), as the standard requires;
 * - `reply`: answer at once (NAK for a timestamp outside the window, DUH for what cannot be handled);
 * - `commit`: store the frame, then send `ack` (only after the commit resolved).
 */
export interface HandlerOptions {
  window: TimestampWindow;
  /** Check timestamps of unencrypted messages too (they are optional there). Default true. */
  checkUnencryptedTimestamp: boolean;
  /** Store unencrypted messages from accounts not in the directory (flagged by the store as unknown). Default true. */
  acceptUnknownAccounts: boolean;
  /** Add the receiver time to unencrypted ACKs. Default false. */
  ackTimestamp: boolean;
}

export const DEFAULT_HANDLER_OPTIONS: HandlerOptions = {
  window: DEFAULT_WINDOW,
  checkUnencryptedTimestamp: true,
  acceptUnknownAccounts: true,
  ackTimestamp: false,
};

export type Inspection =
  | { kind: 'ignore'; reason: string }
  | { kind: 'duh'; response: Buffer; reason: string }
  | { kind: 'frame'; frame: ParsedFrame; account: string | null };

export type Decision =
  | { kind: 'ignore'; reason: string }
  | { kind: 'reply'; response: Buffer; reason: 'nak-timestamp' | 'duh'; detail: string }
  | { kind: 'commit'; frame: ReceivedFrame; ack: Buffer };

const HANDLED = new Set(['SIA-DCS', 'ADM-CID', 'NULL']);

export function inspect(bytes: Uint8Array, maxFrameBytes: number): Inspection {
  const r = parseFrame(bytes, { mode: 'strict', maxFrameBytes });
  if (!r.ok) {
    // An intact frame (CRC and length right) that cannot be read is answered with DUH; the rest is ignored.
    if (r.error.header) return { kind: 'duh', response: buildDuh(r.error.header), reason: r.error.code };
    return { kind: 'ignore', reason: r.error.code };
  }
  const f = r.value;
  const account = f.account ?? (f.content ? splitAccount(f.content.data).account : null);
  return { kind: 'frame', frame: f, account: account?.toUpperCase() ?? null };
}

export interface DecideInput {
  frame: ParsedFrame;
  account: string | null;
  /** The directory's answer for `account` (null = unknown). */
  info: AlarmAccountInfo | null;
  now: Date;
  transport: Transport;
  remoteAddr: string | null;
  options: HandlerOptions;
}

export function decide(input: DecideInput): Decision {
  const { frame: f, account, info, now, options } = input;
  const duh = (detail: string): Decision => ({ kind: 'reply', response: buildDuh(f, account), reason: 'duh', detail });
  if (!HANDLED.has(f.token)) return duh(`unsupported token ${f.token}`);
  if (!account) return duh('no account');
  if (info && !info.enabled) return duh('account disabled');
  if (!info && (f.encrypted || !options.acceptUnknownAccounts)) return duh('unknown account');

  let key: Buffer | null = null;
  let content = f.content;
  if (f.encrypted) {
    if (!info?.key) return duh('encrypted message but no key for the account');
    const k = parseKey(info.key, info.keyFormat);
    if (!k.ok) return duh('account key unusable');
    key = k.value;
    const d = decryptContent(f, key);
    if (!d.ok) return duh(d.error.detail);
    content = d.value;
  }
  if (!content) return duh('no content');

  const messageTime = content.timestamp ? parseTimestamp(content.timestamp) : null;
  if (messageTime && (f.encrypted || options.checkUnencryptedTimestamp)) {
    const w = checkWindow(messageTime, now.getTime(), options.window);
    if (w !== 'ok') return { kind: 'reply', response: buildNak(now), reason: 'nak-timestamp', detail: w };
  }
  const ev = interpret(f.token, content);
  if (!ev.ok) return duh(ev.detail);

  const received: ReceivedFrame = {
    account,
    receiver: f.receiver,
    line: f.line,
    sequence: f.sequence,
    token: f.token as ReceivedFrame['token'],
    encrypted: f.encrypted,
    events: ev.events,
    messageTime,
    receivedAt: now,
    raw: rawText(f),
    plaintext: f.encrypted ? contentText(content) : null,
    transport: input.transport,
    remoteAddr: input.remoteAddr,
  };
  const ack = buildAck(f, { now, key, timestamp: options.ackTimestamp, account });
  return { kind: 'commit', frame: received, ack };
}

const rawText = (f: ParsedFrame) => f.crcField + f.lengthField + f.body;
const contentText = (c: { data: string; extended: string[]; timestamp: string | null }) =>
  `${c.data}]${c.extended.map((x) => `[${x}]`).join('')}${c.timestamp ? `_${c.timestamp}` : ''}`;
