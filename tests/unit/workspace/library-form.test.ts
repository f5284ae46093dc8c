import { describe, expect, it } from 'vitest';
import { bodyFrom, resourceFieldErrors } from '../../../functions/console/library-form.js';

/** The entry form read as the API's body, and the schema's issues as sentences beside fields. */

const FORM = {
  revision: '3',
  'name-en': 'Harbour Line',
  'name-fr': '',
  'description-en': 'Support.',
  'hours-en': '24 hours',
  'eligibility-en': 'Anyone',
  phone: ' 211 ',
  textNumber: '',
  url: '',
  languagesServed: 'en, fr  es',
  areas: ['14'],
  categories: ['weapons-call'],
  lastVerifiedAt: '2026-11-30',
  verifiedBy: 'comms.chloe',
};

describe('the entry form', () => {
  it('becomes the API body: blank translations and optional fields left out, languages split', () => {
    const parsed = bodyFrom(FORM, true);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({
      revision: 3,
      content: {
        name: { en: 'Harbour Line' },
        phone: '211',
        languagesServed: ['en', 'fr', 'es'],
        active: true,
      },
    });
    expect(parsed.data?.content).not.toHaveProperty('textNumber');
    expect(parsed.data?.content.name).not.toHaveProperty('fr');
  });

  it('names each bad field with a sentence that says what to type', () => {
    const parsed = bodyFrom(
      { ...FORM, 'name-en': '', phone: 'call us', areas: [], lastVerifiedAt: 'yesterday' },
      true,
    );
    expect(parsed.success).toBe(false);
    const errors = resourceFieldErrors(parsed.error?.issues ?? [], ['en', 'fr']);
    expect(errors).toMatchObject({
      'name-en': 'Enter the name in at least one language.',
      phone: expect.stringMatching(/^Enter the phone number as an E\.164 number/),
      areas: 'Choose the whole city or at least one division.',
      lastVerifiedAt: expect.stringContaining('YYYY-MM-DD'),
    });
  });

  it('says a text in one language is too long next to that language’s field', () => {
    const parsed = bodyFrom({ ...FORM, 'description-fr': 'x'.repeat(501) }, true);
    expect(resourceFieldErrors(parsed.error?.issues ?? [], ['en', 'fr'])).toEqual({
      'description-fr': 'The description (fr) must be 500 characters or fewer.',
    });
  });

  it('treats a revision that is not a number as an out-of-date form', () => {
    const parsed = bodyFrom({ ...FORM, revision: 'latest' }, true);
    expect(resourceFieldErrors(parsed.error?.issues ?? [], ['en'])).toHaveProperty('form');
  });
});
