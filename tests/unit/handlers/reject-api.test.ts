import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as broadcastsApi } from '../../../functions/api-broadcasts/handler.js';
import type { Broadcast } from '../../../shared/domain/broadcast.js';
import { installContext } from '../../../shared/runtime/context.js';
import { approvedBroadcast } from '../../fixtures/broadcast.js';
import { httpEvent, lambdaContext, staffClaims } from '../../fixtures/events.js';
import { startTestTable, type TestTable } from '../../support/dynamo.js';
import { type TestContext, testContext } from './app-context.js';

/** `POST /broadcasts/{id}/reject` turning a draft down, or returning it to its author for edit. */

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => table.close());

let app: TestContext;
let pending: Broadcast;
beforeEach(async () => {
  app = await testContext(table);
  installContext(app);
  const { approval: _approval, ...draft } = approvedBroadcast({ authorId: 'inspector.ada' });
  pending = { ...draft, status: 'PENDING_APPROVAL' };
  await app.broadcasts.create(pending);
});

const comms = staffClaims('comms.cleo', ['comms']);
const author = staffClaims('inspector.ada', ['inspector']);
const REASON = 'Name the nearest cross street, not the block.';

async function reject(body: unknown, claims = comms): Promise<APIGatewayProxyStructuredResultV2> {
  const event = httpEvent({
    routeKey: 'POST /broadcasts/{id}/reject',
    pathParameters: { id: pending.id },
    body,
    claims,
  });
  return broadcastsApi(event, lambdaContext('api-broadcasts'));
}

async function view(): Promise<any> {
  const event = httpEvent({
    routeKey: 'GET /broadcasts/{id}',
    pathParameters: { id: pending.id },
    claims: comms,
  });
  return JSON.parse((await broadcastsApi(event, lambdaContext('api-broadcasts'))).body ?? '').broadcast;
}

const bodyOf = (response: APIGatewayProxyStructuredResultV2): any => JSON.parse(response.body ?? '');

describe('returning a broadcast for edit through the API', () => {
  it('answers 200 with the rejection and its audit entry marked returned', async () => {
    const response = await reject({ reason: REASON, returnForEdit: true });

    expect(response.statusCode).toBe(200);
    const broadcast = bodyOf(response).broadcast;
    expect(broadcast.status).toBe('REJECTED');
    expect(broadcast.rejection).toMatchObject({ by: 'comms.cleo', reason: REASON, returned: true });
    expect(broadcast.audit.at(-1)).toMatchObject({ to: 'REJECTED', reason: REASON, returned: true });
    expect((await view()).rejection.returned).toBe(true);
    expect(await app.broadcasts.listAwaitingApproval()).toEqual([]);
  });

  it('rejects as before when returnForEdit is left out', async () => {
    const response = await reject({ reason: REASON });

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response).broadcast.rejection).not.toHaveProperty('returned');
    expect(bodyOf(response).broadcast.audit.at(-1)).not.toHaveProperty('returned');
  });

  it('still needs a reason', async () => {
    const response = await reject({ returnForEdit: true });

    expect(response.statusCode).toBe(422);
    expect(bodyOf(response).issues.map((i: { path: string[] }) => i.path)).toEqual([['reason']]);
    expect((await view()).status).toBe('PENDING_APPROVAL');
  });

  it('answers 422 at returnForEdit for a value that is not a boolean', async () => {
    const response = await reject({ reason: REASON, returnForEdit: 'yes' });

    expect(response.statusCode).toBe(422);
    expect(bodyOf(response).issues.map((i: { path: string[] }) => i.path)).toEqual([['returnForEdit']]);
  });

  it('lets the author withdraw, and answers 422 when the author asks to return it', async () => {
    const returning = await reject({ reason: REASON, returnForEdit: true }, author);
    const withdrawing = await reject({ reason: 'filed twice' }, author);

    expect(returning.statusCode).toBe(422);
    expect(bodyOf(returning).issues.map((i: { path: string[] }) => i.path)).toEqual([['returnForEdit']]);
    expect(withdrawing.statusCode).toBe(200);
    expect(bodyOf(withdrawing).broadcast.rejection.by).toBe('inspector.ada');
  });
});
