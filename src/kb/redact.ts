/**
 * Masks personal data that can be recognised by shape in a citizen's free text before it is stored for
 * editors (unanswered questions, feedback comments): phone numbers, ID/passport numbers, e-mail addresses,
 * vehicle plates, other runs of 6+ digits (amounts written
 * with thousands dots, "1.000.000", are kept). Names and street addresses cannot be recognised reliably by shape;
 * editors see the masked text only, and the table keeps no link to the conversation.
 */
const RULES: Array<[RegExp, string]> = [
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, '[email]'],
  // Phone numbers: 0xx / +84 / 84 followed by 8–10 digits, with optional separators.
  [/(?<![\p{N}])(?:\+?84|0)(?:[\s.-]?\d){8,10}(?![\p{N}])/gu, '[số điện thoại]'],
  // Vehicle plates: 29A-123.45, 30E 12345, 29-B1 234.56, 51LD-123.45.
  [/(?<![\p{L}\p{N}])\d{2}\s?-?\s?[A-Z]{1,2}\d?\s?-?\s?\d{3}\.?\d{1,2}(?![\p{N}])/giu, '[biển số]'],
  // ID card (9/12 digits), passport (letter + 7 digits), and any other run of 6+ digits.
  [/(?<![\p{L}\p{N}])[A-Z]\d{7}(?![\p{N}])/giu, '[số giấy tờ]'],
  [/(?<![\p{N}.])\d(?:\s?\d){5,}(?![\p{N}])/gu, '[số]'],
];

export function redactPersonalData(text: string): string {
  let out = text;
  for (const [re, mask] of RULES) out = out.replace(re, mask);
  return out;
}

/** The stored form of an unanswered question: NFC, lower case, spaces collapsed, personal data masked, ≤ 500 chars. */
export function normalizeQuestion(text: string): string {
  const cleaned = text
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return redactPersonalData(cleaned).toLowerCase().slice(0, 500).trim();
}
