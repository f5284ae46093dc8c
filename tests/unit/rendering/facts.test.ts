import { describe, expect, it } from 'vitest';
import type { IssueDetail } from '../../../shared/domain/errors.js';
import type { Facts } from '../../../shared/domain/incident.js';
import type { Category } from '../../../shared/domain/registry.js';
import { checkTemplateVariables, factTexts } from '../../../shared/domain/rendering/facts.js';
import type { TemplateVersion } from '../../../shared/domain/template.js';
import type { BroadcastKind } from '../../../shared/domain/vocabulary.js';

const collision: Category = {
  id: 'collision',
  name: { en: 'Collision', fr: 'Collision' },
  capCategory: 'Transport',
  capEventCode: 'accident',
  units: [],
  headquarters: 'citywide-only',
  facts: [
    { name: 'location', required: true, localized: false, maxLength: 20, example: '' },
    { name: 'time', required: true, localized: false, maxLength: 10, example: '' },
    { name: 'closures', required: false, localized: true, maxLength: 30, example: '' },
  ],
};

const given: Facts = { location: 'Main St and 1st Ave', time: '06:15' };

/** The texts and the issues of one check, in the order they were found. */
function check(facts: Facts, kind: BroadcastKind = 'alert') {
  const issues: IssueDetail[] = [];
  const texts = factTexts(collision, kind, facts, ['en', 'fr'], issues);
  return { texts: Object.fromEntries(texts), issues };
}

describe('fact texts per language', () => {
  it('gives a fact that is not localized the same trimmed text in every language', () => {
    const { texts, issues } = check({ ...given, location: '  Main St  ' });

    expect(issues).toEqual([]);
    expect(texts.location).toEqual({ en: 'Main St', fr: 'Main St' });
  });

  it('accepts one text per language for a fact that is not localized', () => {
    const { texts, issues } = check({ ...given, time: { en: '6:15 a.m.', fr: '6 h 15' } });

    expect(issues).toEqual([]);
    expect(texts.time).toEqual({ en: '6:15 a.m.', fr: '6 h 15' });
  });

  it('renders an optional fact that was not given as empty text in every language', () => {
    const { texts, issues } = check(given);

    expect(issues).toEqual([]);
    expect(texts.closures).toEqual({ en: '', fr: '' });
  });

  it('declares the note on a follow-up only', () => {
    expect(check(given).texts).not.toHaveProperty('note');
    expect(check(given, 'update').texts.note).toEqual({ en: '', fr: '' });
  });
});

describe('fact problems', () => {
  it('reports every problem at once, each with its path', () => {
    const { issues } = check({ location: 'x'.repeat(21), closures: 'Lanes closed.', colour: 'red' });

    expect(issues).toEqual([
      { path: ['facts', 'colour'], message: 'not a fact of this category' },
      { path: ['facts', 'location'], message: 'is 21 characters; at most 20' },
      { path: ['facts', 'time'], message: 'required' },
      { path: ['facts', 'closures', 'en'], message: 'write the en text: this fact is written per language' },
      { path: ['facts', 'closures', 'fr'], message: 'write the fr text: this fact is written per language' },
    ]);
  });

  it('says that a built-in variable is filled in by Herald and that a note is for follow-ups', () => {
    const { issues } = check({ ...given, link: 'https://example.org', note: { en: 'n', fr: 'n' } });

    expect(issues).toEqual([
      { path: ['facts', 'link'], message: 'link is filled in by Herald, not given as a fact' },
      {
        path: ['facts', 'note'],
        message: 'a note is for follow-ups (update, correction, cancel, all-clear) only',
      },
    ]);
  });

  it('asks for the missing language of a localized fact', () => {
    const { issues } = check({ ...given, closures: { en: 'Eastbound lanes closed.' } });

    expect(issues).toEqual([{ path: ['facts', 'closures', 'fr'], message: 'missing the fr text' }]);
  });

  it('names the language whose text is too long', () => {
    const { issues } = check({ ...given, time: { en: '6:15 a.m.', fr: '6 heures 15 minutes' } });

    expect(issues).toEqual([
      { path: ['facts', 'time'], message: 'the fr text is 19 characters; at most 10' },
    ]);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(check({ ...given, location: '🚧'.repeat(20) }).issues).toEqual([]);
  });

  it('treats a blank text as not given', () => {
    expect(check({ ...given, time: '   ' }).issues).toEqual([
      { path: ['facts', 'time'], message: 'required' },
    ]);
  });

  it('refuses a value that is neither a text nor a text per language', () => {
    const { issues } = check({ ...given, time: ['06:15'] } as unknown as Facts);

    expect(issues).toEqual([{ path: ['facts', 'time'], message: 'a text, or one text per language' }]);
  });
});

describe('a template stricter than its category', () => {
  const template = {
    id: 'collision.en.alert',
    language: 'en',
    variables: [
      { name: 'closures', required: true, type: 'text', maxLength: 100, example: '' },
      { name: 'location', required: false, type: 'place', maxLength: 5, example: '' },
    ],
  } as unknown as TemplateVersion;

  it('requires what it declares required and keeps its own maximum length', () => {
    const issues: IssueDetail[] = [];
    const texts = factTexts(collision, 'alert', given, ['en'], issues);

    checkTemplateVariables(template, texts, issues);

    expect(issues).toEqual([
      { path: ['facts', 'closures'], message: 'required by template collision.en.alert' },
      { path: ['facts', 'location'], message: 'at most 5 characters in template collision.en.alert' },
    ]);
  });
});
