import { describe, expect, it } from 'vitest';
import { matchesOf } from './support.js';

describe('personal-data warnings', () => {
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
});
