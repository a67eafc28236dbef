import { CID_TO_SIA } from './data/cid-to-sia.ts';

/**
 * Ademco Contact ID bodies as carried by ADM-CID messages: `QEEE GG ZZZ`, e.g. `1110 01 015`.
 * Q = qualifier (1 new event, 3 restore, 6 previously reported condition still present / status),
 * EEE = event code, GG = group or partition, ZZZ = zone or user. Pure.
 */
export type CidQualifier = 'new' | 'restore' | 'status';

export interface ContactIdEvent {
  qualifier: CidQualifier;
  eventCode: string;
  partition: string;
  zoneOrUser: string;
  /** SIA equivalent, or null when the table has none for this code. */
  siaCode: string | null;
}

const CID_RE = /^([0-9])([0-9]{3}) ?([0-9A-Fa-f]{2}) ?([0-9A-Fa-f]{3})$/;
const QUALIFIERS: Record<string, CidQualifier> = { '1': 'new', '3': 'restore', '6': 'status' };

export function parseContactId(body: string): { ok: true; event: ContactIdEvent } | { ok: false; detail: string } {
  const m = CID_RE.exec(body);
  if (!m) return { ok: false, detail: 'not a Contact ID body (QEEE GG ZZZ)' };
  const qualifier = QUALIFIERS[m[1]!];
  if (!qualifier) return { ok: false, detail: `unsupported Contact ID qualifier ${m[1]}` };
  const eventCode = m[2]!;
  return {
    ok: true,
    event: { qualifier, eventCode, partition: m[3]!, zoneOrUser: m[4]!, siaCode: mapToSia(eventCode, qualifier) },
  };
}

/**
 * Contact ID -> SIA (tables from pysiaalarm, qualifiers 1 and 3). Status (6) reports a condition that is still
 * present, so it maps like a new event; the qualifier keeps the difference.
 */
export function mapToSia(eventCode: string, qualifier: CidQualifier): string | null {
  const row = CID_TO_SIA[eventCode];
  if (!row) return null;
  return (qualifier === 'restore' ? row.restore : row.new) ?? null;
}
