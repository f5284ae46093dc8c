import type { Facts } from '../incident.js';
import type { Registry } from '../registry.js';
import { type Resource, resourceNumbers } from '../resource.js';
import { type PersonalDataWarning, personalDataWarningsInTexts } from './warnings.js';

/** Public service numbers that are never personal data. */
const PUBLIC_NUMBERS = ['911', '211', '311', '988'];

/**
 * Personal-data warnings on the facts an author typed, each with its path and position. Numbers
 * published by the resource library and the public service numbers are not warned about. The
 * registry's `contentWarnings.rules` chooses the rules (the key keeps its name: it is configuration
 * that deployments already have).
 */
export function personalDataWarningsInFacts(
  registry: Registry,
  facts: Facts,
  library: readonly Resource[],
): PersonalDataWarning[] {
  const texts = Object.entries(facts).flatMap(([name, value]) =>
    typeof value === 'string'
      ? [{ path: ['facts', name], text: value }]
      : Object.entries(value).map(([language, text]) => ({ path: ['facts', name, language], text })),
  );
  return personalDataWarningsInTexts(texts, {
    rules: registry.contentWarnings.rules,
    allowedPhoneNumbers: [...resourceNumbers(library), ...PUBLIC_NUMBERS],
  });
}
