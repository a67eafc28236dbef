import { parseContactId, type CidQualifier } from './contact-id.ts';
import type { AlarmCategory } from './data/categories.ts';
import { SIA_CODES } from './data/sia-codes.ts';
import { parseSiaData, splitAccount } from './sia-data.ts';
import { parseTimestamp } from './timestamp.ts';
import type { FrameContent } from './types.ts';

/**
 * One event model for SIA-DCS and ADM-CID messages. `code` is always a SIA code (Contact ID mapped to SIA);
 * a Contact ID code without a SIA equivalent gets `UX` (undefined alarm) and keeps its own code in `cidCode`.
 */
export type Qualifier = CidQualifier;

export interface AlarmEvent {
  code: string;
  qualifier: Qualifier;
  category: AlarmCategory;
  /** Zone (or user/other number, as the code defines) as sent, e.g. `001`; null when none. */
  zone: string | null;
  /** Area / partition as sent; null when none. */
  area: string | null;
  /** User number when the message names one (`id` modifier); null otherwise. */
  user: string | null;
  /** Free text (`^...^`). May hold personal data: never log it. */
  text: string | null;
  /** Contact ID `QEEE` (e.g. `1110`) for ADM-CID messages, else null. */
  cidCode: string | null;
  /** English description from the SIA table; null for a code not in the table. */
  description: string | null;
  /** Vietnamese description when translated, else null (show the English one). */
  descriptionVi: string | null;
  /** The message timestamp (UTC), or null when it had none. */
  eventTime: Date | null;
}

export type InterpretResult =
  | { ok: true; dataAccount: string | null; events: AlarmEvent[] }
  | { ok: false; detail: string };

export const UNDEFINED_CODE = 'UX';

export function describe(code: string): { category: AlarmCategory; description: string | null; descriptionVi: string | null } {
  const info = SIA_CODES[code];
  return info
    ? { category: info.category, description: `${info.type}: ${info.description}`, descriptionVi: info.vi }
    : { category: 'other', description: null, descriptionVi: null };
}

/** Events carried by a message with this token and content. NULL carries none; other tokens are not events. */
export function interpret(token: string, content: FrameContent): InterpretResult {
  const { account, rest } = splitAccount(content.data);
  const eventTime = content.timestamp ? parseTimestamp(content.timestamp) : null;
  if (token === 'NULL') return { ok: true, dataAccount: account, events: [] };
  if (token === 'SIA-DCS') {
    if (rest === '') return { ok: true, dataAccount: account, events: [] }; // empty data block: nothing to report
    const r = parseSiaData(rest);
    if (!r.ok) return r;
    const events = r.events.map((e): AlarmEvent => {
      const d = describe(e.code);
      return {
        ...d,
        code: e.code,
        qualifier: d.category === 'restore' ? 'restore' : 'new',
        category: d.category,
        zone: e.number,
        area: e.area,
        user: e.user,
        text: e.text,
        cidCode: null,
        eventTime,
      };
    });
    return { ok: true, dataAccount: account, events };
  }
  if (token === 'ADM-CID') {
    const r = parseContactId(rest);
    if (!r.ok) return r;
    const e = r.event;
    const code = e.siaCode ?? UNDEFINED_CODE;
    const d = describe(code);
    const event: AlarmEvent = {
      ...d,
      code,
      qualifier: e.qualifier,
      category: e.qualifier === 'restore' && d.category !== 'open-close' ? 'restore' : d.category,
      zone: e.zoneOrUser,
      area: e.partition,
      user: null,
      text: null,
      cidCode: `${e.qualifier === 'new' ? 1 : e.qualifier === 'restore' ? 3 : 6}${e.eventCode}`,
      eventTime,
    };
    return { ok: true, dataAccount: account, events: [event] };
  }
  return { ok: false, detail: `token ${token} carries no events` };
}
