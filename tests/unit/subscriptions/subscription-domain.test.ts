import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../../shared/config/load-registry.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import type { Registry } from '../../../shared/domain/registry.js';
import {
  maskAddress,
  normalizeAddress,
  ownerView,
  type Subscription,
  topicDifference,
  topicsFor,
} from '../../../shared/domain/subscription.js';

const registry = loadRegistry(fileURLToPath(new URL('../../../config/registry.json', import.meta.url)));

/** The sample registry with other subscription limits. */
function registryWith(subscriptions: Partial<Registry['subscriptions']>): Registry {
  return { ...registry, subscriptions: { ...registry.subscriptions, ...subscriptions } };
}

/** Runs `act`, expects a ValidationError, and returns it. */
function validationErrorOf(act: () => unknown): ValidationError {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

describe('normalizeAddress for SMS', () => {
  it.each([
    '(416) 555-0101',
    '416-555-0101',
    '416 555 0101',
    '1-416-555-0101',
    '14165550101',
    '+1 416 555 0101',
    '+14165550101',
    '  +1 (416) 555-0101  ',
  ])('reads the Canadian mobile %j as +14165550101', (raw) => {
    expect(normalizeAddress('sms', raw, registry)).toBe('+14165550101');
  });

  it('reads a number without a country code in the registry’s default country', () => {
    const french = registryWith({ defaultCountry: 'FR', allowedCountries: ['FR'] });

    expect(normalizeAddress('sms', '06 12 34 56 78', french)).toBe('+33612345678');
    expect(() => normalizeAddress('sms', '06 12 34 56 78', registry)).toThrow(ValidationError);
  });

  it('accepts a foreign mobile given in E.164 when the registry allows its country', () => {
    const withFrance = registryWith({ allowedCountries: ['CA', 'FR'] });

    expect(normalizeAddress('sms', '+33 6 12 34 56 78', withFrance)).toBe('+33612345678');
  });

  it('refuses a valid mobile of a country the registry does not list, naming the rule', () => {
    for (const raw of ['+33 6 12 34 56 78', '+44 7911 123456', '+1 212 555 0123']) {
      const error = validationErrorOf(() => normalizeAddress('sms', raw, registry));
      expect(error.issues).toEqual([{ path: ['address', 'country'], message: expect.any(String) }]);
      expect(error.message).toContain('allowed-countries');
      expect(error.message).not.toContain(raw.replace(/\D/g, '').slice(-4));
    }
  });

  it('takes the service’s own country alone when the registry lists no countries', () => {
    const { allowedCountries: _listed, ...unlisted } = registry.subscriptions;
    const ownCountryOnly: Registry = { ...registry, subscriptions: unlisted };

    expect(normalizeAddress('sms', '+1 416 555 0167', ownCountryOnly)).toBe('+14165550167');
    expect(() => normalizeAddress('sms', '+33 6 12 34 56 78', ownCountryOnly)).toThrow(ValidationError);
  });

  it.each([
    { kind: 'a Canadian toll-free number', raw: '1-800-555-0199' },
    { kind: 'a premium-rate number', raw: '+1 900 555 0199' },
    { kind: 'a Paris landline (no mobile can have it)', raw: '+33 1 23 45 67 89' },
    { kind: 'a London landline', raw: '+44 20 7946 0000' },
    { kind: 'a number that is too short', raw: '+15550100' },
    { kind: 'a seven-digit local number', raw: '555-0101' },
    { kind: 'a number that is too long', raw: '+1416555010199' },
    { kind: 'all zeros', raw: '0000000000' },
    { kind: 'words', raw: 'not a number' },
    { kind: 'a letter O among the digits', raw: '416 555 01O1' },
    { kind: 'an empty string', raw: '' },
    { kind: 'an e-mail address', raw: 'jo@example.org' },
  ])('refuses $kind with a ValidationError on the address', ({ raw }) => {
    const error = validationErrorOf(() => normalizeAddress('sms', raw, registry));

    expect(error.issues).toEqual([{ path: ['address'], message: expect.any(String) }]);
  });

  it.each(['+1 800 555 0199', '+44 20 7946 0000', '416 555 01O1', '+1416555010199'])(
    'never echoes the refused number %j in the error',
    (raw) => {
      const error = validationErrorOf(() => normalizeAddress('sms', raw, registry));
      const digits = raw.replace(/\D/g, '');
      const shown = `${error.message} ${JSON.stringify(error.issues)}`;

      expect(shown).not.toContain(raw);
      expect(shown).not.toContain(digits.slice(-7));
    },
  );
});

describe('normalizeAddress for e-mail', () => {
  it('lower-cases the domain and keeps the local part as typed', () => {
    expect(normalizeAddress('email', 'Jo.Subscriber@Example.ORG', registry)).toBe(
      'Jo.Subscriber@example.org',
    );
  });

  it('trims surrounding spaces', () => {
    expect(normalizeAddress('email', '  jo@example.org \n', registry)).toBe('jo@example.org');
  });

  it.each([
    { kind: 'an address without @', raw: 'no-at-sign.example.org' },
    { kind: 'an address without a domain', raw: 'jo@' },
    { kind: 'an address without a local part', raw: '@example.org' },
    { kind: 'two @ signs', raw: 'jo@bar@example.org' },
    { kind: 'spaces inside', raw: 'jo subscriber@example.org' },
    { kind: 'a phone number', raw: '+14165550101' },
    { kind: 'an address longer than 254 characters', raw: `${'a'.repeat(60)}@${'b'.repeat(200)}.org` },
  ])('refuses $kind with a ValidationError that does not echo it', ({ raw }) => {
    const error = validationErrorOf(() => normalizeAddress('email', raw, registry));

    expect(error.issues).toEqual([{ path: ['address'], message: expect.any(String) }]);
    expect(`${error.message} ${JSON.stringify(error.issues)}`).not.toContain(raw);
  });

  it('never echoes a refused e-mail address, not even its local part', () => {
    const error = validationErrorOf(() => normalizeAddress('email', 'secret.person@@example.org', registry));

    expect(error.message).not.toMatch(/secret|example/);
  });
});

describe('topicsFor', () => {
  it('gives the city-wide topic of the language for a city-wide choice', () => {
    expect(topicsFor(registry, { areas: 'citywide', language: 'fr', test: false })).toEqual(['citywide-fr']);
  });

  it('gives one area topic per chosen division in the chosen language', () => {
    expect(topicsFor(registry, { areas: ['14', '51'], language: 'en', test: false })).toEqual([
      'area-14-en',
      'area-51-en',
    ]);
  });

  it('adds the exercise topic of every live topic for a test subscriber', () => {
    expect(topicsFor(registry, { areas: ['14'], language: 'en', test: true })).toEqual([
      'area-14-en',
      'exercise-area-14-en',
    ]);
  });

  it('accepts exactly the registry’s maximum number of areas and refuses one more', () => {
    expect(registry.subscriptions.maxAreas).toBe(3);
    expect(topicsFor(registry, { areas: ['11', '12', '13'], language: 'en', test: false })).toHaveLength(3);

    const error = validationErrorOf(() =>
      topicsFor(registry, { areas: ['11', '12', '13', '14'], language: 'en', test: false }),
    );
    expect(error.message).toContain('at most 3 areas');
  });

  it('takes the maximum number of areas from the registry', () => {
    const five = registryWith({ maxAreas: 5 });
    const areas = ['11', '12', '13', '14', '22'];

    expect(topicsFor(five, { areas, language: 'en', test: false })).toHaveLength(5);
    expect(() =>
      topicsFor(registryWith({ maxAreas: 1 }), { areas: ['11', '12'], language: 'en', test: false }),
    ).toThrow(/at most 1 areas/);
  });

  it('refuses an area listed twice', () => {
    const error = validationErrorOf(() =>
      topicsFor(registry, { areas: ['14', '14'], language: 'en', test: false }),
    );

    expect(error.message).toContain('an area is listed twice');
  });

  it('refuses an empty list of areas', () => {
    const error = validationErrorOf(() => topicsFor(registry, { areas: [], language: 'en', test: false }));

    expect(error.message).toContain('at least one area');
  });

  it('refuses an area that is not a division of the registry', () => {
    const error = validationErrorOf(() =>
      topicsFor(registry, { areas: ['99'], language: 'en', test: false }),
    );

    expect(error.message).toMatch(/unknown division 99; the division ids are 11, 12, .*14/);
    expect(error.issues.map((issue) => issue.path)).toEqual([['areas']]);
  });

  it('names the division meant when a sign-up gives its name instead of its id', () => {
    const error = validationErrorOf(() =>
      topicsFor(registry, { areas: ['14 Division'], language: 'en', test: false }),
    );

    expect(error.message).toContain('did you mean 14?');
  });

  it('refuses a language the registry does not offer, even city-wide', () => {
    const error = validationErrorOf(() =>
      topicsFor(registry, { areas: 'citywide', language: 'de', test: false }),
    );

    expect(error.message).toContain('language de is not offered');
    expect(error.issues.map((i) => i.path)).toEqual([['language']]);
  });

  it('reports every problem of a choice at once', () => {
    const error = validationErrorOf(() =>
      topicsFor(registry, { areas: ['11', '11', '12', '99'], language: 'de', test: false }),
    );

    expect(error.issues).toHaveLength(4);
  });
});

describe('maskAddress', () => {
  it.each(['+14165550167', '+33612345678', '+447911123456', '+8613912345678'])(
    'shows no more of %s than its first two and last two characters',
    (number) => {
      const masked = maskAddress('sms', number);

      expect(masked).toHaveLength(number.length);
      expect(masked.slice(0, 2)).toBe(number.slice(0, 2));
      expect(masked.slice(-2)).toBe(number.slice(-2));
      expect(masked.slice(2, -2)).toMatch(/^\*+$/);
    },
  );

  it('masks a Canadian mobile as +1 then stars then the last two digits', () => {
    expect(maskAddress('sms', '+14165550167')).toBe('+1********67');
  });

  it('keeps the first letter and the domain of an e-mail address', () => {
    expect(maskAddress('email', 'jo.subscriber@example.org')).toBe('j***@example.org');
  });

  it('hides the length of the local part of an e-mail address', () => {
    expect(maskAddress('email', 'a@example.org')).toBe(maskAddress('email', 'abcdefghij@example.org'));
  });
});

describe('topicDifference', () => {
  it('adds what only the new choice has and drops what only the old one had', () => {
    expect(topicDifference(['area-14-en', 'area-51-en'], ['area-14-en', 'area-22-en'])).toEqual({
      add: ['area-22-en'],
      drop: ['area-51-en'],
    });
  });

  it('changes nothing for the same topics in another order', () => {
    expect(topicDifference(['a', 'b'], ['b', 'a'])).toEqual({ add: [], drop: [] });
  });

  it('adds everything from nothing and drops everything to nothing', () => {
    expect(topicDifference([], ['a', 'b'])).toEqual({ add: ['a', 'b'], drop: [] });
    expect(topicDifference(['a', 'b'], [])).toEqual({ add: [], drop: ['a', 'b'] });
  });
});

describe('ownerView', () => {
  const subscription: Subscription = {
    id: 'sub-1',
    channel: 'sms',
    language: 'en',
    areas: ['14'],
    topics: ['area-14-en'],
    status: 'ACTIVE',
    addressHash: 'hash-of-the-address',
    sealedAddress: 'v1.sealed',
    maskedAddress: '+1********67',
    code: { hash: 'code-hash', expiresAt: 0, attempts: 0 },
    manageTokenHash: 'token-hash',
    test: false,
    version: 3,
    createdAt: '2026-11-22T10:00:00.000Z',
    updatedAt: '2026-11-22T10:05:00.000Z',
  };

  it('shows the masked address and never the hash, the sealed address, the code or the token hash', () => {
    const view = ownerView(subscription);

    expect(view.address).toBe('+1********67');
    expect(JSON.stringify(view)).not.toMatch(/hash-of-the-address|v1\.sealed|code-hash|token-hash/);
  });

  it('lists topics only while the subscription is active', () => {
    expect(ownerView(subscription).topics).toEqual(['area-14-en']);
    expect(ownerView({ ...subscription, status: 'REMOVED' }).topics).toEqual([]);
    expect(ownerView({ ...subscription, status: 'OPTED_OUT' }).topics).toEqual([]);
  });
});
