import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRegistry, parseRegistry } from '../../../shared/config/load-registry.js';
import { type IssueDetail, ValidationError } from '../../../shared/domain/errors.js';
import type { Registry } from '../../../shared/domain/registry.js';
import {
  isSandboxTarget,
  resolveAudience,
  sandboxRefusal,
  type TargetingRequest,
} from '../../../shared/domain/targeting.js';
import type { CapSeverity, CapStatus } from '../../../shared/domain/vocabulary.js';

const registryPath = fileURLToPath(new URL('../../../config/registry.json', import.meta.url));
const registry = loadRegistry(registryPath);

const LANGUAGES = ['en', 'fr'];

function request(overrides: Partial<TargetingRequest> = {}): TargetingRequest {
  return {
    category: 'collision',
    status: 'Actual',
    severity: 'Moderate',
    areas: ['14'],
    citywide: false,
    languages: LANGUAGES,
    ...overrides,
  };
}

/** Runs `act`, expects a ValidationError, and returns its issues. */
function issuesOf(act: () => unknown): IssueDetail[] {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

function divisionAccount(divisionId: string): string {
  const division = registry.divisions.find((d) => d.id === divisionId);
  if (!division) throw new Error(`no division ${divisionId} in the sample registry`);
  return division.accountId;
}

function unitAccountsOf(categoryId: string): string[] {
  const category = registry.categories.find((c) => c.id === categoryId);
  if (!category) throw new Error(`no category ${categoryId} in the sample registry`);
  return category.units.map((unitId) => {
    const unit = registry.units.find((u) => u.id === unitId);
    if (!unit) throw new Error(`no unit ${unitId} in the sample registry`);
    return unit.accountId;
  });
}

function accountKind(accountId: string): string | undefined {
  return registry.accounts.find((a) => a.id === accountId)?.kind;
}

const sorted = (values: readonly string[]) => [...values].sort();
const headquarters = registry.headquarters.accountId;
const sandboxAccountIds = registry.accounts.filter((a) => a.kind === 'sandbox').map((a) => a.id);
const liveAccountIds = registry.accounts.filter((a) => a.kind !== 'sandbox').map((a) => a.id);
const categoryIds = registry.categories.map((c) => c.id);

describe('targeting an incident', () => {
  describe('failing closed', () => {
    it('refuses a broadcast with no area and no city-wide flag', () => {
      const issues = issuesOf(() => resolveAudience(registry, request({ areas: [], citywide: false })));

      expect(issues.map((i) => i.path)).toEqual([['areas']]);
    });

    it('refuses a broadcast that names areas and is also city-wide', () => {
      const issues = issuesOf(() => resolveAudience(registry, request({ areas: ['14'], citywide: true })));

      expect(issues.map((i) => i.path)).toEqual([['areas']]);
    });

    it('names the position of an unknown division', () => {
      const issues = issuesOf(() => resolveAudience(registry, request({ areas: ['14', '99', '22'] })));

      expect(issues).toEqual([{ path: ['areas', 1], message: expect.stringContaining('99') }]);
    });

    it('names the position of an unsupported language', () => {
      const issues = issuesOf(() => resolveAudience(registry, request({ languages: ['en', 'fr', 'de'] })));

      expect(issues).toEqual([{ path: ['languages', 2], message: expect.stringContaining('de') }]);
    });

    it('refuses a broadcast with no language', () => {
      const issues = issuesOf(() => resolveAudience(registry, request({ languages: [] })));

      expect(issues.map((i) => i.path)).toEqual([['languages']]);
    });

    it('refuses an unknown category', () => {
      const issues = issuesOf(() => resolveAudience(registry, request({ category: 'alien-landing' })));

      expect(issues).toEqual([{ path: ['category'], message: expect.stringContaining('alien-landing') }]);
    });

    it('reports every problem of the request at once', () => {
      const issues = issuesOf(() =>
        resolveAudience(registry, request({ category: 'nope', areas: ['99'], languages: ['de'] })),
      );

      expect(issues.map((i) => i.path)).toEqual([['category'], ['areas', 0], ['languages', 0]]);
    });

    it('refuses an exercise with no area and no city-wide flag, just like a live broadcast', () => {
      const issues = issuesOf(() =>
        resolveAudience(registry, request({ status: 'Exercise', areas: [], citywide: false })),
      );

      expect(issues.map((i) => i.path)).toEqual([['areas']]);
    });
  });

  describe('a live broadcast to named divisions', () => {
    it('reaches exactly those divisions and the units of the category', () => {
      const { audience } = resolveAudience(
        registry,
        request({ category: 'collision', severity: 'Moderate', areas: ['14', '22'] }),
      );

      expect(sorted(audience.accounts)).toEqual(
        sorted([divisionAccount('14'), divisionAccount('22'), ...unitAccountsOf('collision')]),
      );
      expect(audience.citywide).toBe(false);
      expect(audience.sandbox).toBe(false);
    });

    it('posts nothing on the account of any other division', () => {
      const { audience } = resolveAudience(
        registry,
        request({ category: 'weapons-call', areas: ['14', '22'] }),
      );

      const otherDivisions = registry.divisions.filter((d) => d.id !== '14' && d.id !== '22');
      expect(otherDivisions).toHaveLength(registry.divisions.length - 2);
      for (const division of otherDivisions) {
        expect(audience.accounts).not.toContain(division.accountId);
        expect(audience.topics.some((t) => t.startsWith(`area-${division.id}-`))).toBe(false);
      }
    });

    it('reaches the units of the category and no other unit', () => {
      const { audience } = resolveAudience(
        registry,
        request({ category: 'domestic-violence', areas: ['31'] }),
      );

      const unitAccounts = audience.accounts.filter((a) => accountKind(a) === 'unit');
      expect(sorted(unitAccounts)).toEqual(sorted(unitAccountsOf('domestic-violence')));
    });

    it('has one topic per area and language, and no city-wide topic', () => {
      const { audience } = resolveAudience(
        registry,
        request({ areas: ['14', '22'], languages: ['en', 'fr'] }),
      );

      expect(sorted(audience.topics)).toEqual(
        sorted(['area-14-en', 'area-22-en', 'area-14-fr', 'area-22-fr']),
      );
      expect(audience.topics.some((t) => t.startsWith('citywide-'))).toBe(false);
    });

    it('has topics only in the requested languages', () => {
      const { audience } = resolveAudience(registry, request({ areas: ['14', '22'], languages: ['fr'] }));

      expect(sorted(audience.topics)).toEqual(['area-14-fr', 'area-22-fr']);
    });

    it('deduplicates an area named twice', () => {
      const { audience, targets } = resolveAudience(
        registry,
        request({ category: 'collision', areas: ['14', '14', '22', '14'] }),
      );

      expect(sorted(audience.accounts)).toEqual(
        sorted([divisionAccount('14'), divisionAccount('22'), ...unitAccountsOf('collision')]),
      );
      expect(sorted(audience.topics)).toEqual(
        sorted(['area-14-en', 'area-14-fr', 'area-22-en', 'area-22-fr']),
      );
      expect(new Set(targets.map((t) => `${t.channel}:${t.target}`)).size).toBe(targets.length);
    });

    it('deduplicates a language named twice', () => {
      const { audience } = resolveAudience(registry, request({ areas: ['14'], languages: ['en', 'en'] }));

      expect(audience.topics).toEqual(['area-14-en']);
    });

    it('never reaches a sandbox account or an exercise topic, whatever the category', () => {
      for (const category of categoryIds) {
        for (const citywide of [false, true]) {
          const { audience } = resolveAudience(
            registry,
            request({ category, severity: 'Extreme', citywide, areas: citywide ? [] : ['14'] }),
          );

          for (const account of audience.accounts) expect(sandboxAccountIds).not.toContain(account);
          for (const topic of audience.topics) expect(topic).not.toMatch(/^exercise-/);
        }
      }
    });
  });

  describe('posting on the headquarters account', () => {
    const cases: {
      category: string;
      policy: string;
      severity: CapSeverity;
      citywide: boolean;
      expected: boolean;
    }[] = [
      { category: 'weapons-call', policy: 'always', severity: 'Minor', citywide: false, expected: true },
      { category: 'weapons-call', policy: 'always', severity: 'Extreme', citywide: true, expected: true },
      {
        category: 'missing-person',
        policy: 'citywide-or-extreme',
        severity: 'Severe',
        citywide: false,
        expected: false,
      },
      {
        category: 'missing-person',
        policy: 'citywide-or-extreme',
        severity: 'Extreme',
        citywide: false,
        expected: true,
      },
      {
        category: 'missing-person',
        policy: 'citywide-or-extreme',
        severity: 'Minor',
        citywide: true,
        expected: true,
      },
      {
        category: 'collision',
        policy: 'citywide-only',
        severity: 'Extreme',
        citywide: false,
        expected: false,
      },
      { category: 'collision', policy: 'citywide-only', severity: 'Minor', citywide: true, expected: true },
    ];

    it.each(cases)(
      'with policy $policy ($category), severity $severity and citywide $citywide: $expected',
      ({ category, policy, severity, citywide, expected }) => {
        expect(registry.categories.find((c) => c.id === category)?.headquarters).toBe(policy);

        const { audience } = resolveAudience(
          registry,
          request({ category, severity, citywide, areas: citywide ? [] : ['14'] }),
        );

        expect(audience.accounts.includes(headquarters)).toBe(expected);
      },
    );
  });

  describe('a city-wide broadcast', () => {
    const { audience } = resolveAudience(
      registry,
      request({ category: 'collision', severity: 'Minor', citywide: true, areas: [] }),
    );

    it('reaches every division account', () => {
      for (const division of registry.divisions) expect(audience.accounts).toContain(division.accountId);
    });

    it('reaches exactly the divisions, the units of the category and headquarters', () => {
      expect(sorted(audience.accounts)).toEqual(
        sorted([...registry.divisions.map((d) => d.accountId), ...unitAccountsOf('collision'), headquarters]),
      );
    });

    it('has every area topic and the city-wide topic in each language', () => {
      const expected = LANGUAGES.flatMap((language) => [
        ...registry.divisions.map((d) => `area-${d.id}-${language}`),
        `citywide-${language}`,
      ]);

      expect(sorted(audience.topics)).toEqual(sorted(expected));
      expect(audience.topics).toHaveLength(LANGUAGES.length * (registry.divisions.length + 1));
    });

    it('is marked city-wide', () => {
      expect(audience.citywide).toBe(true);
      expect(audience.sandbox).toBe(false);
    });
  });

  describe('an exercise or test broadcast', () => {
    const statuses: CapStatus[] = ['Exercise', 'Test'];
    const cases = categoryIds.flatMap((category) =>
      statuses.flatMap((status) => [false, true].map((citywide) => ({ category, status, citywide }))),
    );

    it('covers every category of the sample registry', () => {
      expect(cases).toHaveLength(registry.categories.length * 2 * 2);
      expect(registry.categories.length).toBeGreaterThanOrEqual(7);
    });

    it.each(cases)(
      '$status of $category (citywide $citywide) reaches only sandbox accounts and exercise topics',
      ({ category, status, citywide }) => {
        const { audience, targets } = resolveAudience(
          registry,
          request({ category, status, severity: 'Extreme', citywide, areas: citywide ? [] : ['14', '22'] }),
        );

        expect(audience.sandbox).toBe(true);
        expect(audience.accounts.length).toBeGreaterThan(0);
        for (const account of audience.accounts) {
          expect(accountKind(account)).toBe('sandbox');
          expect(liveAccountIds).not.toContain(account);
        }
        expect(audience.topics.length).toBeGreaterThan(0);
        for (const topic of audience.topics)
          expect(topic).toMatch(/^exercise-(area-[a-z0-9-]+|citywide)-(en|fr)$/);
        for (const target of targets) {
          if (target.channel === 'x') expect(accountKind(target.target)).toBe('sandbox');
          else expect(target.target).toMatch(/^exercise-/);
        }
      },
    );

    it('maps each role to the sandbox account of that role', () => {
      const { audience } = resolveAudience(
        registry,
        request({ category: 'weapons-call', status: 'Exercise', areas: ['14', '22'] }),
      );

      expect(sorted(audience.accounts)).toEqual(
        sorted([
          registry.sandbox.accounts.divisions,
          registry.sandbox.accounts.units,
          registry.sandbox.accounts.headquarters,
        ]),
      );
    });

    it('leaves out the sandbox headquarters when the live broadcast would leave out headquarters', () => {
      const { audience } = resolveAudience(
        registry,
        request({ category: 'collision', status: 'Test', severity: 'Extreme', areas: ['14'] }),
      );

      expect(audience.accounts).not.toContain(registry.sandbox.accounts.headquarters);
      expect(sorted(audience.accounts)).toEqual(
        sorted([registry.sandbox.accounts.divisions, registry.sandbox.accounts.units]),
      );
    });

    it('leaves out the sandbox units account for a category without units', () => {
      const withoutUnits: Registry = parseRegistry({
        ...structuredClone(registry),
        categories: registry.categories.map((c) => (c.id === 'collision' ? { ...c, units: [] } : c)),
      });

      const { audience } = resolveAudience(
        withoutUnits,
        request({ category: 'collision', status: 'Exercise', areas: ['14'] }),
      );

      expect(audience.accounts).toEqual([registry.sandbox.accounts.divisions]);
    });

    it('uses the exercise twin of every topic the live broadcast would use', () => {
      const live = resolveAudience(registry, request({ citywide: true, areas: [] }));
      const exercise = resolveAudience(registry, request({ status: 'Exercise', citywide: true, areas: [] }));

      expect(sorted(exercise.audience.topics)).toEqual(
        sorted(live.audience.topics.map((t) => `exercise-${t}`)),
      );
    });

    it('names the exercise topic of an area after the live one', () => {
      const { audience } = resolveAudience(
        registry,
        request({ status: 'Test', areas: ['14'], languages: ['en'] }),
      );

      expect(audience.topics).toEqual(['exercise-area-14-en']);
    });
  });

  describe('listing the targets', () => {
    const variants: { name: string; overrides: Partial<TargetingRequest> }[] = [
      { name: 'live, two divisions', overrides: { category: 'weapons-call', areas: ['14', '22'] } },
      { name: 'live, city-wide', overrides: { category: 'missing-person', citywide: true, areas: [] } },
      { name: 'exercise, two divisions', overrides: { status: 'Exercise', areas: ['14', '22'] } },
      { name: 'test, city-wide', overrides: { status: 'Test', citywide: true, areas: [] } },
    ];

    it.each(variants)(
      'has one X target per account and one SNS target per topic ($name)',
      ({ overrides }) => {
        const { audience, targets } = resolveAudience(registry, request(overrides));

        const xTargets = targets.filter((t) => t.channel === 'x').map((t) => t.target);
        const snsTargets = targets.filter((t) => t.channel === 'sns').map((t) => t.target);
        expect(xTargets).toEqual(audience.accounts);
        expect(snsTargets).toEqual(audience.topics);
        expect(targets).toHaveLength(audience.accounts.length + audience.topics.length);
      },
    );

    it.each(variants)('gives each SNS target the language of its topic ($name)', ({ overrides }) => {
      const { targets } = resolveAudience(registry, request(overrides));

      const snsTargets = targets.filter((t) => t.channel === 'sns');
      expect(snsTargets.length).toBeGreaterThan(0);
      for (const target of snsTargets) {
        expect(target.language).toBeDefined();
        expect(target.target.endsWith(`-${target.language}`)).toBe(true);
      }
    });

    it('gives no language to X targets', () => {
      const { targets } = resolveAudience(registry, request());

      for (const target of targets.filter((t) => t.channel === 'x')) expect(target.language).toBeUndefined();
    });
  });
});

describe('the delivery-time check of an exercise or test target (D35)', () => {
  const exercise = { content: { status: 'Exercise' as CapStatus }, audience: { sandbox: true } };
  const everyPlan = categoryIds.flatMap((category) =>
    (['Actual', 'Exercise', 'Test'] as CapStatus[]).flatMap((status) =>
      [false, true].map((citywide) =>
        resolveAudience(
          registry,
          request({ category, status, severity: 'Extreme', citywide, areas: citywide ? [] : ['14', '22'] }),
        ),
      ),
    ),
  );

  it('passes every target the planner gives an exercise or test, and none it gives a live broadcast', () => {
    for (const { audience, targets } of everyPlan) {
      expect(targets.length).toBeGreaterThan(0);
      for (const target of targets) expect(isSandboxTarget(registry, target)).toBe(audience.sandbox);
    }
  });

  it('refuses an exercise or test whose target is a live account or a live topic, naming it', () => {
    expect(sandboxRefusal(registry, exercise, { channel: 'x', target: 'div-14' })).toBe(
      'refused at delivery: Exercise broadcasts reach only sandbox accounts and exercise topics, and X account div-14 is neither',
    );
    const test = { content: { status: 'Test' as CapStatus }, audience: { sandbox: true } };
    expect(sandboxRefusal(registry, test, { channel: 'sns', target: 'area-14-en', language: 'en' })).toMatch(
      /Test broadcasts .* SNS topic area-14-en is neither$/,
    );
  });

  it('refuses an exercise to a name that only looks like a sandbox (a sandbox account id as a topic)', () => {
    expect(sandboxRefusal(registry, exercise, { channel: 'sns', target: 'sandbox-divisions' })).toBeDefined();
    expect(sandboxRefusal(registry, exercise, { channel: 'x', target: 'exercise-area-14-en' })).toBeDefined();
  });

  it('refuses when either the status or the audience says exercise', () => {
    const marked = { content: { status: 'Actual' as CapStatus }, audience: { sandbox: true } };
    expect(sandboxRefusal(registry, marked, { channel: 'x', target: 'hq' })).toBeDefined();
  });

  it('lets an exercise reach its sandbox accounts and exercise topics, and a live broadcast its live ones', () => {
    expect(sandboxRefusal(registry, exercise, { channel: 'x', target: 'sandbox-hq' })).toBeUndefined();
    expect(
      sandboxRefusal(registry, exercise, { channel: 'sns', target: 'exercise-citywide-fr' }),
    ).toBeUndefined();
    const live = { content: { status: 'Actual' as CapStatus }, audience: { sandbox: false } };
    expect(sandboxRefusal(registry, live, { channel: 'x', target: 'div-14' })).toBeUndefined();
  });
});
