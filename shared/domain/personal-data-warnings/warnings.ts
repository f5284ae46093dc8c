/**
 * Personal-data warnings: the free text an author typed (incident facts, notes) is searched for
 * data that could identify a victim, a witness or a suspect's family by accident: phone numbers,
 * email addresses, street addresses and a name next to an age. It only warns; the approver
 * decides (D13). One file per rule beside this one; their word lists are in `words.json`.
 */
import type { Detector, DetectorContext, Span } from './detector.js';
import { emailAddress } from './email-address.js';
import { nameWithAge } from './name-with-age.js';
import { phoneDigits, phoneNumber } from './phone-number.js';
import { streetAddress } from './street-address.js';

/** The rules in the order a tie between two warnings at one place is broken. */
const RULES = ['phone-number', 'email-address', 'street-address', 'name-with-age'] as const;

export type PersonalDataRule = (typeof RULES)[number];

const DETECTORS: Record<PersonalDataRule, Detector> = {
  'phone-number': phoneNumber,
  'email-address': emailAddress,
  'street-address': streetAddress,
  'name-with-age': nameWithAge,
};

/** Stored on the broadcast and returned by the API as they are: the field names are part of both. */
export interface PersonalDataWarning {
  rule: PersonalDataRule;
  /** Where the text came from, e.g. ['facts', 'description', 'fr'] */
  path: (string | number)[];
  /** Offset of the match in the text, in UTF-16 code units (String.prototype.indexOf semantics), and its length */
  start: number;
  length: number;
  /** The matched text. */
  match: string;
  /** A short human sentence in English saying what was found and why it matters. */
  message: string;
}

export interface PersonalDataWarningSettings {
  /** Rules to run; default all four. */
  rules?: readonly PersonalDataRule[];
  /** Phone numbers that are fine to publish (e.g. the resource library's hotlines, 911, 211): compared by digits only, so '416-555-0100', '(416) 555-0100' and '+1 416 555 0100' match '4165550100' (a leading country code 1 is ignored). */
  allowedPhoneNumbers?: readonly string[];
}

/** Warnings for one text, sorted by position. */
export function personalDataWarningsInText(
  text: string,
  path: (string | number)[],
  settings?: PersonalDataWarningSettings,
): PersonalDataWarning[] {
  return personalDataWarningsInTexts([{ path, text }], settings);
}

/** Warnings for several texts, each carrying its own path, sorted by path then position. */
export function personalDataWarningsInTexts(
  texts: { path: (string | number)[]; text: string }[],
  settings?: PersonalDataWarningSettings,
): PersonalDataWarning[] {
  const wanted = new Set(settings?.rules ?? RULES);
  const rules = RULES.filter((rule) => wanted.has(rule));
  const context: DetectorContext = {
    allowedPhones: new Set((settings?.allowedPhoneNumbers ?? []).map(phoneDigits)),
  };
  return texts.flatMap(({ path, text }) => warningsIn(text, path, rules, context)).sort(compareWarnings);
}

function warningsIn(
  text: string,
  path: (string | number)[],
  rules: readonly PersonalDataRule[],
  context: DetectorContext,
): PersonalDataWarning[] {
  if (text.length === 0) return [];
  return rules.flatMap((rule) => {
    const detector = DETECTORS[rule];
    return withoutOverlaps(detector.detect(text, context)).map((span) => ({
      rule,
      path: [...path],
      start: span.start,
      length: span.match.length,
      match: span.match,
      message: detector.message(span.match),
    }));
  });
}

/**
 * One warning per place: among overlapping matches of one rule (an address seen by both the
 * English and the French pattern), keep the one that starts first, the longest on a tie.
 */
function withoutOverlaps(spans: Span[]): Span[] {
  const ordered = [...spans].sort((a, b) => a.start - b.start || b.match.length - a.match.length);
  const kept: Span[] = [];
  let end = 0;
  for (const span of ordered) {
    if (kept.length > 0 && span.start < end) continue;
    kept.push(span);
    end = span.start + span.match.length;
  }
  return kept;
}

function compareWarnings(a: PersonalDataWarning, b: PersonalDataWarning): number {
  return comparePaths(a.path, b.path) || a.start - b.start || RULES.indexOf(a.rule) - RULES.indexOf(b.rule);
}

function comparePaths(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i += 1) {
    const order = compareSegments(a[i] as string | number, b[i] as string | number);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/** Numbers before strings, numbers numerically, strings by code unit (stable across locales). */
function compareSegments(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
