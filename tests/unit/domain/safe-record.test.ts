import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { parseRegistry } from '../../../shared/config/load-registry.js';
import { PROTOTYPE_KEYS, safeRecord } from '../../../shared/domain/safe-record.js';
import { errorResponse } from '../../../shared/http/errors.js';
import {
  FileIncidentBody,
  FollowUpBody,
  PreviewTemplateBody,
  SaveResourceBody,
  SignUpBody,
} from '../../../shared/http/schemas.js';
import { createLogger } from '../../../shared/runtime/logger.js';
import { exampleIncident } from '../../support/herald.js';

/**
 * Records refuse `__proto__`, `constructor` and `prototype` keys at any depth, as unknown fields are
 * refused everywhere else, instead of dropping or keeping them. Inputs are built with JSON.parse,
 * as a request body is, so `__proto__` is an own key and not the prototype.
 */

const parsed = (value: unknown, patch: (text: string) => string = (text) => text) =>
  JSON.parse(patch(JSON.stringify(value)));

/** The 422 issues the API would answer with for this schema and input. */
function issuesOf(schema: z.ZodType, input: unknown): { path: (string | number)[]; message: string }[] {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  const response = errorResponse(
    result.error,
    createLogger(() => {}),
  );
  expect(response.statusCode).toBe(422);
  return JSON.parse(response.body ?? '{}').issues;
}

describe('a safe record', () => {
  const Texts = safeRecord(z.string(), z.string());

  it.each(PROTOTYPE_KEYS)('refuses the key %s with an issue at that key', (key) => {
    const input = parsed({ en: 'hello', [`${key}X`]: 'x' }, (text) => text.replace(`"${key}X"`, `"${key}"`));
    expect(Object.keys(input)).toContain(key);

    const result = Texts.safeParse(input);

    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: [key], message: `the key ${key} is not allowed` }),
    ]);
  });

  it('keeps every other key with its value', () => {
    expect(Texts.parse(parsed({ en: 'hello', fr: 'bonjour' }))).toEqual({ en: 'hello', fr: 'bonjour' });
  });

  it('still checks keys and values as the record it wraps', () => {
    const Strict = safeRecord(z.string().regex(/^[a-z]{2}$/), z.string().min(1));
    expect(Strict.safeParse({ english: 'x' }).success).toBe(false);
    expect(Strict.safeParse({ en: '' }).success).toBe(false);
    expect(Strict.safeParse(['en']).success).toBe(false);
  });

  // Why the helper exists: zod's own record skips an own __proto__ key without an issue.
  it('is needed because a plain record accepts a __proto__ key by dropping it', () => {
    const input = JSON.parse('{"__proto__": "x", "en": "hello"}');
    expect(z.record(z.string(), z.string()).parse(input)).toEqual({ en: 'hello' });
  });
});

describe('the request bodies', () => {
  const incident = exampleIncident();

  it('refuse a __proto__ fact of an incident with 422 at facts.__proto__', () => {
    const input = parsed(incident, (text) => text.replace('"time":', '"__proto__":'));
    expect(issuesOf(FileIncidentBody, input)).toContainEqual({
      path: ['facts', '__proto__'],
      message: 'the key __proto__ is not allowed',
    });
  });

  it('refuse a __proto__ language inside a localized fact with 422 at its own path', () => {
    const input = parsed(incident, (text) => text.replace('"fr":', '"__proto__":'));
    expect(issuesOf(FileIncidentBody, input)).toContainEqual({
      path: ['facts', 'description', '__proto__'],
      message: 'the key __proto__ is not allowed',
    });
  });

  it('refuse a fact named constructor in a follow-up, and prototype in a template preview', () => {
    expect(issuesOf(FollowUpBody, parsed({ kind: 'update', facts: { constructor: 'x' } }))).toContainEqual({
      path: ['facts', 'constructor'],
      message: 'the key constructor is not allowed',
    });
    expect(issuesOf(PreviewTemplateBody, parsed({ facts: { prototype: 'x' } }))).toContainEqual({
      path: ['facts', 'prototype'],
      message: 'the key prototype is not allowed',
    });
  });

  it('refuse a __proto__ language in a resource name with 422 at content.name.__proto__', () => {
    const content = {
      name: { en: 'Victim Services', xx: 'hack' },
      description: { en: 'Support after a crime.' },
      hours: { en: '24/7' },
      languagesServed: ['en'],
      eligibility: { en: 'Anyone' },
      areas: ['citywide'],
      categories: ['weapons-call'],
      lastVerifiedAt: '2026-01-01',
      verifiedBy: 'comms.chloe',
      active: true,
    };
    const input = parsed({ revision: 0, content }, (text) => text.replace('"xx":', '"__proto__":'));
    expect(issuesOf(SaveResourceBody, input)).toContainEqual({
      path: ['content', 'name', '__proto__'],
      message: 'the key __proto__ is not allowed',
    });
  });

  it.each([
    ['an incident', FileIncidentBody, incident],
    ['a sign-up', SignUpBody, { channel: 'sms', address: '4165550199', areas: ['14'], language: 'en' }],
  ] as const)('refuse a top-level __proto__ key in %s as an unknown field', (_what, schema, body) => {
    const input = parsed({ ...body, protoKey: { admin: true } }, (text) =>
      text.replace('"protoKey"', '"__proto__"'),
    );
    const issues = issuesOf(schema, input);
    expect(issues).toContainEqual({ path: [], message: expect.stringMatching(/__proto__/) });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('report a wrong value in a localized fact at its language, not as a vague invalid union', () => {
    const input = parsed(
      exampleIncident({ facts: { ...(incident.facts as object), description: { en: 5 } } }),
    );
    expect(issuesOf(FileIncidentBody, input)).toContainEqual({
      path: ['facts', 'description', 'en'],
      message: expect.stringMatching(/expected string/),
    });
  });
});

describe('the registry', () => {
  const sample = () =>
    JSON.parse(
      readFileSync(fileURLToPath(new URL('../../../config/registry.json', import.meta.url)), 'utf8'),
    );

  it('refuses a localized name with a constructor key, naming the bad field', () => {
    const raw = sample();
    raw.divisions[0].name.constructor = 'x';
    expect(() => parseRegistry(raw)).toThrow(
      /divisions\.0\.name\.constructor.*the key constructor is not allowed/s,
    );
  });
});
