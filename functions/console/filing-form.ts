import type * as z from 'zod';
import type { Facts } from '../../shared/domain/incident.js';
import type { Category, Registry } from '../../shared/domain/registry.js';
import type { IncidentForm } from '../../shared/http/console-contract.js';
import type { FilingValues } from '../../web/console/filing.js';
import type { Mode } from '../../web/console/layout.js';
import { statusOf } from '../../web/console/layout.js';

/** What was typed, kept as typed: the form comes back with it after an error or a preview. */
export function filingValues(
  form: z.infer<typeof IncidentForm>,
  facts: Record<string, string>,
): FilingValues {
  return {
    areas: form.areas ?? [],
    citywide: form.citywide === 'yes',
    confirmCitywide: form.confirmCitywide === 'yes',
    languages: form.languages ?? [],
    severity: form.severity,
    urgency: form.urgency,
    certainty: form.certainty,
    expiresInHours: form.expiresInHours ?? '4',
    facts,
  };
}

/** An empty form: every language ticked, four hours. */
export function blankValues(registry: Registry): FilingValues {
  return {
    areas: [],
    citywide: false,
    confirmCitywide: false,
    languages: registry.languages.map((l) => l.code),
    expiresInHours: '4',
    facts: {},
  };
}

/**
 * The facts as the API takes them, from the category's declarations: a fact written per language
 * becomes `{ en, fr }` for the chosen languages; an empty field is left out, so a required one is
 * reported missing by the domain, not here. Fields of facts the category does not declare are
 * passed on too, for the domain to refuse.
 */
export function factsFromFields(
  category: Category | undefined,
  fields: Record<string, string>,
  languages: readonly string[],
): Facts {
  const facts: Facts = {};
  const localized = new Set(category?.facts.filter((f) => f.localized).map((f) => f.name));
  for (const [field, raw] of Object.entries(fields)) {
    const value = raw.trim();
    if (!value) continue;
    const [, name, language] = field.split('.') as [string, string, string | undefined];
    if (localized.has(name) || language) {
      if (language && !languages.includes(language)) continue;
      const current = facts[name];
      facts[name] = {
        ...(typeof current === 'object' ? current : {}),
        [language ?? languages[0] ?? 'en']: value,
      };
    } else facts[name] = value;
  }
  return facts;
}

/** The API's body for `POST /incidents`, from the form; the API's schema judges it. */
export function incidentCandidate(
  registry: Registry,
  category: Category,
  mode: Mode,
  values: FilingValues,
  now: Date,
): Record<string, unknown> {
  const hours = Number(values.expiresInHours);
  return {
    category: category.id,
    status: statusOf(mode),
    severity: values.severity,
    urgency: values.urgency,
    certainty: values.certainty,
    ...(values.citywide ? { citywide: true } : { areas: values.areas }),
    languages: values.languages,
    facts: factsFromFields(
      category,
      values.facts,
      values.languages.length ? values.languages : registry.languages.map((l) => l.code),
    ),
    expiresAt: Number.isFinite(hours)
      ? new Date(now.getTime() + hours * 3600_000).toISOString()
      : 'not a time',
  };
}
