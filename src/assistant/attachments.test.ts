import { describe, expect, it } from 'vitest';
import { safeFileName, sniffType } from './attachments.ts';

const bytes = (head: number[] | string, size = 64) => {
  const b = new Uint8Array(size);
  const h = typeof head === 'string' ? [...head].map((c) => c.charCodeAt(0)) : head;
  b.set(h);
  return b;
};

describe('evidence file types', () => {
  it('recognises accepted types by their magic bytes', () => {
    expect(sniffType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffType(bytes('RIFF\0\0\0\0WEBP'))).toBe('image/webp');
    expect(sniffType(bytes('\0\0\0\x18ftypheic'))).toBe('image/heic');
    expect(sniffType(bytes('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffType(bytes('ID3\x04'))).toBe('audio/mpeg');
    expect(sniffType(bytes([0xff, 0xfb, 0x90, 0x44]))).toBe('audio/mpeg');
    expect(sniffType(bytes('\0\0\0\x20ftypM4A '))).toBe('audio/mp4');
    expect(sniffType(bytes('OggS'))).toBe('audio/ogg');
    expect(sniffType(bytes('RIFF\0\0\0\0WAVE'))).toBe('audio/wav');
    expect(sniffType(bytes([0x1a, 0x45, 0xdf, 0xa3]))).toBe('audio/webm');
  });

  it('refuses everything else, whatever the file is called', () => {
    expect(sniffType(bytes('MZ\x90\0'))).toBeNull(); // Windows executable
    expect(sniffType(bytes('<html><script>'))).toBeNull();
    expect(sniffType(bytes('PK\x03\x04'))).toBeNull(); // zip
    expect(sniffType(bytes('\0\0\0\x18ftypqt  '))).toBeNull(); // QuickTime video
    expect(sniffType(bytes([0xff, 0xd8], 4))).toBeNull(); // too short
  });

  it('keeps file names harmless', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('ảnh chụp "màn hình".png')).toBe('ảnh chụp _màn hình_.png');
    expect(safeFileName('.hidden')).toBe('hidden');
    expect(safeFileName('')).toBeNull();
    expect(safeFileName('a'.repeat(200))!.length).toBe(80);
  });
});
