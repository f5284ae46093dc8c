/**
 * What every personal-data rule is made of, and the pattern pieces the rules share.
 *
 * Every pattern of a rule is built so that each regex quantifier is bounded or separated from the
 * next by a character it cannot consume, so matching stays linear in the length of the text (no
 * catastrophic backtracking, whatever an author pastes).
 */

/** A match found by one rule, before it becomes a warning. */
export interface Span {
  start: number;
  match: string;
}

export interface DetectorContext {
  /** Phone numbers that are fine to publish, normalised by `phoneDigits`. */
  allowedPhones: ReadonlySet<string>;
}

export interface Detector {
  detect(text: string, context: DetectorContext): Span[];
  /** A short human sentence in English saying what was found and why it matters. */
  message(match: string): string;
}

/** Horizontal white space only: a match never runs across a line break. */
export const GAP = String.raw`[ \t\u00a0]+`;
export const OPTIONAL_GAP = String.raw`[ \t\u00a0]*`;
/** Used as a lookbehind so a match never starts in the middle of a word or a number. */
export const NOT_AFTER_WORD = String.raw`(?<![\p{L}\p{N}])`;
export const NOT_BEFORE_WORD = String.raw`(?![\p{L}\p{N}])`;

/** Any one of `words`, taken literally: the word lists are data, not patterns. */
export function oneOf(words: readonly string[]): string {
  return `(?:${words.map(literal).join('|')})`;
}

/**
 * Like `oneOf`, but either case is accepted for the first letter only, so "Street", "street",
 * "Rue" and "rue" all match, while the rest of the pattern can still rely on capital letters to
 * tell names from ordinary words (Node 20 has no inline `(?i:)` modifier).
 */
export function oneOfAnyInitialCase(words: readonly string[]): string {
  const alternatives = words.map((word) => {
    const first = word.charAt(0);
    return `[${literal(first.toUpperCase())}${literal(first.toLowerCase())}]${literal(word.slice(1))}`;
  });
  return `(?:${alternatives.join('|')})`;
}

export function spansOf(pattern: RegExp, text: string): Span[] {
  // matchAll works on a copy of the regex, so the shared global patterns carry no lastIndex state.
  return Array.from(text.matchAll(pattern), (m) => ({ start: m.index, match: m[0] }));
}

/** Escapes the characters a `u` pattern reads as syntax (and only those: it refuses other escapes). */
function literal(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
