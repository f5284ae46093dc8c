import { describe, expect, it } from 'vitest';
import { personalDataWarningsInText } from '../../../../shared/domain/personal-data-warnings/warnings.js';
import { matchesOf, PATH } from './support.js';

describe('personal-data warnings', () => {
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
      const [warning] = personalDataWarningsInText('Call 416-555-0199.', PATH, { rules: ['phone-number'] });
      expect(warning?.message).toContain('416-555-0199');
      expect(warning?.message).toMatch(/^Phone number .* identify/);
    });
  });
});
