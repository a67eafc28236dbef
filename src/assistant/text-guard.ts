import { AppError } from '../shared/errors.ts';

/** Longest accepted chat message, in characters (Unicode code points after NFC). */
export const MAX_MESSAGE_CHARS = 2000;

/** Control characters other than tab, line feed and carriage return; DEL and the C1 range. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
/** U+FFFD (what an invalid UTF-8 byte decodes to), non-characters, private use and unpaired surrogates. */
const UNREADABLE = /[\ufffd\ufffe\uffff\p{Co}\ud800-\udfff]/u; // in a `u` regex only unpaired surrogates match
/** What people type: letters (with marks), digits, emoji. */
const TEXTY = /[\p{L}\p{M}\p{N}\p{Extended_Pictographic}]/u;
/** Neutral: spaces and ordinary punctuation. */
const NEUTRAL = /[\p{Z}\s\p{P}\u200d\ufe0f]/u;

/**
 * Checks a citizen's message and returns it NFC-normalised and trimmed, or throws the 400 error the API
 * answers with: TEXT_EMPTY, TEXT_TOO_LONG (> 2,000 characters), TEXT_BINARY (NUL, control characters,
 * replacement characters from invalid UTF-8, unpaired surrogates, or mostly symbols that no one types).
 * Pure.
 */
export function checkMessageText(raw: string): string {
  if (typeof raw !== 'string') throw new AppError('VALIDATION');
  if (CONTROL.test(raw) || UNREADABLE.test(raw)) throw new AppError('TEXT_BINARY');
  const text = raw.normalize('NFC').trim();
  if (text.length === 0) throw new AppError('TEXT_EMPTY');
  let chars = 0;
  let texty = 0;
  let other = 0;
  for (const ch of text) {
    chars++;
    if (chars > MAX_MESSAGE_CHARS) throw new AppError('TEXT_TOO_LONG');
    if (TEXTY.test(ch)) texty++;
    else if (!NEUTRAL.test(ch)) other++;
  }
  // "???" or "..." are fine (small talk); a long run of symbols with hardly any letters is not a message.
  if (other >= 8 && other > 2 * texty) throw new AppError('TEXT_BINARY');
  return text;
}
