import type { Registry } from '../config/registry-schema.js';
import { lintTexts } from './content-lint.js';
import type { Facts } from './incident.js';
import { type Resource, resourceNumbers } from './resource.js';

/** Public service numbers that are never personal data. */
const PUBLIC_NUMBERS = ['911', '211', '311', '988'];

/**
 * Personal-data warnings on the free text an author typed (the facts), with positions. Numbers
 * published by the resource library and the public service numbers are not warned about.
 */
export function factWarnings(registry: Registry, facts: Facts, library: readonly Resource[]) {
  const texts = Object.entries(facts).flatMap(([name, value]) =>
    typeof value === 'string'
      ? [{ path: ['facts', name], text: value }]
      : Object.entries(value).map(([language, text]) => ({ path: ['facts', name, language], text })),
  );
  return lintTexts(texts, {
    rules: registry.contentWarnings.rules,
    allowedPhoneNumbers: [...resourceNumbers(library), ...PUBLIC_NUMBERS],
  });
}
