import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as snsWorker } from '../../../functions/sns-worker/handler.js';
import { handler as xWorker } from '../../../functions/x-worker/handler.js';
import { installContext } from '../../../shared/runtime/context.js';
import { WARM_UP_HOLD_MS } from '../../../shared/runtime/queue-worker.js';
import { lambdaContext } from '../../fixtures/events.js';
import { startTestTable, type TestTable } from '../../support/dynamo.js';
import { plannedBroadcast, type TestContext, testContext } from './app-context.js';

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => table.close());

let app: TestContext;
let broadcastId: string;
beforeEach(async () => {
  app = await testContext(table);
  installContext(app);
  ({
    broadcast: { id: broadcastId },
  } = await plannedBroadcast(app));
});

/** A warm-up arrives as the invocation's whole event, not as an SQS record (D40). */
const warmUp = (fields: Record<string, unknown>) => fields as unknown as SQSEvent;

describe('a delivery worker invoked with a warm-up', () => {
  it('prepares the named X account, posts nothing and holds its environment a moment', async () => {
    const started = Date.now();
    const result = await xWorker(
      warmUp({ heraldWarmUp: { broadcastId, accountId: 'div-14' } }),
      lambdaContext('herald-x-worker'),
    );

    expect(result).toEqual({ batchItemFailures: [] });
    expect(app.poster.prepared).toEqual(['div-14']);
    expect(app.poster.posts).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(WARM_UP_HOLD_MS - 5);
    expect(app.lines.find((line) => line.message.startsWith('warmed'))).toMatchObject({ broadcastId });
  });

  it('prepares the SNS client and publishes nothing', async () => {
    await snsWorker(warmUp({ heraldWarmUp: { broadcastId } }), lambdaContext('herald-sns-worker'));

    expect(app.publisher.prepared).toBe(1);
    expect(app.publisher.messages).toEqual([]);
  });

  it('touches no delivery of the broadcast: the ledger is as planning left it', async () => {
    const before = await app.ledger.listForBroadcast(broadcastId);
    await xWorker(
      warmUp({ heraldWarmUp: { broadcastId, accountId: 'div-14' } }),
      lambdaContext('herald-x-worker'),
    );

    expect(await app.ledger.listForBroadcast(broadcastId)).toEqual(before);
  });

  it('logs a preparation that failed as a warning and still ends normally', async () => {
    app.poster.prepare = async () => {
      throw new Error('no X credentials are stored for account div-14');
    };
    const result = await xWorker(
      warmUp({ heraldWarmUp: { broadcastId, accountId: 'div-14' } }),
      lambdaContext('herald-x-worker'),
    );

    expect(result).toEqual({ batchItemFailures: [] });
    expect(app.lines.find((line) => line.level === 'warn')).toMatchObject({
      broadcastId,
      error: 'no X credentials are stored for account div-14',
    });
  });

  it('refuses a warm-up with a field it does not know', async () => {
    await expect(
      xWorker(
        warmUp({ heraldWarmUp: { broadcastId, accountId: 'div-14', text: 'post this' } }),
        lambdaContext('herald-x-worker'),
      ),
    ).rejects.toThrow();
    expect(app.poster.prepared).toEqual([]);
  });
});
