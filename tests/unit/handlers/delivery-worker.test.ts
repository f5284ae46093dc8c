import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as snsWorker } from '../../../functions/sns-worker/handler.js';
import { handler as xWorker } from '../../../functions/x-worker/handler.js';
import type { DeliveryJob } from '../../../shared/domain/broadcast.js';
import { installContext } from '../../../shared/runtime/context.js';
import { lambdaContext, sqsEvent } from '../../fixtures/events.js';
import { startTestTable, type TestTable } from '../../support/dynamo.js';
import { plannedBroadcast, type TestContext, testContext } from './app-context.js';

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => table.close());

let app: TestContext;
let xJob: DeliveryJob;
let snsJob: DeliveryJob;

beforeEach(async () => {
  app = await testContext(table);
  installContext(app);
  const { jobs } = await plannedBroadcast(app);
  xJob = jobs.find((job) => job.channel === 'x')!;
  snsJob = jobs.find((job) => job.channel === 'sns')!;
});

/** Bodies the x-worker must refuse, each with a marker that must never reach a log line. */
const malformed = [
  { kind: 'a body that is not JSON', body: () => 'PRIVATE-BODY-7a1 is not json' },
  { kind: 'a job with an unknown field', body: () => ({ ...xJob, note: 'PRIVATE-BODY-7a1' }) },
  {
    kind: 'an SNS job on the X queue',
    body: () => ({ ...snsJob, target: 'PRIVATE-BODY-7a1' }),
  },
];

describe('the X delivery worker', () => {
  it('delivers a valid X job and reports no failure', async () => {
    const event = sqsEvent([xJob]);

    const result = await xWorker(event, lambdaContext('herald-x-worker'));

    expect(result.batchItemFailures).toEqual([]);
    expect(app.poster.postsOf('div-14')).toHaveLength(1);
    expect((await app.ledger.get(xJob))?.status).toBe('SENT');
  });

  it('records the function name as the actor of the delivery', async () => {
    await xWorker(sqsEvent([xJob]), lambdaContext('herald-x-worker'));

    const delivery = await app.ledger.get(xJob);
    expect(delivery?.history.map((entry) => entry.actor)).toContain('worker:herald-x-worker');
  });

  it.each(malformed)(
    'reports $kind by its messageId and still delivers the valid record',
    async ({ body }) => {
      const event = sqsEvent([xJob, body()]);
      const [valid, bad] = event.Records;

      const result = await xWorker(event, lambdaContext('herald-x-worker'));

      expect(result.batchItemFailures).toEqual([{ itemIdentifier: bad!.messageId }]);
      expect(result.batchItemFailures).not.toContainEqual({ itemIdentifier: valid!.messageId });
      expect(app.poster.postsOf('div-14')).toHaveLength(1);
      expect(app.publisher.messages).toEqual([]);
    },
  );

  it('reports every malformed record of a mixed batch and only those', async () => {
    const event = sqsEvent([malformed[0]!.body(), xJob, malformed[1]!.body(), malformed[2]!.body()]);
    const ids = event.Records.map((record) => record.messageId);

    const result = await xWorker(event, lambdaContext('herald-x-worker'));

    const reported = result.batchItemFailures.map((failure) => failure.itemIdentifier);
    expect(reported.sort()).toEqual([ids[0], ids[2], ids[3]].sort());
    expect((await app.ledger.get(xJob))?.status).toBe('SENT');
  });

  it.each(malformed)('logs $kind with its messageId and without its body', async ({ body }) => {
    const event = sqsEvent([body()]);
    const record = event.Records[0]!;

    await xWorker(event, lambdaContext('herald-x-worker'));

    const failures = app.lines.filter((line) => line.level === 'error');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ messageId: record.messageId });
    expect(JSON.stringify(failures[0])).not.toContain('PRIVATE');
  });
});

describe('what the X delivery worker hands the delivery', () => {
  it('reads a broadcast once for all of its jobs, however many accounts it reaches', async () => {
    const accounts = ['div-11', 'div-12', 'div-13'];
    const { broadcast, jobs } = await plannedBroadcast(app, {
      id: 'bc_0000000000threeaccounts000',
      targets: accounts.map((target) => ({ channel: 'x' as const, target })),
    });
    const reads: string[] = [];
    const broadcasts = app.broadcasts;
    installContext({
      ...app,
      broadcasts: Object.assign(Object.create(broadcasts), {
        get: (id: string) => {
          reads.push(id);
          return broadcasts.get(id);
        },
      }),
    });

    const result = await xWorker(sqsEvent(jobs), lambdaContext('herald-x-worker'));

    expect(result.batchItemFailures).toEqual([]);
    expect(accounts.map((account) => app.poster.postsOf(account).length)).toEqual([1, 1, 1]);
    expect(reads).toEqual([broadcast.id]);
  });

  it("claims nothing when the invocation's remaining time is too short to send, and reports the record", async () => {
    const event = sqsEvent([xJob]);
    const ending = { ...lambdaContext('herald-x-worker'), getRemainingTimeInMillis: () => 1_000 };

    const result = await xWorker(event, ending);

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0]!.messageId }]);
    expect(await app.ledger.get(xJob)).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(app.poster.posts).toEqual([]);
  });
});

describe('the SNS delivery worker', () => {
  it('publishes a valid SNS job and refuses an X job sent to its queue', async () => {
    const event = sqsEvent([snsJob, xJob], { queue: 'herald-sns-deliveries' });

    const result = await snsWorker(event, lambdaContext('herald-sns-worker'));

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: event.Records[1]!.messageId }]);
    expect(app.publisher.messages.map((message) => message.topic)).toEqual(['area-14-en']);
    expect(app.poster.posts).toEqual([]);
  });
});
