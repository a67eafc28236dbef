/** CRC-16/ARC (poly 0x8005 reflected = 0xA001, init 0, no final xor), as DC-09 uses over the message body. */
const TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
    t[i] = c;
  }
  return t;
})();

export function crc16Arc(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = (crc >>> 8) ^ TABLE[(crc ^ bytes[i]!) & 0xff]!;
  return crc;
}

/** Four upper-case hex digits, as DC-09 prints CRC and length. */
export const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');
