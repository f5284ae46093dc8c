import type { Registry } from '../../shared/domain/registry.js';
import type { Resource } from '../../shared/domain/resource.js';
import { SaveResourceBody } from '../../shared/http/schemas.js';
import {
  LOCALIZED_FIELD,
  LOCALIZED_FIELDS,
  type ResourceForm,
} from '../../shared/http/workspace/library-routes.js';
import { contentOf } from '../../shared/use-cases/resource-actions.js';

/**
 * The entry form both ways: an entry as the form's values, and what was typed as the API's body
 * (`SaveResourceBody`, the one schema of an entry), with its issues as sentences beside fields.
 */

export type FormValues = Record<string, string | string[]>;

/** The languages the form has a text field for: the registry's, and any other the entry has. */
export function formLanguages(registry: Registry, values: FormValues): string[] {
  const codes = registry.languages.map((l) => l.code);
  for (const name of Object.keys(values)) {
    const language = LOCALIZED_FIELD.exec(name)?.[2];
    if (language && !codes.includes(language)) codes.push(language);
  }
  return codes;
}

export function valuesOf(resource: Resource): FormValues {
  const content = contentOf(resource);
  const values: FormValues = {
    revision: String(resource.revision),
    phone: content.phone ?? '',
    textNumber: content.textNumber ?? '',
    url: content.url ?? '',
    languagesServed: content.languagesServed.join(', '),
    areas: content.areas,
    categories: content.categories,
    lastVerifiedAt: content.lastVerifiedAt,
    verifiedBy: content.verifiedBy,
    ...(content.sample ? { sample: 'yes' } : {}),
  };
  for (const field of LOCALIZED_FIELDS)
    for (const [language, text] of Object.entries(content[field])) values[`${field}-${language}`] = text;
  return values;
}

/** What was typed, kept as typed for the page that comes back with errors. */
export function typedValues(form: ResourceForm): FormValues {
  return Object.fromEntries(
    Object.entries(form).filter((entry): entry is [string, string | string[]] => entry[1] !== undefined),
  );
}

/**
 * The API's body from the form: blank optional fields and blank translations left out, the
 * languages served split on commas or spaces. Whether it is a valid entry is the schema's word.
 */
export function bodyFrom(form: ResourceForm, active: boolean) {
  const texts: Record<string, Record<string, string>> = {};
  for (const [name, value] of Object.entries(form)) {
    const match = LOCALIZED_FIELD.exec(name);
    if (!match?.[1] || !match[2] || typeof value !== 'string' || value.trim() === '') continue;
    texts[match[1]] ??= {};
    (texts[match[1]] as Record<string, string>)[match[2]] = value;
  }
  const optional = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  const content = {
    ...Object.fromEntries(LOCALIZED_FIELDS.map((field) => [field, texts[field] ?? {}])),
    phone: optional(form.phone),
    textNumber: optional(form.textNumber),
    url: optional(form.url),
    languagesServed: (form.languagesServed ?? '').split(/[\s,]+/).filter(Boolean),
    areas: form.areas ?? [],
    categories: form.categories ?? [],
    lastVerifiedAt: form.lastVerifiedAt?.trim() ?? '',
    verifiedBy: form.verifiedBy?.trim() ?? '',
    active,
    sample: form.sample === 'yes',
  };
  const revision = /^\d{1,9}$/.test(form.revision ?? '') ? Number(form.revision) : -1;
  return SaveResourceBody.safeParse({
    revision,
    content: Object.fromEntries(Object.entries(content).filter(([, v]) => v !== undefined)),
  });
}

const LABELS: Record<string, string> = {
  name: 'name',
  description: 'description',
  hours: 'opening hours',
  eligibility: 'who it is for',
};

const SENTENCES: Record<string, string> = {
  id: 'Enter an id of lower-case letters, digits and dashes, such as family-support-line.',
  languagesServed: 'Enter the languages served as codes separated by commas, such as en, fr, es.',
  areas: 'Choose the whole city or at least one division.',
  categories: 'Choose at least one category of incident.',
  lastVerifiedAt: 'Enter the date it was last verified as YYYY-MM-DD, such as 2026-11-30.',
  verifiedBy: 'Enter who verified it (up to 100 characters).',
  url: 'Enter the web address starting with https://, such as https://example.org/help.',
  revision: 'This form is out of date: reload the entry and make the change again.',
};

const NUMBER_LABELS: Record<string, string> = { phone: 'phone number', textNumber: 'text number' };

interface Issue {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  maximum?: unknown;
}

/** Each issue as a sentence for its field; the first issue of a field wins. */
export function resourceFieldErrors(
  issues: readonly Issue[],
  languages: readonly string[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const [head, field, sub] = issue.path.map(String);
    if (head === 'revision') errors.form ??= SENTENCES.revision as string;
    if (head !== 'content' || !field) continue;
    if (field in LABELS) {
      const language = sub ?? languages[0] ?? 'en';
      const name = `${field}-${language}`;
      errors[name] ??= sub
        ? issue.code === 'too_big'
          ? `The ${LABELS[field]} (${language}) must be ${String(issue.maximum)} characters or fewer.`
          : `Enter the ${LABELS[field]} (${language}).`
        : `Enter the ${LABELS[field]} in at least one language.`;
      continue;
    }
    // The domain's own words where it wrote some (the phone numbers); ours where zod's are generic.
    const generic = /^(invalid|too (small|big)|expected)/i.test(issue.message);
    errors[field] ??= generic
      ? (SENTENCES[field] ?? sentence(issue.message))
      : sentence(`${NUMBER_LABELS[field] ? `Enter the ${NUMBER_LABELS[field]} as ` : ''}${issue.message}`);
  }
  return errors;
}

function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
