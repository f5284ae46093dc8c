import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, REGION, TABLE_NAME } from '../../infra/local/local-context.js';
import { keys } from '../../shared/adapters/dynamo/keys.js';
import type { AppContext } from '../../shared/runtime/context.js';
import { postsOf, publishesOf } from '../support/delivered.js';
import { type Herald, startHerald } from '../support/herald.js';

/**
 * The approval's database condition (`contentHash = :hash`, shared/adapters/dynamo) on its own:
 * the stored content changes between the approval's read, where the policy compares the approver's
 * hash with the one it read and finds them equal, and its conditional write. Only the database
 * condition can then refuse, so this is the test that fails without it.
 */

const CHANGED_HASH = 'sha256:changed-after-the-approver-read-it';

let herald: Herald;
/** Set per test: the broadcast whose stored hash changes just before its approval is written. */
let changeBeforeApproval: string | undefined;

/** Writes straight to the local table, as another writer would: the repository has no such write. */
async function changeStoredHash(broadcastId: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint: herald.runtime.config.dynamoEndpoint,
    region: REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    await DynamoDBDocumentClient.from(client).send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: keys.broadcast(broadcastId),
        UpdateExpression: 'SET contentHash = :changed',
        ExpressionAttributeValues: { ':changed': CHANGED_HASH },
      }),
    );
  } finally {
    client.destroy();
  }
}

/** The runtime's ports, with the broadcasts' `approve` changing the stored hash first when asked. */
function changingHashBeforeApproval(context: AppContext): AppContext {
  const inner = context.broadcasts;
  const broadcasts: AppContext['broadcasts'] = Object.assign(Object.create(inner), {
    approve: async (...args: Parameters<typeof inner.approve>) => {
      if (args[0] === changeBeforeApproval) await changeStoredHash(args[0]);
      return inner.approve(...args);
    },
  });
  return { ...context, broadcasts };
}

beforeAll(async () => {
  herald = await startHerald({ wrapContext: changingHashBeforeApproval });
}, 60_000);
afterAll(async () => herald?.stop());

describe('approving content whose stored hash changed after the approver read it', () => {
  it('is refused by the database condition with a 409, and nothing is planned or sent', async () => {
    const filed = await herald.fileIncident();
    expect(filed.status).toBe(201);
    const { broadcast } = filed.body;
    changeBeforeApproval = broadcast.id;

    const approved = await herald.call('POST', `/broadcasts/${broadcast.id}/approve`, {
      user: 'inspector.ben',
      body: { contentHash: broadcast.contentHash },
    });
    await herald.settled();

    expect(approved.status).toBe(409);
    expect(approved.body.message).toBe('the content changed since it was previewed');
    const view = await herald.call('GET', `/broadcasts/${broadcast.id}`, { user: 'comms.chloe' });
    expect(view.body.broadcast).toMatchObject({ status: 'PENDING_APPROVAL', contentHash: CHANGED_HASH });
    expect(view.body.broadcast.audit.map((entry: { to: string }) => entry.to)).toEqual(['PENDING_APPROVAL']);
    const deliveries = await herald.call('GET', `/broadcasts/${broadcast.id}/deliveries`, {
      user: 'comms.chloe',
    });
    expect(deliveries.body).toEqual([]);
    expect(postsOf(herald, broadcast.preview.link)).toEqual([]);
    expect(publishesOf(herald, broadcast.preview.link)).toEqual([]);
  });

  it('approves the same way when the stored hash is left alone (the wrapper changes nothing else)', async () => {
    changeBeforeApproval = undefined;
    const { body } = await herald.fileIncident();

    const approved = await herald.call('POST', `/broadcasts/${body.broadcast.id}/approve`, {
      user: 'inspector.ben',
      body: { contentHash: body.broadcast.contentHash },
    });
    await herald.settled();

    expect(approved.status).toBe(200);
    expect(postsOf(herald, body.broadcast.preview.link).length).toBeGreaterThan(0);
  });
});
