import { describe, expect, it } from 'vitest';
import { builtinTemplates } from '../../../shared/adapters/templates/builtin-templates.js';
import { loadRegistry } from '../../../shared/config/load-registry.js';
import { InvalidTransitionError, ValidationError } from '../../../shared/domain/errors.js';
import { renderBroadcast } from '../../../shared/domain/rendering/render-broadcast.js';
import { resolveAudience, type TargetingRequest } from '../../../shared/domain/targeting.js';

/** Messages of refusals whose valid values are few enough to list, as a caller reads them. */

const registry = loadRegistry(new URL('../../../config/registry.json', import.meta.url).pathname);
const divisionIds = registry.divisions.map((d) => d.id).join(', ');

function targeting(overrides: Partial<TargetingRequest>): string[] {
  try {
    resolveAudience(registry, {
      category: 'collision',
      status: 'Actual',
      severity: 'Moderate',
      areas: ['14'],
      citywide: false,
      languages: ['en'],
      ...overrides,
    });
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => i.message);
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('an unknown value names the valid ones', () => {
  it('a division given by name says which id was meant', () => {
    expect(targeting({ areas: ['14 Division'] })).toEqual([
      'unknown division 14 Division: divisions are given by id; did you mean 14?',
    ]);
  });

  it('a division given by its French name says which id was meant', () => {
    expect(targeting({ areas: ['51e division'] })).toEqual([
      'unknown division 51e division: divisions are given by id; did you mean 51?',
    ]);
  });

  it('any other unknown division lists the division ids', () => {
    expect(targeting({ areas: ['99'] })).toEqual([
      `unknown division 99; the division ids are ${divisionIds}`,
    ]);
  });

  it('an unknown category lists the categories', () => {
    expect(targeting({ category: 'alien-landing' })).toEqual([
      `unknown category alien-landing; the categories are ${registry.categories.map((c) => c.id).join(', ')}`,
    ]);
  });

  it('an unsupported language lists the languages', () => {
    expect(targeting({ languages: ['de'] })).toEqual(['unsupported language de; the languages are en, fr']);
  });

  it('the renderer says the same about an unknown division', async () => {
    const template = await builtinTemplates.find({ category: 'road-closure', language: 'en', kind: 'alert' });
    let error: ValidationError | undefined;
    try {
      renderBroadcast({
        registry,
        templates: new Map(template ? [['en', template]] : []),
        category: 'road-closure',
        kind: 'alert',
        status: 'Actual',
        msgType: 'Alert',
        languages: ['en'],
        facts: {},
        link: `${registry.service.publicBaseUrl}/b/bc_01jf8zk3qw5nxa7d2m4r6t8v0b`,
        areaIds: ['14 Division'],
        citywide: false,
        resources: [],
      });
    } catch (e) {
      error = e as ValidationError;
    }
    expect(error?.issues.map((i) => i.message)).toContain(
      'unknown division 14 Division: divisions are given by id; did you mean 14?',
    );
  });
});

describe('approving or rejecting out of turn says where the broadcast stands', () => {
  it.each([
    ['APPROVED', 'APPROVED', 'this broadcast is already approved; nothing to do'],
    ['DELIVERED', 'APPROVED', 'this broadcast is already approved (it is DELIVERED); nothing to do'],
    ['REJECTED', 'APPROVED', 'only a broadcast pending approval can be approved; this one is REJECTED'],
    ['REJECTED', 'REJECTED', 'this broadcast is already rejected; nothing to do'],
    ['DISPATCHING', 'REJECTED', 'only a broadcast pending approval can be rejected; this one is DISPATCHING'],
  ])('from %s to %s', (from, to, message) => {
    expect(new InvalidTransitionError(from, to).message).toBe(message);
  });

  it('keeps the states for callers that branch on them', () => {
    expect(new InvalidTransitionError('APPROVED', 'APPROVED')).toMatchObject({
      from: 'APPROVED',
      to: 'APPROVED',
    });
  });
});
