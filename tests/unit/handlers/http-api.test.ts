import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as broadcastsApi } from '../../../functions/api-broadcasts/handler.js';
import { handler as metaApi } from '../../../functions/api-meta/handler.js';
import { installContext } from '../../../shared/runtime/context.js';
import { httpEvent, lambdaContext, staffClaims } from '../../fixtures/events.js';
import { startTestTable, type TestTable } from '../../support/dynamo.js';
import { plannedBroadcast, type TestContext, testContext } from './app-context.js';

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => table.close());

let app: TestContext;

beforeEach(async () => {
  app = await testContext(table);
  installContext(app);
});

afterEach(() => {
  vi.restoreAllMocks();
});

const comms = staffClaims('comms.cleo', ['comms']);
const inspector = staffClaims('inspector.ada', ['inspector', 'comms']);
const BROADCAST_ID = 'bc_0000000000aaaaaaaaaaaaaaaa';

function bodyOf(response: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(response.body ?? '');
}

describe('the meta API', () => {
  it('answers GET /health with 200 and no token', async () => {
    const response = await metaApi(httpEvent({ routeKey: 'GET /health' }), lambdaContext('api-meta'));

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toEqual({ status: 'ok' });
    expect(response.headers?.['content-type']).toMatch(/^application\/json/);
  });

  it('serves the registry to a comms officer, with the facts of every category', async () => {
    const event = httpEvent({ routeKey: 'GET /registry', claims: comms });

    const response = await metaApi(event, lambdaContext('api-meta'));

    expect(event.requestContext.authorizer.jwt.claims['cognito:groups']).toBe('[comms]');
    expect(response.statusCode).toBe(200);
    const body = bodyOf(response);
    expect(body.categories.length).toBe(app.registry.categories.length);
    for (const category of body.categories) {
      expect(category.facts.length).toBeGreaterThan(0);
      for (const fact of category.facts) {
        expect(fact).toEqual(
          expect.objectContaining({ name: expect.any(String), required: expect.any(Boolean) }),
        );
        expect(fact.example).toBeDefined();
      }
    }
  });

  it('refuses the registry with 401 when the request carries no token', async () => {
    const response = await metaApi(httpEvent({ routeKey: 'GET /registry' }), lambdaContext('api-meta'));

    expect(response.statusCode).toBe(401);
    expect(bodyOf(response).message).toMatch(/token/);
  });

  it('refuses the registry with 403 to a token in no staff group', async () => {
    const event = httpEvent({ routeKey: 'GET /registry', claims: staffClaims('visitor', ['guests']) });

    const response = await metaApi(event, lambdaContext('api-meta'));

    expect(response.statusCode).toBe(403);
  });

  it('answers 404 for a route key the function does not serve', async () => {
    const event = httpEvent({ routeKey: 'GET /incidents', claims: comms });

    const response = await metaApi(event, lambdaContext('api-meta'));

    expect(response.statusCode).toBe(404);
    expect(bodyOf(response).message).toContain('GET /incidents');
  });
});

describe('the broadcasts API', () => {
  it('returns a stored broadcast with its delivery summary', async () => {
    await plannedBroadcast(app);
    const event = httpEvent({
      routeKey: 'GET /broadcasts/{id}',
      pathParameters: { id: BROADCAST_ID },
      claims: comms,
    });

    const response = await broadcastsApi(event, lambdaContext('api-broadcasts'));

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response).broadcast).toMatchObject({ id: BROADCAST_ID, status: 'DISPATCHING' });
  });

  it('answers 404 for a broadcast that does not exist', async () => {
    const event = httpEvent({
      routeKey: 'GET /broadcasts/{id}',
      pathParameters: { id: BROADCAST_ID },
      claims: comms,
    });

    const response = await broadcastsApi(event, lambdaContext('api-broadcasts'));

    expect(response.statusCode).toBe(404);
  });

  it('hides an unexpected error behind a 500 and logs it', async () => {
    vi.spyOn(app.broadcasts, 'get').mockRejectedValue(new Error('secret internals'));
    const event = httpEvent({
      routeKey: 'GET /broadcasts/{id}',
      pathParameters: { id: BROADCAST_ID },
      claims: comms,
    });

    const response = await broadcastsApi(event, lambdaContext('api-broadcasts'));

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret internals');
    expect(bodyOf(response)).toEqual({
      message: 'Internal Server Error',
      requestId: event.requestContext.requestId,
    });
    expect(app.lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        error: 'secret internals',
        requestId: event.requestContext.requestId,
      }),
    );
  });

  it('answers 422 with the path of each invalid path parameter', async () => {
    const event = httpEvent({
      routeKey: 'GET /broadcasts/{id}',
      pathParameters: { id: 'not-a-broadcast-id' },
      claims: comms,
    });

    const response = await broadcastsApi(event, lambdaContext('api-broadcasts'));

    expect(response.statusCode).toBe(422);
    expect(bodyOf(response).issues).toContainEqual(expect.objectContaining({ path: ['id'] }));
  });

  it('answers 422 with the path of each invalid or unknown body field', async () => {
    const event = httpEvent({
      routeKey: 'POST /broadcasts/{id}/approve',
      pathParameters: { id: BROADCAST_ID },
      body: { contentHash: 'sha256:nope', approvedBy: 'someone.else' },
      claims: inspector,
    });

    const response = await broadcastsApi(event, lambdaContext('api-broadcasts'));

    expect(response.statusCode).toBe(422);
    const issues: { path: (string | number)[]; message: string }[] = bodyOf(response).issues;
    expect(issues.map((issue) => issue.path)).toContainEqual(['contentHash']);
    expect(issues.every((issue) => typeof issue.message === 'string')).toBe(true);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const event = httpEvent({
      routeKey: 'POST /broadcasts/{id}/reject',
      pathParameters: { id: BROADCAST_ID },
      body: '{"reason": ',
      headers: { 'Content-Type': 'application/json' },
      claims: inspector,
    });

    const response = await broadcastsApi(event, lambdaContext('api-broadcasts'));

    expect(response.statusCode).toBe(400);
  });

  it('answers 415 to a body that is not sent as JSON', async () => {
    const event = httpEvent({
      routeKey: 'POST /broadcasts/{id}/reject',
      pathParameters: { id: BROADCAST_ID },
      body: 'reason=wrong',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      claims: inspector,
    });

    const response = await broadcastsApi(event, lambdaContext('api-broadcasts'));

    expect(response.statusCode).toBe(415);
  });
});
