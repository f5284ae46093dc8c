import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../../../shared/config/load-registry.js';
import { personalDataWarningsInFacts } from '../../../../shared/domain/personal-data-warnings/facts.js';
import type { Resource } from '../../../../shared/domain/resource.js';

const registry = loadRegistry(new URL('../../../../config/registry.json', import.meta.url).pathname);

const hotline = { id: 'victim-services', phone: '+14165550100', textNumber: '+14165550111' } as Resource;

describe('personal-data warnings on the facts', () => {
  it('gives each warning the path of its fact and language', () => {
    const warnings = personalDataWarningsInFacts(
      registry,
      { location: '123 Main St', description: { en: 'Call 647-555-0123.', fr: 'Rien.' } },
      [],
    );

    expect(warnings.map((w) => [w.path, w.rule, w.match])).toEqual([
      [['facts', 'description', 'en'], 'phone-number', '647-555-0123'],
      [['facts', 'location'], 'street-address', '123 Main St'],
    ]);
  });

  it('does not warn about the numbers of the resource library or the public service numbers', () => {
    const text = 'Call 416-555-0100, text 416 555 0111, or 911, 211, 311 and 988; not 416-555-0199.';

    const warnings = personalDataWarningsInFacts(registry, { description: text }, [hotline]);

    expect(warnings.map((w) => w.match)).toEqual(['416-555-0199']);
  });

  it('runs only the rules the registry names in contentWarnings.rules', () => {
    const only = { ...registry, contentWarnings: { rules: ['email-address' as const] } };

    const warnings = personalDataWarningsInFacts(only, { description: '123 Main St, jo@example.com' }, []);

    expect(warnings.map((w) => w.rule)).toEqual(['email-address']);
  });
});
