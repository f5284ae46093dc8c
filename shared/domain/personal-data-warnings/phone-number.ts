import { type Detector, spansOf } from './detector.js';

/**
 * North American numbers: an area code and exchange that start with 2-9 (as every real NANP
 * number does, which also rules out most counts, case numbers and time ranges), with an optional
 * country code 1, and the 7-digit local form with a dash or dot ("555-0199"). Short codes (911),
 * times (21:40), years, ISO dates (2026-12-02) and postal codes never have this shape. A number
 * glued to more digits or letters is not a phone number, and one followed by "@" is left to the
 * email rule.
 */
const PHONE_PATTERN = new RegExp(
  [
    String.raw`(?<![\p{L}\p{N}+])`,
    '(?:',
    String.raw`(?:\+?1[ .-]?)?`,
    String.raw`(?:\( ?[2-9]\d\d ?\)[ .-]?|[2-9]\d\d[ .-]?)`,
    String.raw`[2-9]\d\d[ .-]?\d{4}`,
    String.raw`|[2-9]\d\d[.-]\d{4}`,
    ')',
    String.raw`(?![\p{L}\p{N}@]|[.-]\d)`,
  ].join(''),
  'gu',
);

/** Digits only, without the country code 1, so every way of writing a number compares equal. */
export function phoneDigits(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

/**
 * A 7-digit local number is allowed when it is the local part of an allowed 10-digit number: in
 * a single-city service "555-0100" is the hotline 416-555-0100 written without its area code.
 */
function isAllowedPhone(phone: string, allowed: ReadonlySet<string>): boolean {
  const digits = phoneDigits(phone);
  if (allowed.has(digits)) return true;
  if (digits.length !== 7) return false;
  for (const number of allowed) {
    if (number.length === 10 && number.endsWith(digits)) return true;
  }
  return false;
}

export const phoneNumber: Detector = {
  detect: (text, { allowedPhones }) =>
    spansOf(PHONE_PATTERN, text).filter((span) => !isAllowedPhone(span.match, allowedPhones)),
  message: (match) =>
    `Phone number "${match}" is not in the resource library; a private number can identify a victim, a witness or their family.`,
};
