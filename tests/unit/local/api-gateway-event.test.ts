import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { formatRequestTime } from '../../../infra/local/api-gateway-event.js';
import { eventOf, localHttpApi } from './http-support.js';

describe('the payload 2.0 event of the local HTTP API', () => {
  const api = localHttpApi();

  it('is built the way API Gateway builds it', async () => {
    const { url, handler } = await api.serve([{ method: 'GET', path: '/alerts/{id}', auth: 'public' }]);

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

  it('keeps query parameters named __proto__ and constructor as they came, so a strict schema refuses them', async () => {
    // On AWS the event is parsed JSON, where these are ordinary keys. Assigned to an object one by
    // one, `__proto__` would be lost and `constructor` would be joined to Object's own.
    const strictQuery = z.strictObject({ lang: z.string() });
    const { url, handler } = await api.serve(
      [{ method: 'GET', path: '/alerts', auth: 'public' }],
      async (e) =>
        strictQuery.safeParse(e.queryStringParameters).success ? { statusCode: 200 } : { statusCode: 422 },
    );

    const statuses: number[] = [];
    for (const query of ['lang=en&__proto__=x', 'lang=en&constructor=y&constructor=z', 'lang=en']) {
      statuses.push((await fetch(`${url}/alerts?${query}`)).status);
    }

    const [withProto, withConstructor] = handler.mock.calls.map(
      ([event]) => event.queryStringParameters ?? {},
    );
    expect(Object.getPrototypeOf(withProto)).toBe(Object.prototype);
    expect(Object.entries(withProto ?? {})).toEqual([
      ['lang', 'en'],
      ['__proto__', 'x'],
    ]);
    expect(Object.entries(withConstructor ?? {})).toEqual([
      ['lang', 'en'],
      ['constructor', 'y,z'],
    ]);
    expect(statuses).toEqual([422, 422, 200]);
  });

  it('carries the body as text, and the structured result is written back', async () => {
    const { url, handler } = await api.serve(
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

  it('takes a result without a status code as a 200 JSON body', async () => {
    const { url } = await api.serve([{ method: 'GET', path: '/feed', auth: 'public' }], async () => 'hello');

    const response = await fetch(`${url}/feed`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toBe('hello');
  });

  it('answers 500 to a malformed structured result, and logs it', async () => {
    const { url, logger } = await api.serve(
      [{ method: 'GET', path: '/alerts', auth: 'public' }],
      async () => ({
        statusCode: 'ok',
      }),
    );

    const response = await fetch(`${url}/alerts`);

    expect(response.status).toBe(500);
    expect(response.headers.get('apigw-requestid')).toBeTruthy();
    expect(logger.error).toHaveBeenCalledWith('HTTP handler returned a malformed response', {
      function: 'fn',
      routeKey: 'GET /alerts',
    });
  });

  it("writes requestContext.time in API Gateway's format", () => {
    expect(formatRequestTime(new Date('2020-03-12T19:03:58.123Z'))).toBe('12/Mar/2020:19:03:58 +0000');
  });
});
