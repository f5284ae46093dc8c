import { describe, expect, it } from 'vitest';
import { personalDataWarningsInText } from '../../../../shared/domain/personal-data-warnings/warnings.js';
import { matchesOf, PATH } from './support.js';

describe('personal-data warnings', () => {
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
      const warnings = personalDataWarningsInText('A crash at 77 Avenue Road.', PATH, {
        rules: ['street-address'],
      });
      expect(warnings.map((w) => w.match)).toEqual(['77 Avenue Road']);
    });
  });
});
