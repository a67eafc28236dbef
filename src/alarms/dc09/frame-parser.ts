import { crc16Arc } from './crc.ts';
import { decrypt, stripPad } from './crypto.ts';
import { isTimestampText, parseTimestamp } from './timestamp.ts';
import { err, ok, type FrameContent, type FrameHeader, type ParsedFrame, type Result } from './types.ts';

/**
 * Parses one DC-09 frame (as cut by the deframer, or a whole datagram; a leading LF and trailing CR are allowed).
 * Returns values or a typed error; never throws.
 *
 * strict (default): the CRC (CRC-16/ARC) and the 4-hex-digit byte length must match the body.
 * lenient: diagnostic only; a wrong CRC or length is tolerated and reported as `intact: false`. A receiver must
 * never ACK a frame that is not intact.
 */
export type ParseMode = 'strict' | 'lenient';

export interface ParseOptions {
  mode?: ParseMode;
  maxFrameBytes?: number;
}

const HEX4 = /^[0-9A-Fa-f]{4}$/;
const TOKEN_RE = /^"(\*?)([A-Za-z0-9-]{1,16})"/;
const ROUTING_RE = /^(\d{4})(?:R([0-9A-Fa-f]{1,6}))?(?:L([0-9A-Fa-f]{1,6}))?(?:#([0-9A-Fa-f]{3,16}))?\[/;
/** NAK carries the fixed `R0L0A0`: account field in the `A` form. */
const NAK_ROUTING_RE = /^(\d{4})(?:R([0-9A-Fa-f]{1,6}))?(?:L([0-9A-Fa-f]{1,6}?))?(?:#([0-9A-Fa-f]{3,16})|(A[0-9A-Fa-f]{1,16}))?\[/;
const CIPHER_RE = /^[0-9A-Fa-f]+$/;

export function parseFrame(input: Uint8Array, opts: ParseOptions = {}): Result<ParsedFrame> {
  const mode = opts.mode ?? 'strict';
  let start = 0;
  let end = input.length;
  if (end > 0 && input[0] === 0x0a) start++;
  if (end > start && input[end - 1] === 0x0d) end--;
  if (end <= start) return err('EMPTY', 'empty frame');
  if (opts.maxFrameBytes !== undefined && end - start > opts.maxFrameBytes) return err('TOO_LARGE', 'frame too large');
  const bytes = Buffer.from(input.buffer, input.byteOffset + start, end - start);
  if (bytes.length < 9) return err('BAD_HEADER', 'shorter than CRC + length');
  const crcField = bytes.toString('latin1', 0, 4);
  const lengthField = bytes.toString('latin1', 4, 8);
  if (!HEX4.test(crcField) || !HEX4.test(lengthField)) return err('BAD_HEADER', 'CRC/length not 4 hex digits');
  const bodyLength = bytes.length - 8;
  const lengthOk = parseInt(lengthField, 16) === bodyLength;
  const crcOk = crc16Arc(bytes, 8) === parseInt(crcField, 16);
  if (mode === 'strict' && !crcOk) return err('BAD_CRC', 'CRC mismatch');
  if (mode === 'strict' && !lengthOk) return err('BAD_LENGTH', `length field ${lengthField} != ${bodyLength} bytes`);

  const body = bytes.toString('latin1', 8);
  const tok = TOKEN_RE.exec(body);
  if (!tok) return err('BAD_TOKEN', 'no quoted ID token');
  const encrypted = tok[1] === '*';
  const token = tok[2]!;
  const rest = body.slice(tok[0].length);
  const route = (token === 'NAK' ? NAK_ROUTING_RE : ROUTING_RE).exec(rest);
  if (!route) {
    return /^\d{4}/.test(rest)
      ? err('BAD_ROUTING', 'receiver/line/account fields malformed')
      : err('BAD_SEQUENCE', 'sequence is not 4 digits');
  }
  const header: FrameHeader = {
    token,
    encrypted,
    sequence: route[1]!,
    receiver: route[2] ?? null,
    line: route[3] ?? null,
    account: route[4] ?? route[5] ?? null,
  };
  const afterOpen = rest.slice(route[0].length);
  const base = { ...header, crcField, lengthField, body, intact: crcOk && lengthOk };
  if (encrypted) {
    if (!CIPHER_RE.test(afterOpen) || afterOpen.length % 32 !== 0) {
      return err('BAD_CIPHERTEXT', 'ciphertext is not whole AES blocks of hex', header);
    }
    return ok({ ...base, content: null, ciphertextHex: afterOpen });
  }
  const content = parseContent(afterOpen, false);
  if (!content.ok) return { ok: false, error: { ...content.error, header } };
  return ok({ ...base, content: content.value, ciphertextHex: null });
}

/**
 * Parses what follows the `[` of the data block: `data]` + `[xdata]`* + optional `_timestamp`, nothing after.
 * `text` is latin1 (one char per byte); data and xdata are then decoded as UTF-8 when valid, else kept as latin1.
 */
export function parseContent(text: string, timestampRequired: boolean): Result<FrameContent> {
  const close = text.indexOf(']');
  if (close < 0) return err('BAD_DATA', 'data block not closed');
  const data = text.slice(0, close);
  if (data.includes('[')) return err('BAD_DATA', 'unexpected [ inside data');
  const extended: string[] = [];
  let pos = close + 1;
  while (text[pos] === '[') {
    const c = text.indexOf(']', pos + 1);
    if (c < 0) return err('BAD_DATA', 'extended data block not closed');
    const x = text.slice(pos + 1, c);
    if (x.includes('[')) return err('BAD_DATA', 'unexpected [ inside extended data');
    extended.push(decodeText(x));
    pos = c + 1;
  }
  let timestamp: string | null = null;
  if (text[pos] === '_') {
    timestamp = text.slice(pos + 1);
    if (!isTimestampText(timestamp) || !parseTimestamp(timestamp)) return err('BAD_TIMESTAMP', 'malformed timestamp');
  } else if (pos !== text.length) {
    return err('BAD_DATA', 'unexpected bytes after the data blocks');
  } else if (timestampRequired) {
    return err('BAD_TIMESTAMP', 'timestamp required');
  }
  return ok({ data: decodeText(data), extended, timestamp });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeText(latin1: string): string {
  if (/^[\x00-\x7f]*$/.test(latin1)) return latin1;
  try {
    return utf8.decode(Buffer.from(latin1, 'latin1'));
  } catch {
    return latin1;
  }
}

/**
 * Decrypts an encrypted frame's content with the account's key bytes. The plaintext must have the DC-09 layout
 * and a valid timestamp (required for encrypted messages); anything else is DECRYPT_FAILED (usually a wrong key).
 */
export function decryptContent(frame: ParsedFrame, key: Uint8Array): Result<FrameContent> {
  const header = headerOf(frame);
  if (!frame.encrypted || frame.ciphertextHex === null) {
    return frame.content ? ok(frame.content) : err('BAD_DATA', 'no content', header);
  }
  const plain = decrypt(frame.ciphertextHex, key);
  const content = plain ? stripPad(plain) : null;
  if (!content) return err('DECRYPT_FAILED', 'plaintext has no DC-09 layout', header);
  const parsed = parseContent(content.toString('latin1'), true);
  if (!parsed.ok) return err('DECRYPT_FAILED', `decrypted content: ${parsed.error.detail}`, header);
  return parsed;
}

export const headerOf = (f: FrameHeader): FrameHeader => ({
  token: f.token,
  encrypted: f.encrypted,
  sequence: f.sequence,
  receiver: f.receiver,
  line: f.line,
  account: f.account,
});
