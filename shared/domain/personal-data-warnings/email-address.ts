import { type Detector, spansOf } from './detector.js';

/**
 * local@domain.tld. The lookbehind makes the local part start at the beginning of its run of
 * characters, and labels cannot contain the dot that separates them, which keeps this linear.
 */
const EMAIL_PATTERN =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}(?![\p{L}\p{N}-])/gu;

export const emailAddress: Detector = {
  detect: (text) => spansOf(EMAIL_PATTERN, text),
  message: (match) =>
    `Email address "${match}" can identify a person; publish only official contact addresses.`,
};
