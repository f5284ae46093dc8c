import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../../shared/config/load-registry.js';
import type { IssueDetail } from '../../../shared/domain/errors.js';
import { templatesByLanguage, templatesToFind } from '../../../shared/domain/rendering/templates-needed.js';
import type { TemplateVersion } from '../../../shared/domain/template.js';

const registry = loadRegistry(new URL('../../../config/registry.json', import.meta.url).pathname);

describe('the templates to look up before rendering', () => {
  it('names one per requested language, each once', () => {
    const languages = ['fr', 'en', 'fr'];

    expect(templatesToFind(registry, { category: 'collision', kind: 'update', languages })).toEqual([
      { category: 'collision', language: 'fr', kind: 'update' },
      { category: 'collision', language: 'en', kind: 'update' },
    ]);
  });

  it('looks nothing up for an unknown category or language, which rendering refuses', () => {
    expect(
      templatesToFind(registry, { category: 'alien-landing', kind: 'alert', languages: ['en'] }),
    ).toEqual([]);
    expect(templatesToFind(registry, { category: 'collision', kind: 'alert', languages: ['de'] })).toEqual(
      [],
    );
  });
});

describe('the templates found, by language', () => {
  const english = { id: 'collision.en.alert', language: 'en' } as TemplateVersion;

  it('keeps the order of the languages and names each language without a template', () => {
    const issues: IssueDetail[] = [];

    const templates = templatesByLanguage(
      new Map([['en', english]]),
      'collision',
      'alert',
      ['fr', 'en'],
      issues,
    );

    expect([...templates]).toEqual([['en', english]]);
    expect(issues).toEqual([
      { path: ['languages'], message: 'no published alert template for collision in fr' },
    ]);
  });
});
