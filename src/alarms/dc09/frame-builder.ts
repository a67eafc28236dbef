import { crc16Arc, hex4 } from './crc.ts';
import { encrypt, type EncryptOptions } from './crypto.ts';
import { formatTimestamp } from './timestamp.ts';

/**
 * Builds DC-09 frames: responses here, and messages for tests, benchmarks and the alarm simulator.
 * Output is always strict: LF, CRC-16/ARC, 4-hex-digit byte length, body, CR.
 */
export interface FrameSpec {
  token: string;
  /** 0-9999 or four digits. */
  sequence: number | string;
  receiver?: string | null;
  line?: string | null;
  account?: string | null;
  /** Data block content without brackets, e.g. `#1234|Nri1/FA001`. */
  data?: string;
  /** Extended data blocks without brackets, e.g. `X006E07.7777777`. */
  extended?: readonly string[];
  /** A Date (formatted as UTC) or a preformatted `HH:MM:SS,MM-DD-YYYY`; required when encrypting. */
  timestamp?: Date | string | null;
  /** Key bytes: when set, the message is encrypted (`*` token, hex ciphertext). */
  key?: Uint8Array | null;
  encryption?: EncryptOptions;
}

/** Wraps a body (from the opening quote) into a frame: LF + CRC + length + body + CR. */
export function wrapBody(body: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`\n${hex4(crc16Arc(body))}${hex4(body.length)}`, 'latin1'), body, Buffer.from('\r')]);
}

export const formatSequence = (s: number | string): string =>
  typeof s === 'number' ? String(((s % 10000) + 10000) % 10000).padStart(4, '0') : s;

export function routingText(spec: Pick<FrameSpec, 'sequence' | 'receiver' | 'line' | 'account'>): string {
  return (
    formatSequence(spec.sequence) +
    (spec.receiver != null ? `R${spec.receiver}` : '') +
    (spec.line != null ? `L${spec.line}` : '') +
    (spec.account != null ? `#${spec.account}` : '')
  );
}

export function buildFrame(spec: FrameSpec): Buffer {
  const ts = spec.timestamp == null ? null : typeof spec.timestamp === 'string' ? spec.timestamp : formatTimestamp(spec.timestamp);
  const tail = (spec.data ?? '') + ']' + (spec.extended ?? []).map((x) => `[${x}]`).join('') + (ts ? `_${ts}` : '');
  const head = `"${spec.key ? '*' : ''}${spec.token}"${routingText(spec)}[`;
  if (!spec.key) return wrapBody(Buffer.from(head + tail, 'utf8'));
  if (!ts) throw new Error('an encrypted message needs a timestamp');
  return wrapBody(Buffer.from(head + encrypt(Buffer.from(tail, 'utf8'), spec.key, spec.encryption), 'latin1'));
}
