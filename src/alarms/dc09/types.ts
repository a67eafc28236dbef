/** Message identifiers this code knows. Anything else parses as `token: 'other'` (answered with DUH). */
export const KNOWN_TOKENS = ['SIA-DCS', 'ADM-CID', 'NULL', 'ACK', 'NAK', 'DUH', 'RSP'] as const;
export type KnownToken = (typeof KNOWN_TOKENS)[number];

/** The header of a DC-09 message: everything outside the data block. Values are kept as sent (case included). */
export interface FrameHeader {
  /** ID token without `*` and quotes, e.g. `SIA-DCS`; unknown tokens are kept verbatim. */
  token: string;
  encrypted: boolean;
  /** Four decimal digits, e.g. `0001`. */
  sequence: string;
  /** Receiver number without `R` (1-6 hex digits) or null when absent. */
  receiver: string | null;
  /** Account prefix (line) without `L` (1-6 hex digits) or null when absent. */
  line: string | null;
  /** Account without `#` (3-16 hex digits), or null when the header has none (it may be inside the data). */
  account: string | null;
}

/** The readable part of a message body: after `[` (decrypted when it was encrypted). */
export interface FrameContent {
  /** Text inside the first `[...]`, including any `#acct|` prefix. */
  data: string;
  /** Later `[...]` blocks without brackets, e.g. `X006E07.7777777`. */
  extended: string[];
  /** `HH:MM:SS,MM-DD-YYYY` without the leading `_`, or null. */
  timestamp: string | null;
}

export interface ParsedFrame extends FrameHeader {
  /** CRC and length fields as they were in the frame (for diagnostics). */
  crcField: string;
  lengthField: string;
  /** Body text (from the opening quote), latin1-decoded so that bytes map 1:1 to chars. */
  body: string;
  /** Unencrypted frames: the parsed content. Encrypted frames: null until decrypted. */
  content: FrameContent | null;
  /** Encrypted frames: the hex ciphertext after `[`. */
  ciphertextHex: string | null;
  /** true when the CRC and length both matched; always true in strict mode. */
  intact: boolean;
}

export type FrameErrorCode =
  | 'EMPTY'
  | 'TOO_LARGE'
  | 'BAD_HEADER' // CRC/length fields are not 4 hex digits each
  | 'BAD_LENGTH' // length field != body byte count
  | 'BAD_CRC'
  | 'BAD_TOKEN' // no quoted ID token
  | 'BAD_SEQUENCE'
  | 'BAD_ROUTING' // receiver / line / account fields malformed
  | 'BAD_DATA' // no data block, or trailing garbage
  | 'BAD_TIMESTAMP'
  | 'BAD_CIPHERTEXT' // not hex, or not a whole number of AES blocks
  | 'DECRYPT_FAILED'; // the plaintext does not have the DC-09 layout (wrong key or corrupt)

export interface FrameError {
  code: FrameErrorCode;
  /** Short English diagnostic; never contains message text. */
  detail: string;
  /** The header when it could be read (lets the receiver answer DUH to an intact but unusable frame). */
  header?: FrameHeader;
}

export type Result<T, E = FrameError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = (code: FrameErrorCode, detail: string, header?: FrameHeader): { ok: false; error: FrameError } => ({
  ok: false,
  error: header ? { code, detail, header } : { code, detail },
});
