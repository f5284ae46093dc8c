import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoIncidentRepository } from '../../../shared/adapters/dynamo/incident-repository.js';
import type { AuditEntry } from '../../../shared/domain/broadcast.js';
import type { Incident } from '../../../shared/domain/incident.js';
import { startTestTable, type TestTable } from '../../support/dynamo.js';

/** An incident's own audit trail, read back through the port from dynalite. */

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => table.close());

const incident: Incident = {
  id: 'inc_0000000000aaaaaaaaaaaaaaaa',
  category: 'weapons-call',
  status: 'Actual',
  severity: 'Severe',
  urgency: 'Immediate',
  certainty: 'Observed',
  areas: ['14'],
  citywide: false,
  languages: ['en'],
  facts: { location: 'Main St' },
  expiresAt: '2026-11-22T16:00:00.000Z',
  createdAt: '2026-11-22T10:00:00.000Z',
  createdBy: 'inspector.ada',
  state: 'OPEN',
};

const opened: AuditEntry = { at: incident.createdAt, actor: 'inspector.ada', from: null, to: 'OPEN' };
const closed: AuditEntry = {
  at: '2026-11-22T11:00:00.000Z',
  actor: 'comms.cleo',
  from: 'OPEN',
  to: 'CLOSED',
  reason: 'all-clear',
};

describe("an incident's history through the repository", () => {
  it('comes back from get and list with every entry its changes wrote', async () => {
    const repository = new DynamoIncidentRepository(table.db, await table.freshTable());
    await repository.create(incident, opened);
    await repository.close(incident.id, closed);
    await repository.close(incident.id, { ...closed, at: '2026-11-22T12:00:00.000Z' });

    const read = await repository.get(incident.id);
    const { items } = await repository.list({ limit: 10 });

    expect(read).toEqual({ ...incident, state: 'CLOSED', history: [opened, closed] });
    expect(items).toEqual([read]);
  });
});
