import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HttpRoute } from '../../../functions/manifest-types.js';
import { createDevAuth, type DevAuth } from '../../../infra/local/dev-auth.js';
import {
  type DevRoute,
  type HttpHandler,
  type RunningHttpServer,
  startHttpServer,
} from '../../../infra/local/http-server.js';
import { definition, recordingLogger } from './support.js';

describe('the local HTTP API', () => {
  let auth: DevAuth;
  let server: RunningHttpServer | undefined;
  let logger: ReturnType<typeof recordingLogger>;

  beforeAll(async () => {
    auth = await createDevAuth({
      users: [{ id: 'duty.both', name: 'Duty Officer', groups: ['inspector', 'comms'] }],
    });
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** Serves one function on the given routes; the handler answers 200 `{}` unless given. */
  async function serve(routes: HttpRoute[], handler?: HttpHandler, devRoutes: DevRoute[] = []) {
    logger = recordingLogger();
    const spy = vi.fn(handler ?? (async () => ({ statusCode: 200, body: '{}' })));
    server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      functions: [{ definition: definition('fn', { kind: 'http', routes }, 6), handler: spy }],
      auth,
      devRoutes,
      maxBodyBytes: 1024,
      logger,
    });
    return { url: server.url, handler: spy };
  }

  const eventOf = (handler: ReturnType<typeof vi.fn>): APIGatewayProxyEventV2WithJWTAuthorizer =>
    handler.mock.calls[0]?.[0];

  it('builds the payload 2.0 event the way API Gateway does', async () => {
    const { url, handler } = await serve([{ method: 'GET', path: '/alerts/{id}', auth: 'public' }]);

    await fetch(`${url}/alerts/flood%20warning?lang=en&lang=cy&q=a%20b`, {
      headers: { 'X-Trace': 'abc', Cookie: 'a=1; b=2' },
    });

    const event = eventOf(handler);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /alerts/{id}',
      rawPath: '/alerts/flood%20warning',
      rawQueryString: 'lang=en&lang=cy&q=a%20b',
      queryStringParameters: { lang: 'en,cy', q: 'a b' },
      pathParameters: { id: 'flood warning' },
      cookies: ['a=1', 'b=2'],
      isBase64Encoded: false,
      requestContext: {
        routeKey: 'GET /alerts/{id}',
        stage: '$default',
        http: { method: 'GET', path: '/alerts/flood%20warning', sourceIp: '127.0.0.1' },
      },
    });
    expect(event.headers['x-trace']).toBe('abc');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.body).toBeUndefined();
    expect(event.requestContext.authorizer).toBeUndefined();
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
  });

  it('passes the body as text and writes the structured result back', async () => {
    const { url, handler } = await serve(
      [{ method: 'POST', path: '/subscriptions', auth: 'public' }],
      async () => ({
        statusCode: 201,
        headers: { 'content-type': 'application/json', 'x-count': 2 },
        cookies: ['s=1; HttpOnly', 't=2'],
        body: '{"ok":true}',
      }),
    );

    const response = await fetch(`${url}/subscriptions`, { method: 'POST', body: '{"phone":"+44"}' });

    expect(eventOf(handler).body).toBe('{"phone":"+44"}');
    expect(response.status).toBe(201);
    expect(response.headers.get('x-count')).toBe('2');
    expect(response.headers.getSetCookie()).toEqual(['s=1; HttpOnly', 't=2']);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('answers a result without a status code as a 200 JSON body', async () => {
    const { url } = await serve([{ method: 'GET', path: '/feed', auth: 'public' }], async () => 'hello');

    const response = await fetch(`${url}/feed`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toBe('hello');
  });

  it('gives the handler a Lambda context counting down from the function timeout', async () => {
    let context: Context | undefined;
    const { url } = await serve([{ method: 'GET', path: '/feed', auth: 'public' }], async (_event, ctx) => {
      context = ctx;
      return { statusCode: 204 };
    });

    await fetch(`${url}/feed`);

    expect(context?.functionName).toBe('fn');
    expect(context?.getRemainingTimeInMillis()).toBeGreaterThan(0);
    expect(context?.getRemainingTimeInMillis()).toBeLessThanOrEqual(6000);
  });

  it('prefers a literal route segment over a path parameter', async () => {
    const { url, handler } = await serve([
      { method: 'GET', path: '/broadcasts/{id}', auth: 'public' },
      { method: 'GET', path: '/broadcasts/drafts', auth: 'public' },
    ]);

    await fetch(`${url}/broadcasts/drafts`);

    expect(eventOf(handler).routeKey).toBe('GET /broadcasts/drafts');
  });

  describe('on a staff route', () => {
    const routes: HttpRoute[] = [{ method: 'POST', path: '/broadcasts/{id}/approve', auth: 'staff' }];

    it('answers 401 without calling the handler when there is no token', async () => {
      const { url, handler } = await serve(routes);

      const response = await fetch(`${url}/broadcasts/b1/approve`, { method: 'POST' });

      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        message: expect.stringMatching(/^Unauthorized: /),
        reason: 'missing',
      });
      expect(handler).not.toHaveBeenCalled();
    });

    it('answers 401 without calling the handler when the token is not ours', async () => {
      const { url, handler } = await serve(routes);
      const foreign = await (await createDevAuth()).issueToken('inspector.ada');

      for (const token of ['garbage', foreign]) {
        const response = await fetch(`${url}/broadcasts/b1/approve`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        });
        expect(response.status).toBe(401);
      }
      expect(handler).not.toHaveBeenCalled();
    });

    it('hands the handler the claims as strings, groups flattened as the JWT authorizer does', async () => {
      const { url, handler } = await serve(routes);
      const token = await auth.issueToken('duty.both');

      const response = await fetch(`${url}/broadcasts/b1/approve`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });

      expect(response.status).toBe(200);
      const { authorizer } = eventOf(handler).requestContext;
      expect(authorizer.jwt.claims).toMatchObject({
        sub: 'duty.both',
        'cognito:groups': '[inspector comms]',
        token_use: 'id',
      });
      expect(typeof authorizer.jwt.claims.exp).toBe('string');
      expect(authorizer.jwt.scopes).toBeNull();
    });
  });

  it('answers 413 to an oversized body without calling the handler', async () => {
    const { url, handler } = await serve([{ method: 'POST', path: '/subscriptions', auth: 'public' }]);

    const response = await fetch(`${url}/subscriptions`, { method: 'POST', body: 'x'.repeat(1025) });

    expect(response.status).toBe(413);
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers 413 to an oversized chunked body it stops reading', async () => {
    const { url, handler } = await serve([{ method: 'POST', path: '/subscriptions', auth: 'public' }]);
    const chunk = new TextEncoder().encode('x'.repeat(600));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(chunk);
        controller.enqueue(chunk);
        controller.close();
      },
    });

    const response = await fetch(`${url}/subscriptions`, {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit);

    expect(response.status).toBe(413);
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers 404 for an unknown path and for a known path with another method', async () => {
    const { url, handler } = await serve([{ method: 'GET', path: '/alerts', auth: 'public' }]);

    const unknown = await fetch(`${url}/nowhere`);
    const wrongMethod = await fetch(`${url}/alerts`, { method: 'DELETE' });

    expect([unknown.status, wrongMethod.status]).toEqual([404, 404]);
    expect(await unknown.json()).toEqual({ message: 'Not Found' });
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers 500 without the error message when the handler throws, and logs it', async () => {
    const { url } = await serve([{ method: 'GET', path: '/alerts', auth: 'public' }], async () => {
      throw new Error('table herald-secret-table unreachable');
    });

    const response = await fetch(`${url}/alerts`);

    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ message: 'Internal Server Error' });
    expect(text).not.toContain('secret');
    expect(logger.error).toHaveBeenCalled();
  });

  it('answers 500 when the handler returns a malformed structured result', async () => {
    const { url } = await serve([{ method: 'GET', path: '/alerts', auth: 'public' }], async () => ({
      statusCode: 'ok',
    }));

    const response = await fetch(`${url}/alerts`);

    expect(response.status).toBe(500);
  });

  describe('dev routes', () => {
    const devRoute: DevRoute = {
      method: 'POST',
      path: '/dev/queues/{name}/drain',
      handle: async ({ body, params, query }) => ({ status: 202, body: { body, params, query } }),
    };

    it('serves them without auth, with the body parsed as JSON', async () => {
      const { url, handler } = await serve(
        [{ method: 'POST', path: '/{proxy+}', auth: 'staff' }],
        undefined,
        [devRoute],
      );

      const response = await fetch(`${url}/dev/queues/x-deliveries/drain?wait=1`, {
        method: 'POST',
        body: '{"force":true}',
      });

      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({
        body: { force: true },
        params: { name: 'x-deliveries' },
        query: { wait: '1' },
      });
      expect(handler).not.toHaveBeenCalled();
    });

    it('answers 400 to a body that is not JSON', async () => {
      const { url } = await serve([], undefined, [devRoute]);

      const response = await fetch(`${url}/dev/queues/x/drain`, { method: 'POST', body: '{nope' });

      expect(response.status).toBe(400);
    });
  });

  it('closes promptly even with a keep-alive connection open', async () => {
    const { url } = await serve([{ method: 'GET', path: '/alerts', auth: 'public' }]);
    await (await fetch(`${url}/alerts`, { headers: { connection: 'keep-alive' } })).text();

    const started = Date.now();
    await server?.close();
    server = undefined;

    expect(Date.now() - started).toBeLessThan(1000);
    await expect(fetch(`${url}/alerts`)).rejects.toThrow();
  });
});
