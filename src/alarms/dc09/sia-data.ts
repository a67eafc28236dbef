/**
 * SIA DC-03 data blocks as carried by SIA-DCS messages, e.g. `Nri1/FA001`, `Nri1CL0^VX FRONTE ^`,
 * `Nid12/ri2/BA003/BA004`. `N` marks a new event; lower-case pairs are modifiers (`ri` area, `id` user,
 * `ti` time, ...); an upper-case pair is an event code followed by its number (zone, user, ...); `^...^` is
 * free text for the preceding event; `/` separates fields. Pure; never throws.
 */
export interface SiaDataEvent {
  code: string;
  /** The number after the code as sent (zone, user, ... depending on the code), or null. */
  number: string | null;
  area: string | null;
  user: string | null;
  text: string | null;
}

export type SiaDataResult = { ok: true; events: SiaDataEvent[] } | { ok: false; detail: string };

/** Splits an optional `#acct|` (or bare `|`) prefix off a data block. */
export function splitAccount(data: string): { account: string | null; rest: string } {
  const m = /^(#[0-9A-Fa-f]{0,16})?\|/.exec(data);
  if (!m) return { account: null, rest: data };
  const acct = m[1]?.slice(1) ?? '';
  return { account: acct === '' ? null : acct, rest: data.slice(m[0].length) };
}

const MAX_EVENTS = 64;

export function parseSiaData(rest: string): SiaDataResult {
  let pos = rest[0] === 'N' && /^N(?:[a-z/^]|[A-Z]{2})/.test(rest) ? 1 : 0;
  let area: string | null = null;
  let user: string | null = null;
  const events: SiaDataEvent[] = [];
  let last: SiaDataEvent | null = null;
  while (pos < rest.length && events.length < MAX_EVENTS) {
    const c = rest[pos]!;
    if (c === '/') {
      pos++;
      continue;
    }
    if (c === '^') {
      const close = rest.indexOf('^', pos + 1);
      const text = rest.slice(pos + 1, close < 0 ? rest.length : close);
      if (last) last.text = last.text === null ? text : `${last.text} ${text}`;
      pos = close < 0 ? rest.length : close + 1;
      continue;
    }
    const mod = /^([a-z]{2})([0-9A-Za-z:.-]*?)(?=\/|[A-Z]{2}|\^|$)/.exec(rest.slice(pos));
    if (mod) {
      if (mod[1] === 'ri') area = mod[2] || null;
      else if (mod[1] === 'id') user = mod[2] || null;
      pos += mod[0].length;
      continue;
    }
    const ev = /^([A-Z]{2})(\d{0,6})/.exec(rest.slice(pos));
    if (ev) {
      last = { code: ev[1]!, number: ev[2] || null, area, user, text: null };
      events.push(last);
      pos += ev[0].length;
      // Anything but a separator or text after the number is not understood: ignore the rest of the field.
      while (pos < rest.length && rest[pos] !== '/' && rest[pos] !== '^') pos++;
      continue;
    }
    break;
  }
  if (events.length === 0) return { ok: false, detail: 'no SIA event code in data' };
  return { ok: true, events };
}
