import { describe, expect, it } from 'vitest';
import { ForbiddenError, ValidationError } from '../../../shared/domain/errors.js';
import type { Incident } from '../../../shared/domain/incident.js';
import type { IncidentFilters } from '../../../shared/domain/incident-filters.js';
import { listIncidents } from '../../../shared/use-cases/read-models.js';
import { SEARCH_SCAN_CAP, searchIncidents } from '../../../shared/use-cases/search-incidents.js';
import { adminDev, commsChloe, registry } from '../../support/memory-engine.js';
import { MemoryIncidentRepository } from '../../support/memory-repositories.js';

const T0 = Date.parse('2026-11-01T00:00:00.000Z');

/** Incident number n, filed n minutes after T0 (so a higher n is newer). */
function incident(n: number, overrides: Partial<Incident> = {}): Incident {
  return {
    id: `inc_${String(n).padStart(26, '0')}`,
    category: 'weapons-call',
    status: 'Actual',
    severity: 'Severe',
    urgency: 'Immediate',
    certainty: 'Observed',
    areas: ['14'],
    citywide: false,
    languages: ['en'],
    facts: {},
    expiresAt: new Date(T0 + n * 60_000 + 3600_000).toISOString(),
    createdAt: new Date(T0 + n * 60_000).toISOString(),
    createdBy: 'inspector.ada',
    state: 'OPEN',
    ...overrides,
  };
}

async function history(incidents: Incident[]) {
  const repository = new MemoryIncidentRepository();
  for (const item of incidents) {
    await repository.create(item, { at: item.createdAt, actor: item.createdBy, from: null, to: 'OPEN' });
  }
  return { incidents: repository, registry };
}

/** Every match, following the cursors to the end; the pages' sizes on the side. */
async function everyPage(deps: Awaited<ReturnType<typeof history>>, filters: IncidentFilters, limit: number) {
  const found: string[] = [];
  const sizes: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await searchIncidents(deps, commsChloe, { ...filters, limit, cursor });
    found.push(...page.items.map((i) => i.id));
    sizes.push(page.items.length);
    cursor = page.cursor;
  } while (cursor);
  return { found, sizes };
}

/** Every third incident of 1..30 is in 51 Division; the others in 14. */
const mixed = () =>
  Array.from({ length: 30 }, (_, i) => incident(i + 1, i % 3 === 0 ? { areas: ['51'] } : {}));

describe('searching incident history', () => {
  it('returns the matches newest first, as many as asked', async () => {
    const deps = await history(mixed());

    const page = await searchIncidents(deps, commsChloe, { division: '51', limit: 3 });

    expect(page.items.map((i) => i.id)).toEqual([incident(28).id, incident(25).id, incident(22).id]);
    expect(page.cursor).toBeDefined();
  });

  it('continues from its cursor with nothing skipped or repeated, though pages stop mid-page', async () => {
    const deps = await history(mixed());
    const expected = mixed()
      .filter((i) => i.areas.includes('51'))
      .reverse()
      .map((i) => i.id);

    const { found, sizes } = await everyPage(deps, { division: '51' }, 3);

    expect(found).toEqual(expected);
    expect(sizes.slice(0, -1).every((size) => size === 3)).toBe(true);
  });

  it('ends without a cursor when the last match is the last incident', async () => {
    const deps = await history([incident(1, { areas: ['51'] }), incident(2)]);

    const page = await searchIncidents(deps, commsChloe, { division: '51', limit: 1 });

    expect(page.items.map((i) => i.id)).toEqual([incident(1).id]);
    expect(page.cursor).toBeUndefined();
  });

  it('counts city-wide incidents in every division', async () => {
    const deps = await history([incident(1, { areas: [], citywide: true }), incident(2)]);

    const page = await searchIncidents(deps, commsChloe, { division: '51', limit: 10 });

    expect(page.items.map((i) => i.id)).toEqual([incident(1).id]);
  });

  it('combines state, category and mode', async () => {
    const deps = await history([
      incident(1, { state: 'CLOSED', category: 'collision' }),
      incident(2, { state: 'CLOSED', category: 'collision', status: 'Exercise' }),
      incident(3, { category: 'collision' }),
      incident(4, { state: 'CLOSED' }),
    ]);

    const live = await searchIncidents(deps, commsChloe, {
      state: 'CLOSED',
      category: 'collision',
      mode: 'live',
      limit: 10,
    });
    const exercise = await searchIncidents(deps, commsChloe, { mode: 'exercise', limit: 10 });

    expect(live.items.map((i) => i.id)).toEqual([incident(1).id]);
    expect(exercise.items.map((i) => i.id)).toEqual([incident(2).id]);
  });

  it(`stops after reading ${SEARCH_SCAN_CAP} incidents and gives a cursor to read on`, async () => {
    const count = SEARCH_SCAN_CAP + 20;
    const deps = await history(
      Array.from({ length: count }, (_, i) => incident(i + 1, i === 0 ? { category: 'collision' } : {})),
    );

    const first = await searchIncidents(deps, commsChloe, { category: 'collision', limit: 5 });
    const second = await searchIncidents(deps, commsChloe, {
      category: 'collision',
      limit: 5,
      cursor: first.cursor,
    });

    expect(first).toMatchObject({ items: [], scanned: SEARCH_SCAN_CAP });
    expect(first.cursor).toBeDefined();
    expect(second.items.map((i) => i.id)).toEqual([incident(1).id]);
    expect(second.scanned).toBe(20);
    expect(second.cursor).toBeUndefined();
  });

  it('without filters answers exactly as the plain list, cursor included', async () => {
    const deps = await history(mixed());

    const searched = await searchIncidents(deps, commsChloe, { limit: 7 });
    const listed = await listIncidents(deps, commsChloe, { limit: 7 });

    expect({ items: searched.items, cursor: searched.cursor }).toEqual(listed);
    expect(searched.scanned).toBe(7);
  });

  it('refuses an unknown category with 422-style issues naming the categories', async () => {
    const deps = await history(mixed());

    const search = searchIncidents(deps, commsChloe, { category: 'parade', limit: 10 });

    await expect(search).rejects.toBeInstanceOf(ValidationError);
    await expect(search).rejects.toMatchObject({
      issues: [{ path: ['category'], message: expect.stringContaining('the categories are weapons-call') }],
    });
  });

  it('is open to every staff role and refuses anyone else', async () => {
    const deps = await history(mixed());

    await expect(searchIncidents(deps, adminDev, { limit: 1 })).resolves.toMatchObject({ scanned: 1 });
    await expect(searchIncidents(deps, { id: 'visitor', roles: [] }, { limit: 1 })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});
