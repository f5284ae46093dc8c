import { describe, expect, it } from 'vitest';
import {
  type ContentLintSettings,
  type ContentWarning,
  type ContentWarningRule,
  lintText,
  lintTexts,
} from '../../../shared/domain/content-lint.js';

const PATH = ['facts', 'description', 'en'];

/** The matched texts of one rule, in order. */
function matchesOf(rule: ContentWarningRule, text: string, settings?: ContentLintSettings): string[] {
  return lintText(text, PATH, { ...settings, rules: [rule] }).map((warning) => warning.match);
}

/** Every warning must point at its own match in the text it came from. */
function expectPositionsPointAtMatches(text: string, warnings: ContentWarning[]): void {
  for (const warning of warnings) {
    expect(text.slice(warning.start, warning.start + warning.length)).toBe(warning.match);
    expect(warning.length).toBe(warning.match.length);
  }
}

describe('linting free text for personal data', () => {
  describe('phone numbers', () => {
    it.each([
      ['416-555-0199'],
      ['(416) 555-0199'],
      ['416.555.0199'],
      ['4165550199'],
      ['+1 416 555 0199'],
      ['1-800-555-0199'],
      ['555-0199'],
    ])('flags %s as a phone number that is not in the resource library', (phone) => {
      const text = `Witnesses can reach the family at ${phone} after 6 p.m.`;
      expect(matchesOf('phone-number', text)).toEqual([phone]);
    });

    it('flags a phone number in a French text', () => {
      const text = 'Le témoin a laissé son numéro, le 514 555-0142, aux policiers.';
      expect(matchesOf('phone-number', text)).toEqual(['514 555-0142']);
    });

    it('does not flag short emergency and information codes', () => {
      expect(
        matchesOf('phone-number', 'Call 911 in an emergency, 211 for services or 311 for the city.'),
      ).toEqual([]);
    });

    it('does not flag times, years, dates, postal codes, divisions, percentages or counts', () => {
      const text =
        'At 21:40 on 2026-12-02 (9 h 30 in French), 14 Division closed the area near M5V 2T6; ' +
        '45% of 300 residents left in 2026, between 2024-2025.';
      expect(matchesOf('phone-number', text)).toEqual([]);
    });

    it('does not flag a French time, date or postal code', () => {
      const text =
        'Vers 21 h 40 le 2 décembre 2026, la 14e division a bouclé le secteur H2X 1Y4 (300 personnes).';
      expect(matchesOf('phone-number', text)).toEqual([]);
    });

    it('does not flag a number glued to more digits, as in a long case number', () => {
      expect(matchesOf('phone-number', 'Case GO-2026-41655501990 is open.')).toEqual([]);
    });

    it.each([['416-555-0100'], ['(416) 555-0100'], ['+1 416 555 0100'], ['1-416-555-0100'], ['4165550100']])(
      'accepts an allowed number written in the text as %s',
      (written) => {
        const settings = { allowedPhoneNumbers: ['416-555-0100'] };
        expect(matchesOf('phone-number', `Victim services: ${written}.`, settings)).toEqual([]);
      },
    );

    it('compares allowed numbers by digits whatever form the allow-list uses', () => {
      const text = 'Victim services: 416-555-0100.';
      for (const allowed of ['4165550100', '(416) 555-0100', '+1 416 555 0100', '1.416.555.0100']) {
        expect(matchesOf('phone-number', text, { allowedPhoneNumbers: [allowed] })).toEqual([]);
      }
    });

    it('accepts the local form of an allowed number but still flags a different local number', () => {
      const settings = { allowedPhoneNumbers: ['416-555-0100'] };
      expect(matchesOf('phone-number', 'Call 555-0100 or 555-0199.', settings)).toEqual(['555-0199']);
    });

    it('flags a phone number that is not in the resource library next to one that is', () => {
      const settings = { allowedPhoneNumbers: ['416-808-2222', '911'] };
      const text = 'Call 911, the tip line at 416-808-2222, or the neighbour at 647-555-0123.';
      expect(matchesOf('phone-number', text, settings)).toEqual(['647-555-0123']);
    });

    it('says what it found and why it matters', () => {
      const [warning] = lintText('Call 416-555-0199.', PATH, { rules: ['phone-number'] });
      expect(warning?.message).toContain('416-555-0199');
      expect(warning?.message).toMatch(/^Phone number .* identify/);
    });
  });

  describe('email addresses', () => {
    it('flags an email address in an English text', () => {
      const text = 'Send photos to jane.doe+tips@example.co.uk.';
      expect(matchesOf('email-address', text)).toEqual(['jane.doe+tips@example.co.uk']);
    });

    it('flags an email address in a French text', () => {
      expect(
        matchesOf('email-address', 'Écrivez à marie.tremblay@courriel.qc.ca pour joindre la famille.'),
      ).toEqual(['marie.tremblay@courriel.qc.ca']);
    });

    it('does not flag an at sign without a domain, a handle or a price', () => {
      const text = 'Follow @TPSOperations; meet @ 21:40; tickets at 3 @ $5; user@localhost.';
      expect(matchesOf('email-address', text)).toEqual([]);
    });

    it('does not flag a French text about a meeting point', () => {
      expect(matchesOf('email-address', 'Rendez-vous @ la station Berri-UQAM à 9 h.')).toEqual([]);
    });
  });

  describe('street addresses', () => {
    it.each([
      ['123 Main St'],
      ['45 Queen Street West'],
      ['1200 Bay St'],
      ['77 Elm Avenue'],
      ['10 Dundas Rd'],
    ])('flags the English street address %s', (address) => {
      const text = `Officers attended ${address}. for a report of a break-in.`;
      expect(matchesOf('street-address', text)).toEqual([address]);
    });

    it.each([
      ['123, rue Principale'],
      ['45 rue Sainte-Catherine'],
      ['1200 boulevard Saint-Laurent'],
      ['77 avenue des Pins'],
      ['10, chemin du Lac'],
    ])('flags the French street address %s', (address) => {
      const text = `Les policiers se sont rendus au ${address}. pour une introduction par effraction.`;
      expect(matchesOf('street-address', text)).toEqual([address]);
    });

    it('keeps a direction and a saint name that contains an abbreviation', () => {
      expect(matchesOf('street-address', 'A fire at 1 St. Clair Ave W spread.')).toEqual([
        '1 St. Clair Ave W',
      ]);
      expect(matchesOf('street-address', 'Un incendie au 45 rue Sainte-Catherine ouest.')).toEqual([
        '45 rue Sainte-Catherine ouest',
      ]);
    });

    it('does not flag an intersection without a civic number', () => {
      expect(matchesOf('street-address', 'Avoid Queen St W and Bathurst St until 6 a.m.')).toEqual([]);
      expect(
        matchesOf('street-address', 'Évitez la rue King et la rue Bathurst, coin rue King et rue Bathurst.'),
      ).toEqual([]);
    });

    it('does not flag a division or a count of things on a street', () => {
      const text = '14 Division reports 2 vehicles on Main St and 2 Hurt On Queen St.';
      expect(matchesOf('street-address', text)).toEqual([]);
    });

    it('does not flag a French count of things near a street', () => {
      const text = 'La 14e division signale 2 véhicules sur la rue Principale et 3 cours d’eau en crue.';
      expect(matchesOf('street-address', text)).toEqual([]);
    });

    it('reports an address once when the English and French patterns both see it', () => {
      const warnings = lintText('A crash at 77 Avenue Road.', PATH, { rules: ['street-address'] });
      expect(warnings.map((w) => w.match)).toEqual(['77 Avenue Road']);
    });
  });

  describe('names next to an age', () => {
    it.each([
      ['John Smith, 34'],
      ['Jane Doe (34)'],
      ['Jane Doe, aged 34'],
      ['John Smith, 34 years old'],
      ['John A. Smith (52)'],
      ["Kevin O'Brien, 19"],
    ])('flags the English name with an age %s', (nameWithAge) => {
      const text = `Police are looking for ${nameWithAge}, last seen on Friday.`;
      expect(matchesOf('name-with-age', text)).toEqual([nameWithAge]);
    });

    it.each([
      ['Marie Tremblay, 34 ans'],
      ['Jean Roy (34 ans)'],
      ['Marie Tremblay, âgée de 34 ans'],
      ['Jean-Luc Roy, 60'],
    ])('flags the French name with an age %s', (nameWithAge) => {
      const text = `La police recherche ${nameWithAge}, vue pour la dernière fois vendredi.`;
      expect(matchesOf('name-with-age', text)).toEqual([nameWithAge]);
    });

    it('flags a single name with an age at the end of the text', () => {
      expect(matchesOf('name-with-age', 'The victim is Priya, 7')).toEqual(['Priya, 7']);
    });

    it('leaves a capitalised opening word out of the name', () => {
      expect(matchesOf('name-with-age', 'Victim Jane Doe, 34, was treated.')).toEqual(['Jane Doe, 34']);
    });

    it('does not flag a division, a highway or a count of people', () => {
      const text = '14 Division, 2 people. Highway 401 is closed. In Toronto, 30 people were evacuated.';
      expect(matchesOf('name-with-age', text)).toEqual([]);
    });

    it('does not flag a street followed by a number', () => {
      expect(matchesOf('name-with-age', 'The collision was at Queen St, 34. Rue Principale (12).')).toEqual(
        [],
      );
    });

    it('does not flag sentence-opening words followed by a number', () => {
      const text = 'About 30 people left. Yesterday, 30. Around (12) cars. Hier, 3. On Monday, 12.';
      expect(matchesOf('name-with-age', text)).toEqual([]);
    });

    it('does not flag French sentence-opening words followed by a number', () => {
      const text = 'Environ 30 personnes ont quitté. Hier, 30 personnes. Vers (21) heures.';
      expect(matchesOf('name-with-age', text)).toEqual([]);
    });

    it('does not flag a number too large to be an age or a decimal', () => {
      expect(matchesOf('name-with-age', 'John Smith (401) and Jane Doe, 3.5 km away.')).toEqual([]);
    });
  });

  describe('positions', () => {
    it('points start and length at each match, in order', () => {
      const text =
        'Jane Doe (34) of 45 Queen Street West called 416-555-0199 and wrote to jane@example.com; ' +
        'Jean Roy (34 ans) habite au 10, chemin du Lac.';
      const warnings = lintText(text, PATH);
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
      const [warning] = lintText(text, PATH);
      expect(warning?.start).toBe(text.indexOf('514-555-0142'));
      expectPositionsPointAtMatches(text, lintText(text, PATH));
    });

    it('copies the path into each warning', () => {
      const path = ['facts', 'note', 'fr'];
      const [warning] = lintText('Appelez le 514-555-0142.', path);
      expect(warning?.path).toEqual(['facts', 'note', 'fr']);
      path.push('changed');
      expect(warning?.path).toEqual(['facts', 'note', 'fr']);
    });
  });

  describe('settings', () => {
    const text = 'John Smith, 34, of 123 Main St, 416-555-0199, john@example.com.';

    it('runs all four rules by default', () => {
      const rules = lintText(text, PATH).map((w) => w.rule);
      expect(new Set(rules)).toEqual(
        new Set(['phone-number', 'email-address', 'street-address', 'name-with-age']),
      );
    });

    it('runs only the rules it is asked for', () => {
      const warnings = lintText(text, PATH, { rules: ['email-address', 'street-address'] });
      expect(warnings.map((w) => w.rule)).toEqual(['street-address', 'email-address']);
    });

    it('runs nothing when the rule list is empty', () => {
      expect(lintText(text, PATH, { rules: [] })).toEqual([]);
    });
  });

  describe('empty and clean texts', () => {
    it('returns no warning for an empty text', () => {
      expect(lintText('', PATH)).toEqual([]);
      expect(lintTexts([])).toEqual([]);
    });

    it('returns no warning for an ordinary public alert in English and French', () => {
      expect(
        lintText('Collision at Queen St W and Bathurst St at 21:40; 2 vehicles involved. Call 911.', PATH),
      ).toEqual([]);
      expect(
        lintText(
          'Collision à l’angle de la rue King et de la rue Bathurst vers 21 h 40. Composez le 911.',
          PATH,
        ),
      ).toEqual([]);
    });
  });

  describe('several texts', () => {
    it('keeps each path and sorts by path then position', () => {
      const warnings = lintTexts([
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
      const warnings = lintTexts([
        { path: ['notes', 10], text: 'Call 416-555-0110.' },
        { path: ['notes', 2], text: 'Call 416-555-0102.' },
      ]);
      expect(warnings.map((w) => w.path)).toEqual([
        ['notes', 2],
        ['notes', 10],
      ]);
    });

    it('applies the same settings to every text', () => {
      const warnings = lintTexts(
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
      for (const text of adversarial) lintText(text, PATH);
      expect(performance.now() - started).toBeLessThan(500);
    });
  });
});
