import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors.js';
import type { Incident } from '../../../shared/domain/incident.js';
import {
  checkIncidentFilters,
  hasIncidentFilters,
  matchesIncidentFilters,
} from '../../../shared/domain/incident-filters.js';
import { registry } from '../../support/memory-engine.js';

function incident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'inc_0000000000aaaaaaaaaaaaaaaa',
    category: 'weapons-call',
    status: 'Actual',
    severity: 'Severe',
    urgency: 'Immediate',
    certainty: 'Observed',
    areas: ['14', '51'],
    citywide: false,
    languages: ['en'],
    facts: {},
    expiresAt: '2026-11-22T16:00:00.000Z',
    createdAt: '2026-11-22T10:00:00.000Z',
    createdBy: 'inspector.ada',
    state: 'OPEN',
    ...overrides,
  };
}

describe('matching an incident against history filters', () => {
  it('matches every incident when no filter is given', () => {
    expect(matchesIncidentFilters(incident({ state: 'CLOSED', status: 'Test' }), {})).toBe(true);
    expect(hasIncidentFilters({})).toBe(false);
  });

  it('matches the state asked for only', () => {
    expect(matchesIncidentFilters(incident(), { state: 'OPEN' })).toBe(true);
    expect(matchesIncidentFilters(incident(), { state: 'CLOSED' })).toBe(false);
  });

  it('matches the category asked for only', () => {
    expect(matchesIncidentFilters(incident(), { category: 'weapons-call' })).toBe(true);
    expect(matchesIncidentFilters(incident(), { category: 'collision' })).toBe(false);
  });

  it('matches a division among its areas, and no other', () => {
    expect(matchesIncidentFilters(incident(), { division: '51' })).toBe(true);
    expect(matchesIncidentFilters(incident(), { division: '22' })).toBe(false);
  });

  it('matches a city-wide incident for any division', () => {
    const citywide = incident({ areas: [], citywide: true });

    expect(matchesIncidentFilters(citywide, { division: '22' })).toBe(true);
  });

  it('counts only Actual as live', () => {
    expect(matchesIncidentFilters(incident(), { mode: 'live' })).toBe(true);
    expect(matchesIncidentFilters(incident({ status: 'Exercise' }), { mode: 'live' })).toBe(false);
    expect(matchesIncidentFilters(incident({ status: 'Test' }), { mode: 'live' })).toBe(false);
  });

  it('counts Exercise and Test as exercise', () => {
    expect(matchesIncidentFilters(incident({ status: 'Exercise' }), { mode: 'exercise' })).toBe(true);
    expect(matchesIncidentFilters(incident({ status: 'Test' }), { mode: 'exercise' })).toBe(true);
    expect(matchesIncidentFilters(incident(), { mode: 'exercise' })).toBe(false);
  });

  it('needs every filter given to match', () => {
    const filters = { state: 'OPEN', category: 'weapons-call', division: '14', mode: 'live' } as const;

    expect(matchesIncidentFilters(incident(), filters)).toBe(true);
    expect(matchesIncidentFilters(incident({ state: 'CLOSED' }), filters)).toBe(false);
    expect(hasIncidentFilters(filters)).toBe(true);
  });
});

describe('checking history filters against the registry', () => {
  function issuesOf(search: Parameters<typeof checkIncidentFilters>[1]) {
    try {
      checkIncidentFilters(registry, search);
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).issues;
    }
  }

  it('accepts known names and a page size from 1 to 100', () => {
    expect(issuesOf({ limit: 1, category: 'collision', division: '14' })).toEqual([]);
    expect(issuesOf({ limit: 100 })).toEqual([]);
  });

  it('refuses an unknown category, listing the categories', () => {
    const [issue] = issuesOf({ limit: 25, category: 'parade' });

    expect(issue?.path).toEqual(['category']);
    expect(issue?.message).toBe(
      `unknown category parade; the categories are ${registry.categories.map((c) => c.id).join(', ')}`,
    );
  });

  it('says which division id was meant when a division is named', () => {
    expect(issuesOf({ limit: 25, division: '14 Division' })).toEqual([
      {
        path: ['division'],
        message: 'unknown division 14 Division: divisions are given by id; did you mean 14?',
      },
    ]);
  });

  it.each([0, 101, 2.5])('refuses a page size of %s', (limit) => {
    expect(issuesOf({ limit }).map((i) => i.path)).toEqual([['limit']]);
  });

  it('reports every bad field at once', () => {
    expect(issuesOf({ limit: 0, category: 'parade', division: '99' }).map((i) => i.path)).toEqual([
      ['limit'],
      ['category'],
      ['division'],
    ]);
  });
});
