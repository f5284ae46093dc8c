import { describe, expect, it } from 'vitest';
import { matchesOf } from './support.js';

describe('personal-data warnings', () => {
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
});
