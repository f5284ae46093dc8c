import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoXPostBudget } from '../../../shared/adapters/dynamo/x-budget.js';
import { startTestTable, type TestTable } from '../../support/dynamo.js';

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => table.close());

const now = new Date('2026-11-22T12:30:00.000Z');

describe('the X app budget on DynamoDB', () => {
  it('grants posts up to the limit and then refuses with the time a post frees up', async () => {
    const budget = new DynamoXPostBudget(table.db, await table.freshTable(), 3);
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => budget.reserve(1, now)));
    expect(results.filter((r) => r.granted)).toHaveLength(3);
    const refused = results.find((r) => !r.granted);
    expect(refused).toEqual({ granted: false, retryAt: Date.parse('2026-11-23T12:00:00.000Z') });
    expect((await budget.usage(now)).hours).toEqual([
      { start: Date.parse('2026-11-22T12:00:00.000Z'), used: 3 },
    ]);
  });

  it('counts the posts of the last 24 hours across workers and forgets older ones', async () => {
    const tableName = await table.freshTable();
    const yesterday = new Date(now.getTime() - 23 * 3_600_000);
    await new DynamoXPostBudget(table.db, tableName, 10).reserve(4, yesterday);
    const otherWorker = new DynamoXPostBudget(table.db, tableName, 10);
    expect(await otherWorker.reserve(6, now)).toEqual({ granted: true, usedPercent: 100 });
    expect((await otherWorker.reserve(1, now)).granted).toBe(false);
    const dayLater = new Date(now.getTime() + 2 * 3_600_000);
    expect(await otherWorker.reserve(1, dayLater)).toMatchObject({ granted: true });
  });
});
