import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import type { HttpRoute } from '../../../functions/manifest-types.js';
import { createDevAuth, type DevAuth } from '../../../infra/local/dev-auth.js';
import type { DevRoute } from '../../../infra/local/dev-routes.js';
import { eventOf, localHttpApi } from './http-support.js';

describe('the local HTTP API', () => {
  const api = localHttpApi();

  it('gives the handler a Lambda context counting down from the function timeout', async () => {
    let context: Context | undefined;
    const { url } = await api.serve(
      [{ method: 'GET', path: '/feed', auth: 'public' }],
      async (_event, ctx) => {
        context = ctx;
        return { statusCode: 204 };
      },
    );

    await fetch(`${url}/feed`);

    expect(context?.functionName).toBe('fn');
    expect(context?.getRemainingTimeInMillis()).toBeGreaterThan(0);
    expect(context?.getRemainingTimeInMillis()).toBeLessThanOrEqual(6000);
  });

  describe('on a staff route', () => {
    const routes: HttpRoute[] = [{ method: 'POST', path: '/broadcasts/{id}/approve', auth: 'staff' }];

    it('answers 401 without calling the handler when there is no token', async () => {
      const { url, handler } = await api.serve(routes);

      const response = await fetch(`${url}/broadcasts/b1/approve`, { method: 'POST' });

      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        message: expect.stringMatching(/^Unauthorized: /),
        reason: 'missing',
      });
      expect(handler).not.toHaveBeenCalled();
    });

    it('answers 401 without calling the handler when the token is not ours', async () => {
      const { url, handler } = await api.serve(routes);
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
      const { url, handler } = await api.serve(routes);
      const token = await api.token();

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
    const { url, handler } = await api.serve([{ method: 'POST', path: '/subscriptions', auth: 'public' }]);

    const response = await fetch(`${url}/subscriptions`, { method: 'POST', body: 'x'.repeat(1025) });

    expect(response.status).toBe(413);
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers 413 to an oversized chunked body it stops reading', async () => {
    const { url, handler } = await api.serve([{ method: 'POST', path: '/subscriptions', auth: 'public' }]);
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
    const { url, handler } = await api.serve([{ method: 'GET', path: '/alerts', auth: 'public' }]);

    const unknown = await fetch(`${url}/nowhere`);
    const wrongMethod = await fetch(`${url}/alerts`, { method: 'DELETE' });

    expect([unknown.status, wrongMethod.status]).toEqual([404, 404]);
    expect(await unknown.json()).toEqual({ message: 'Not Found' });
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers 500 without the error message when the handler throws, and logs it', async () => {
    const { url, logger } = await api.serve(
      [{ method: 'GET', path: '/alerts', auth: 'public' }],
      async () => {
        throw new Error('table herald-secret-table unreachable');
      },
    );

    const response = await fetch(`${url}/alerts`);

    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ message: 'Internal Server Error' });
    expect(text).not.toContain('secret');
    expect(logger.error).toHaveBeenCalled();
  });

  it('logs each request by its route key and status, never its path, which can carry a token', async () => {
    const { url, logger } = await api.serve([
      { method: 'GET', path: '/subscriptions/manage/{token}', auth: 'public' },
    ]);

    await fetch(`${url}/subscriptions/manage/tok-12345-secret`);
    await fetch(`${url}/nowhere/tok-12345-secret`);
    // The line is written when the response has been handed over, a moment after the client has it.
    await vi.waitFor(() => expect(logger.info).toHaveBeenCalledTimes(2));

    expect(logger.info.mock.calls.map(([line]) => line)).toEqual([
      'GET /subscriptions/manage/{token} 200',
      'GET (no route) 404',
    ]);
    expect(JSON.stringify(logger.info.mock.calls)).not.toContain('tok-12345');
  });

  it('logs a failure of the server itself by route key, without the path', async () => {
    const broken: DevAuth = {
      ...(await createDevAuth()),
      verifyToken: async () => {
        throw new Error('the signing key is unreadable');
      },
    };
    const { url, handler, logger } = await api.serve(
      [{ method: 'POST', path: '/subscriptions/manage/{token}', auth: 'staff' }],
      undefined,
      { auth: broken },
    );

    const response = await fetch(`${url}/subscriptions/manage/tok-12345-secret`, {
      method: 'POST',
      headers: { authorization: 'Bearer abc.def.ghi' },
    });

    expect(response.status).toBe(500);
    expect(handler).not.toHaveBeenCalled();
    expect(logger.error).toHaveBeenCalledWith('Local HTTP server failed on a request', {
      routeKey: 'POST /subscriptions/manage/{token}',
      error: expect.objectContaining({ message: 'the signing key is unreadable' }),
    });
    expect(JSON.stringify(logger.error.mock.calls)).not.toContain('tok-12345');
  });

  describe('dev routes', () => {
    const devRoute: DevRoute = {
      method: 'POST',
      path: '/dev/queues/{name}/drain',
      handle: async ({ body, params, query }) => ({ status: 202, body: { body, params, query } }),
    };

    it('serves them without auth, with the body parsed as JSON', async () => {
      const { url, handler } = await api.serve(
        [{ method: 'POST', path: '/{proxy+}', auth: 'staff' }],
        undefined,
        { devRoutes: [devRoute] },
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
      const { url } = await api.serve([], undefined, { devRoutes: [devRoute] });

      const response = await fetch(`${url}/dev/queues/x/drain`, { method: 'POST', body: '{nope' });

      expect(response.status).toBe(400);
    });
  });

  it('closes promptly even with a keep-alive connection open', async () => {
    const { url } = await api.serve([{ method: 'GET', path: '/alerts', auth: 'public' }]);
    await (await fetch(`${url}/alerts`, { headers: { connection: 'keep-alive' } })).text();

    const started = Date.now();
    await api.close();

    expect(Date.now() - started).toBeLessThan(1000);
    await expect(fetch(`${url}/alerts`)).rejects.toThrow();
  });
});
