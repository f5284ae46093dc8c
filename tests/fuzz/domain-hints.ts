import * as fc from 'fast-check';
import type { Category, Registry } from '../../shared/domain/registry.js';
import { ResourceContent, ResourceId } from '../../shared/domain/resource.js';
import { TemplateContent, TemplateId } from '../../shared/domain/template.js';
import {
  BroadcastId,
  FileIncidentBody,
  IncidentId,
  SignUpBody,
  SubscriptionId,
} from '../../shared/http/schemas.js';
import { arbitraryFor, type Hint } from './arbitraries.js';
import { FIXTURE_CATEGORY, type Fixtures } from './fuzz-herald.js';

/**
 * Where the domain needs real values (a category of the registry, its divisions, an existing
 * broadcast and its hash...), these hints offer them next to the schema's own values. Hints go by
 * schema (the shared id schemas, a body whose fields depend on each other) or by field name, so a
 * new route reusing these fields gets them without new code; a route they do not fit is still
 * fuzzed from its schema alone.
 */
export function domainHint(registry: Registry, fixtures: Fixtures): Hint {
  const languages = registry.languages.map((l) => l.code);
  const divisions = registry.divisions.map((d) => d.id);
  const categories = registry.categories.map((c) => c.id);
  const fixtureCategory = registry.categories.find((c) => c.id === FIXTURE_CATEGORY) as Category;
  const pick = <T>(values: readonly T[]) => (values.length > 0 ? fc.constantFrom(...values) : undefined);
  const favour = <T>(values: readonly T[]) =>
    values.length > 0
      ? fc.oneof(
          { arbitrary: fc.constant(values[0] as T), weight: 2 },
          { arbitrary: fc.constantFrom(...values), weight: 1 },
        )
      : undefined;
  const someOf = <T>(values: readonly T[], maxLength = values.length) =>
    fc.subarray([...values], { minLength: 1, maxLength });

  const bySchema = new Map<unknown, () => fc.Arbitrary<unknown> | undefined>([
    // The first incident is the one with an approved broadcast to follow up.
    [IncidentId, () => favour(fixtures.incidentIds)],
    [BroadcastId, () => pick(fixtures.broadcasts.map((b) => b.id))],
    [SubscriptionId, () => pick(fixtures.subscriptionIds)],
    [TemplateId, () => pick(fixtures.templates.map((t) => t.id))],
    [ResourceId, () => pick(fixtures.resources.map((r) => r.id))],
    [TemplateContent, () => pick(fixtures.templates.map((t) => t.content))?.chain(editedTemplate)],
    [ResourceContent, () => pick(fixtures.resources.map((r) => r.content))?.chain(editedResource)],
    [
      FileIncidentBody,
      () => fc.constantFrom(...registry.categories).chain((c) => incidentOf(c, languages, divisions)),
    ],
    [SignUpBody, () => signUp(languages, divisions)],
  ]);

  const byKey: Record<string, () => fc.Arbitrary<unknown> | undefined> = {
    category: () => pick(categories),
    categories: () => someOf(categories, 3),
    areas: () => someOf(divisions, 3),
    division: () => pick(divisions),
    languages: () => someOf(languages),
    languagesServed: () => someOf(languages),
    language: () => pick(languages),
    facts: () => factsOf(fixtureCategory, languages, { partial: true }),
    // A follow-up names the approved broadcast, or leaves it to the default; its note is per language.
    follows: () => pick(fixtures.broadcasts.slice(0, 1).map((b) => b.id)),
    note: () => fc.record(Object.fromEntries(languages.map((l) => [l, text(100)]))),
    expiresAt: () => future(),
    contentHash: () => pick(fixtures.broadcasts.map((b) => b.contentHash)),
    revision: () => fc.integer({ min: 0, max: 3 }),
    rollbackTo: () => fc.integer({ min: 1, max: 2 }),
    version: () => fc.integer({ min: 1, max: 2 }),
    code: () => pick(fixtures.codes),
    token: () => pick(fixtures.manageTokens),
  };

  // A field name says more than the schema it reuses (`follows` is any broadcast id by its schema).
  return ({ schema, key }) => (key === undefined ? undefined : byKey[key]?.()) ?? bySchema.get(schema)?.();
}

/** Up to seven days ahead, as an incident's expiry must be. */
const future = () =>
  fc
    .integer({ min: 10 * 60_000, max: 7 * 24 * 3600_000 - 60_000 })
    .map((ms) => new Date(Date.now() + ms).toISOString());

/** Text an inspector might type, of at most `max` characters, never blank. */
const text = (max: number) =>
  fc
    .oneof(
      {
        arbitrary: fc.string({ minLength: 1, maxLength: Math.min(max, 40), unit: 'grapheme-ascii' }),
        weight: 3,
      },
      { arbitrary: fc.string({ minLength: 1, maxLength: Math.min(max, 20), unit: 'grapheme' }), weight: 1 },
    )
    .filter((s) => s.trim().length > 0 && s.length <= max);

function factsOf(category: Category, languages: readonly string[], options: { partial?: boolean } = {}) {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const fact of category.facts) {
    model[fact.name] = fact.localized
      ? fc.record(Object.fromEntries(languages.map((l) => [l, text(fact.maxLength)])))
      : text(fact.maxLength);
  }
  const requiredKeys = options.partial ? [] : category.facts.filter((f) => f.required).map((f) => f.name);
  return fc.record(model, { requiredKeys });
}

/** A whole incident whose facts are those of its category, in every language it asks for. */
function incidentOf(category: Category, languages: readonly string[], divisions: readonly string[]) {
  const field = (name: string) =>
    arbitraryFor(FileIncidentBody.shape[name as 'status'], () => undefined, [name], name);
  return fc.subarray([...languages], { minLength: 1 }).chain((chosen) =>
    fc
      .record({
        category: fc.constant(category.id),
        status: field('status'),
        severity: field('severity'),
        urgency: field('urgency'),
        certainty: field('certainty'),
        languages: fc.constant(chosen),
        facts: factsOf(category, chosen),
        expiresAt: future(),
        where: fc.oneof(
          fc.subarray([...divisions], { minLength: 1, maxLength: 4 }).map((areas) => ({ areas })),
          fc.constant({ citywide: true as const }),
        ),
      })
      .map(({ where, ...incident }) => ({ ...incident, ...where })),
  );
}

function signUp(languages: readonly string[], divisions: readonly string[]) {
  const address = {
    sms: fc.integer({ min: 0, max: 9999 }).map((n) => `+1416555${String(n).padStart(4, '0')}`),
    email: fc.emailAddress().filter((a) => a.length <= 254),
  };
  return fc.constantFrom('sms' as const, 'email' as const).chain((channel) =>
    fc.record({
      channel: fc.constant(channel),
      address: address[channel],
      areas: fc.oneof(fc.constant('citywide'), fc.subarray([...divisions], { minLength: 1, maxLength: 3 })),
      language: fc.constantFrom(...languages),
    }),
  );
}

const TEMPLATE_FIELDS = Object.keys(TemplateContent.shape);
const RESOURCE_FIELDS = Object.keys(ResourceContent.shape);
const only = (value: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(value).filter(([k]) => keys.includes(k)));

/** A published template with its headline reworded, as comms staff would save it. */
function editedTemplate(published: Record<string, unknown>) {
  return text(200).map((headline) => ({ ...only(published, TEMPLATE_FIELDS), headline }));
}

/** A library entry re-verified by someone, possibly retired. */
function editedResource(resource: Record<string, unknown>) {
  return fc
    .record({
      verifiedBy: text(100),
      active: fc.boolean(),
      lastVerifiedAt: fc.constantFrom('2026-01-15', '2026-06-01'),
    })
    .map((change) => ({ ...only(resource, RESOURCE_FIELDS), ...change }));
}

/**
 * Fields that only make sense together across the path and the body: a content hash goes with the
 * broadcast the path names (the approver approves what they previewed).
 */
export function coherent(fixtures: Fixtures) {
  const hashOf = new Map(fixtures.broadcasts.map((b) => [b.id, b.contentHash]));
  return (parts: { params?: Record<string, unknown>; body?: unknown }) => {
    const hash = hashOf.get(String(parts.params?.id));
    const body = parts.body as Record<string, unknown> | undefined;
    if (!hash || typeof body?.contentHash !== 'string' || ![...hashOf.values()].includes(body.contentHash))
      return parts;
    return { ...parts, body: { ...body, contentHash: hash } };
  };
}
