/**
 * Evidence files of reports: what is accepted (by the file's own bytes, never by its name or declared type)
 * and where it is kept. Files go under DATA_DIR/uploads with random names and are only ever served to staff.
 */

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_REPORT = 10;
export const ACCEPTED_TYPES = [
  'image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf',
  'audio/mpeg', 'audio/mp4', 'audio/ogg', 'audio/wav', 'audio/webm',
] as const;
export type AttachmentType = (typeof ACCEPTED_TYPES)[number];

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
const starts = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);
const M4A_BRANDS = new Set(['M4A ', 'M4B ', 'mp42', 'isom', 'iso2', 'mp41', 'dash']);

/** The file type from its first bytes (magic numbers), or null when it is not one we accept. Pure. */
export function sniffType(b: Uint8Array): AttachmentType | null {
  if (b.length < 12) return null;
  if (starts(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'image/webp';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WAVE') return 'audio/wav';
  if (ascii(b, 0, 5) === '%PDF-') return 'application/pdf';
  if (ascii(b, 0, 4) === 'OggS') return 'audio/ogg';
  if (starts(b, [0x1a, 0x45, 0xdf, 0xa3])) return 'audio/webm';
  if (ascii(b, 4, 8) === 'ftyp') {
    const brand = ascii(b, 8, 12);
    if (HEIF_BRANDS.has(brand)) return 'image/heic';
    if (M4A_BRANDS.has(brand)) return 'audio/mp4';
    return null;
  }
  if (ascii(b, 0, 3) === 'ID3') return 'audio/mpeg';
  // MPEG audio frame sync: 11 set bits, layer III, a valid bitrate index
  if (b[0] === 0xff && (b[1]! & 0xe6) === 0xe2 && (b[2]! & 0xf0) !== 0xf0) return 'audio/mpeg';
  return null;
}

export const EXTENSIONS: Record<AttachmentType, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/heic': 'heic', 'application/pdf': 'pdf',
  'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'audio/ogg': 'ogg', 'audio/wav': 'wav', 'audio/webm': 'webm',
};

/** A name safe to show an officer and to put in a download header: letters, digits, dot, dash; ≤ 80 chars. */
export function safeFileName(name: string | undefined | null): string | null {
  if (!name) return null;
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[^\p{L}\p{N}._ -]/gu, '_').replace(/^[.\s]+/, '').slice(0, 80).trim();
  return clean.length ? clean : null;
}

/** Storage of evidence files (attachment-store.fs.ts: under DATA_DIR/uploads). */
export interface AttachmentStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}
