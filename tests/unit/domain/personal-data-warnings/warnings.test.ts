import { describe, expect, it } from 'vitest';
import {
  personalDataWarningsInText,
  personalDataWarningsInTexts,
} from '../../../../shared/domain/personal-data-warnings/warnings.js';
import { expectPositionsPointAtMatches, PATH } from './support.js';

describe('personal-data warnings', () => {
  describe('positions', () => {
    it('points start and length at each match, in order', () => {
      const text =
        'Jane Doe (34) of 45 Queen Street West called 416-555-0199 and wrote to jane@example.com; ' +
        'Jean Roy (34 ans) habite au 10, chemin du Lac.';
      const warnings = personalDataWarningsInText(text, PATH);
      expect(warnings.map((w) => [w.rule, w.match])).toEqual([
        ['name-with-age', 'Jane Doe (34)'],
        ['street-address', '45 Queen Street West'],
        ['phone-number', '416-555-0199'],
        ['email-address', 'jane@example.com'],
        ['name-with-age', 'Jean Roy (34 ans)'],
        ['street-address', '10, chemin du Lac'],
      ]);
      expectPositionsPointAtMatches(text, warnings);
    });

    it('counts offsets in UTF-16 code units, as indexOf does', () => {
      const text = 'Témoin 🚓 «urgent» : 514-555-0142.';
      const [warning] = personalDataWarningsInText(text, PATH);
      expect(warning?.start).toBe(text.indexOf('514-555-0142'));
      expectPositionsPointAtMatches(text, personalDataWarningsInText(text, PATH));
    });

    it('copies the path into each warning', () => {
      const path = ['facts', 'note', 'fr'];
      const [warning] = personalDataWarningsInText('Appelez le 514-555-0142.', path);
      expect(warning?.path).toEqual(['facts', 'note', 'fr']);
      path.push('changed');
      expect(warning?.path).toEqual(['facts', 'note', 'fr']);
    });
  });

  describe('settings', () => {
    const text = 'John Smith, 34, of 123 Main St, 416-555-0199, john@example.com.';

    it('runs all four rules by default', () => {
      const rules = personalDataWarningsInText(text, PATH).map((w) => w.rule);
      expect(new Set(rules)).toEqual(
        new Set(['phone-number', 'email-address', 'street-address', 'name-with-age']),
      );
    });

    it('runs only the rules it is asked for', () => {
      const warnings = personalDataWarningsInText(text, PATH, { rules: ['email-address', 'street-address'] });
      expect(warnings.map((w) => w.rule)).toEqual(['street-address', 'email-address']);
    });

    it('runs nothing when the rule list is empty', () => {
      expect(personalDataWarningsInText(text, PATH, { rules: [] })).toEqual([]);
    });
  });

  describe('empty and clean texts', () => {
    it('returns no warning for an empty text', () => {
      expect(personalDataWarningsInText('', PATH)).toEqual([]);
      expect(personalDataWarningsInTexts([])).toEqual([]);
    });

    it('returns no warning for an ordinary public alert in English and French', () => {
      expect(
        personalDataWarningsInText(
          'Collision at Queen St W and Bathurst St at 21:40; 2 vehicles involved. Call 911.',
          PATH,
        ),
      ).toEqual([]);
      expect(
        personalDataWarningsInText(
          'Collision à l’angle de la rue King et de la rue Bathurst vers 21 h 40. Composez le 911.',
          PATH,
        ),
      ).toEqual([]);
    });
  });

  describe('several texts', () => {
    it('keeps each path and sorts by path then position', () => {
      const warnings = personalDataWarningsInTexts([
        { path: ['facts', 'note', 'fr'], text: 'Jean Roy (34 ans), 514-555-0142.' },
        { path: ['facts', 'description', 'en'], text: 'Call 416-555-0199 about 12 Elm Avenue.' },
        { path: ['facts', 'description', 'fr'], text: 'Rien à signaler.' },
      ]);
      expect(warnings.map((w) => [w.path.join('.'), w.match])).toEqual([
        ['facts.description.en', '416-555-0199'],
        ['facts.description.en', '12 Elm Avenue'],
        ['facts.note.fr', 'Jean Roy (34 ans)'],
        ['facts.note.fr', '514-555-0142'],
      ]);
    });

    it('orders numeric path segments numerically', () => {
      const warnings = personalDataWarningsInTexts([
        { path: ['notes', 10], text: 'Call 416-555-0110.' },
        { path: ['notes', 2], text: 'Call 416-555-0102.' },
      ]);
      expect(warnings.map((w) => w.path)).toEqual([
        ['notes', 2],
        ['notes', 10],
      ]);
    });

    it('applies the same settings to every text', () => {
      const warnings = personalDataWarningsInTexts(
        [
          { path: ['a'], text: 'Hotline 416-555-0100, neighbour 416-555-0199.' },
          { path: ['b'], text: 'Ligne 1 416 555 0100, voisin John Smith, 34.' },
        ],
        { rules: ['phone-number'], allowedPhoneNumbers: ['(416) 555-0100'] },
      );
      expect(warnings.map((w) => [w.path, w.match])).toEqual([[['a'], '416-555-0199']]);
    });
  });

  describe('resistance to pathological input', () => {
    it('lints 500-character adversarial texts quickly', () => {
      const adversarial = [
        'a'.repeat(500),
        '1'.repeat(500),
        'A '.repeat(250),
        'Aa '.repeat(166),
        `${'a-'.repeat(249)}@`,
        `x@${'a.'.repeat(249)}`,
        '1 Aa '.repeat(100),
        '(416) '.repeat(83),
      ];
      const started = performance.now();
      for (const text of adversarial) personalDataWarningsInText(text, PATH);
      expect(performance.now() - started).toBeLessThan(500);
    });
  });
});
