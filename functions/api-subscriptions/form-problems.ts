import { ValidationError } from '../../shared/domain/errors.js';
import type { Registry } from '../../shared/domain/registry.js';
import { type AreaChoice, normalizeAddress, topicsFor } from '../../shared/domain/subscription.js';
import { SignUpBody } from '../../shared/http/schemas.js';
import type { FieldProblems, SignUpField, SignUpValues } from '../../web/pages/subscribe/models.js';

/**
 * The paths of the API's validation issues (zod's, and the use cases' ValidationError) turned
 * into the form fields they are about. Only the field and whether it was left empty are read;
 * the sentence is the page's, in the reader's language. An issue no field can show is a bug, so it
 * throws (a logged 500) rather than leave the person with a form that says nothing.
 */

type IssuePath = readonly PropertyKey[];

/** A sign-up as the form gives it, before any check. */
export interface SignUpCandidate {
  channel: string | undefined;
  address: string;
  areas: AreaChoice;
  language: string | undefined;
}

/**
 * Everything wrong with a sign-up, at once: the API's schema, then the domain's own checks of
 * the parts the schema let through (the same functions the use case runs, and runs again). The
 * use case stops at its first failing check, which would show one error per attempt.
 */
export function signUpIssues(registry: Registry, candidate: SignUpCandidate): IssuePath[] {
  const parsed = SignUpBody.safeParse(candidate);
  const paths: IssuePath[] = parsed.success ? [] : parsed.error.issues.map((issue) => issue.path);
  const passed = (field: string) => !paths.some(([failed]) => failed === field);
  const collect = (check: () => unknown) => {
    try {
      check();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      paths.push(...error.issues.map((issue) => issue.path));
    }
  };
  const { channel, address, areas, language } = candidate;
  if (passed('areas') && passed('language') && language !== undefined)
    collect(() => topicsFor(registry, { areas, language, test: false }));
  if (passed('channel') && passed('address') && (channel === 'sms' || channel === 'email'))
    collect(() => normalizeAddress(channel, address, registry));
  return paths;
}

export function signUpProblems(paths: IssuePath[], values: SignUpValues): FieldProblems<SignUpField> {
  const problems: FieldProblems<SignUpField> = {};
  for (const [field, ...rest] of paths) {
    if (field === 'channel') problems.channel = 'missing';
    else if (field === 'areas') problems.areas = 'invalid';
    else if (field === 'language') problems.language = 'invalid';
    else if (field === 'address') {
      // Which input the address came from; with no channel chosen, that error says enough.
      if (values.channel === 'sms')
        problems.phone = blank(values.phone) ? 'missing' : rest[0] === 'country' ? 'country' : 'invalid';
      else if (values.channel === 'email') problems.email = blank(values.email) ? 'missing' : 'invalid';
      else problems.channel = 'missing';
    } else throw new Error(`a sign-up issue at ${String(field)} has no field on the form`);
  }
  return problems;
}

export function choiceProblems(paths: IssuePath[]): FieldProblems<'areas' | 'language'> {
  const problems: FieldProblems<'areas' | 'language'> = {};
  for (const [field] of paths) {
    if (field === 'areas') problems.areas = 'invalid';
    else if (field === 'language') problems.language = 'invalid';
    else throw new Error(`a change issue at ${String(field)} has no field on the form`);
  }
  return problems;
}

/** The checkboxes' values as the API's choice: the whole city alone is `citywide`. */
export function areaChoice(values: readonly string[]): AreaChoice {
  return values.length === 1 && values[0] === 'citywide' ? 'citywide' : [...values];
}

const blank = (value: string | undefined) => (value ?? '').trim() === '';
