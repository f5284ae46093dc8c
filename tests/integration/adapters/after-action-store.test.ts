import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAfterActionStore } from '../../../shared/adapters/dynamo/after-action-store.js';
import { DynamoIncidentRepository } from '../../../shared/adapters/dynamo/incident-repository.js';
import type { AuditEntry } from '../../../shared/domain/audit.js';
import { ConflictError } from '../../../shared/domain/errors.js';
import type { AfterActionStore } from '../../../shared/ports/after-action.js';
import { startTestTable, type TestTable } from '../../support/dynamo.js';
import { MemoryAfterActionStore } from '../../support/memory-after-action.js';
import { INCIDENT } from '../../unit/workspace/report-fixtures.js';

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => table.close());

const audit = (actor: string, at: string): AuditEntry => ({ at, actor, from: null, to: 'revision 1' });
const notes = (strengths: string) => ({
  incidentId: INCIDENT.id,
  strengths,
  improvements: 'Name the street twice.',
  actions: [{ what: 'Add a street check', owner: 'Comms lead', due: '2027-01-15' }],
});

const implementations: [string, () => Promise<AfterActionStore>][] = [
  ['DynamoDB (dynalite)', async () => new DynamoAfterActionStore(table.db, await table.freshTable())],
  ['memory (the use-case tests’ fake)', async () => new MemoryAfterActionStore()],
];

describe.each(implementations)('the after-action store on %s', (_name, store) => {
  it('has nothing for an incident nobody wrote about', async () => {
    expect(await (await store()).get(INCIDENT.id)).toBeUndefined();
  });

  it('creates revision 1, then updates only at the revision read, appending to its history', async () => {
    const s = await store();
    const first = await s.save(0, notes('One'), audit('comms.chloe', '2026-11-23T09:00:00.000Z'));
    const second = await s.save(1, notes('Two'), audit('comms.dan', '2026-11-23T10:00:00.000Z'));

    expect(first.revision).toBe(1);
    expect(second).toMatchObject({ revision: 2, strengths: 'Two', updatedBy: 'comms.dan' });
    expect(await s.get(INCIDENT.id)).toEqual(second);
    expect(second.history.map((h) => h.actor)).toEqual(['comms.chloe', 'comms.dan']);
  });

  it('lets exactly one of two saves from the same revision win', async () => {
    const s = await store();
    await s.save(0, notes('Base'), audit('comms.chloe', '2026-11-23T09:00:00.000Z'));

    const results = await Promise.allSettled([
      s.save(1, notes('Mine'), audit('comms.chloe', '2026-11-23T09:01:00.000Z')),
      s.save(1, notes('Theirs'), audit('comms.dan', '2026-11-23T09:01:00.000Z')),
    ]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected');
    expect(lost?.status === 'rejected' && lost.reason).toBeInstanceOf(ConflictError);
    expect((await s.get(INCIDENT.id))?.revision).toBe(2);
  });

  it('refuses a second first save: revision 0 only while nothing is stored', async () => {
    const s = await store();
    await s.save(0, notes('First'), audit('comms.chloe', '2026-11-23T09:00:00.000Z'));

    await expect(s.save(0, notes('Second'), audit('comms.dan', '2026-11-23T09:00:01.000Z'))).rejects.toThrow(
      ConflictError,
    );
    expect((await s.get(INCIDENT.id))?.strengths).toBe('First');
  });
});

describe('the findings item beside its incident', () => {
  it('leaves the incident as it was: read, listed and closed the same', async () => {
    const name = await table.freshTable();
    const incidents = new DynamoIncidentRepository(table.db, name);
    const { history, ...incident } = INCIDENT;
    await incidents.create(incident, history[0] as AuditEntry);
    await new DynamoAfterActionStore(table.db, name).save(
      0,
      notes('x'),
      audit('comms.chloe', '2026-11-23T09:00:00.000Z'),
    );

    expect(await incidents.get(INCIDENT.id)).toEqual(INCIDENT);
    expect((await incidents.list({ limit: 10 })).items.map((i) => i.id)).toEqual([INCIDENT.id]);
  });
});
