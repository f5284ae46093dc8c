import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoIncidentRepository } from '../../../shared/adapters/dynamo/incident-repository.js';
import type { Incident } from '../../../shared/domain/incident.js';
import { searchIncidents } from '../../../shared/use-cases/search-incidents.js';
import { startTestTable, type TestTable } from '../../support/dynamo.js';
import { commsChloe, registry } from '../../support/memory-engine.js';

/** Incident history over the DynamoDB adapter on dynalite: cursors that start after any incident. */

let table: TestTable;
let repository: DynamoIncidentRepository;

beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => table.close());
beforeEach(async () => {
  repository = new DynamoIncidentRepository(table.db, await table.freshTable());
});

const T0 = Date.parse('2026-11-01T00:00:00.000Z');

function incident(n: number, overrides: Partial<Incident> = {}): Incident {
  return {
    id: `inc_${String(n).padStart(26, '0')}`,
    category: 'weapons-call',
    status: n % 2 === 0 ? 'Exercise' : 'Actual',
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

async function store(count: number) {
  for (let n = 1; n <= count; n++) {
    const item = incident(n);
    await repository.create(item, { at: item.createdAt, actor: item.createdBy, from: null, to: 'OPEN' });
  }
}

const idsOf = (items: { id: string }[]) => items.map((i) => i.id);

describe('incident pages on DynamoDB', () => {
  it('start right after the incident a cursor was made from', async () => {
    await store(6);

    const page = await repository.list({ limit: 3, cursor: repository.cursorAfter(incident(5)) });

    expect(idsOf(page.items)).toEqual([incident(4).id, incident(3).id, incident(2).id]);
  });

  it('give the same next page from cursorAfter of a page’s last incident as from its own cursor', async () => {
    await store(6);
    const first = await repository.list({ limit: 2 });

    const byOwn = await repository.list({ limit: 2, cursor: first.cursor });
    const byAfter = await repository.list({ limit: 2, cursor: repository.cursorAfter(first.items[1]!) });

    expect(byAfter).toEqual(byOwn);
  });

  it('carry a search that stops mid-page on to every later match, once each', async () => {
    await store(9);
    const deps = { incidents: repository, registry };
    const found: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchIncidents(deps, commsChloe, { mode: 'live', limit: 2, cursor });
      found.push(...idsOf(page.items));
      cursor = page.cursor;
    } while (cursor);

    expect(found).toEqual([9, 7, 5, 3, 1].map((n) => incident(n).id));
  });
});
