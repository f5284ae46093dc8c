import type { SmsEncoding } from '../broadcast.js';

/** The GSM 03.38 basic character set (ESC at 0x1B excluded). */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

/** The GSM 03.38 extension table: each character travels as ESC + itself, so it costs two septets. */
const GSM_EXTENSION = new Set('\f^{}\\[]~|€');

const LIMITS: Record<SmsEncoding, { single: number; perPart: number }> = {
  'GSM-7': { single: 160, perPart: 153 },
  'UCS-2': { single: 70, perPart: 67 },
};

export interface SmsMeasure {
  encoding: SmsEncoding;
  /** Septets for GSM-7 (extension characters count two), UTF-16 code units for UCS-2 (an emoji is two). */
  units: number;
  /** Empty text is 0 parts: there is nothing to send. */
  parts: number;
}

/** How an SMS travels: GSM-7 unless one character is outside GSM-7, then UCS-2 for the whole message. */
export function measureSms(text: string): SmsMeasure {
  const chars = Array.from(text);
  const gsm = chars.every((c) => GSM_BASIC.has(c) || GSM_EXTENSION.has(c));
  const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2';
  const costs = chars.map((c) => (gsm ? (GSM_EXTENSION.has(c) ? 2 : 1) : c.length));
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const { single, perPart } = LIMITS[encoding];
  if (units === 0) return { encoding, units, parts: 0 };
  if (units <= single) return { encoding, units, parts: 1 };
  return { encoding, units, parts: countParts(costs, perPart) };
}

/**
 * Parts of a concatenated message. A character is never split across two parts (an escape
 * sequence or a surrogate pair stays whole), so a part may carry one unit less than its size.
 */
function countParts(costs: number[], perPart: number): number {
  let parts = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > perPart) {
      parts += 1;
      used = 0;
    }
    used += cost;
  }
  return parts;
}

/**
 * The characters outside GSM-7, each once in order of appearance: what made a message UCS-2, so
 * the editor can say which accent or symbol costs the extra parts. Empty for a GSM-7 message.
 */
export function charactersForcingUcs2(text: string): string[] {
  return [...new Set(Array.from(text).filter((c) => !GSM_BASIC.has(c) && !GSM_EXTENSION.has(c)))];
}

const ASCII_TWINS: [RegExp, string][] = [
  [/[‘’‚‛′]/g, "'"],
  [/[“”„‟″]/g, '"'],
  [/[‐‑‒–—]/g, '-'],
  [/…/g, '...'],
  [/[\u00a0\u2007\u202f]/g, ' '],
];

/**
 * Replaces typographic punctuation (curly quotes, dashes, ellipsis, no-break spaces) by its ASCII
 * twin when, and only when, that lets the whole message travel as GSM-7: one curly apostrophe in
 * an English fact would otherwise halve the SMS budget. Text that needs UCS-2 anyway (French with
 * accents) is left exactly as written.
 */
export function preferGsm7(text: string): string {
  const plain = ASCII_TWINS.reduce((t, [pattern, twin]) => t.replace(pattern, twin), text);
  return plain !== text && measureSms(plain).encoding === 'GSM-7' ? plain : text;
}
