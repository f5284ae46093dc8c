import { describe, expect, it, vi } from 'vitest';
import { httpApi, json, route } from '../../../shared/http/http-api.js';
import { FollowUpBody, ListQuery } from '../../../shared/http/schemas.js';
import { createLogger } from '../../../shared/runtime/logger.js';
import { httpEvent, lambdaContext } from '../../fixtures/events.js';

/**
 * How a route reads its input before any schema sees it: a `__proto__` key must arrive as an own
 * key (so it is refused, not applied to a prototype), bytes that are not UTF-8 are refused instead
 * of reaching an alert as U+FFFD, and a query parameter named `__proto__` is refused even when the
 * event's parameters lost it.
 */

function api() {
  const handle = vi.fn(async () => json(201, { ok: true }));
  const routes = {
    'POST /incidents/{id}/follow-ups': route({ auth: 'public', summary: 'test', body: FollowUpBody }, handle),
    'GET /incidents': route({ auth: 'public', summary: 'test', query: ListQuery }, handle),
  };
  const handler = httpApi(routes, async () => createLogger(() => {}));
  const call = async (event: ReturnType<typeof httpEvent>) => {
    const response = await handler(event, lambdaContext('api-incidents'));
    return { status: response.statusCode, body: JSON.parse(response.body ?? '{}'), handle };
  };
  return { call, handle };
}

const jsonEvent = (body: string, extra: { isBase64Encoded?: boolean } = {}) => ({
  ...httpEvent({
    routeKey: 'POST /incidents/{id}/follow-ups',
    body,
    headers: { 'content-type': 'application/json' },
  }),
  ...extra,
});

describe('a JSON request body', () => {
  it('keeps a "__proto__" key as its own, so the schema refuses it at its path (422)', async () => {
    const { call, handle } = api();

    const response = await call(jsonEvent('{"kind":"update","facts":{"__proto__":{"polluted":"yes"}}}'));

    expect(response.status).toBe(422);
    expect(response.body.issues).toContainEqual({
      path: ['facts', '__proto__'],
      message: 'the key __proto__ is not allowed',
    });
    expect(handle).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a top-level "__proto__" key like any unknown field (422)', async () => {
    const { call, handle } = api();

    const response = await call(jsonEvent('{"kind":"update","__proto__":{"kind":"cancel"}}'));

    expect(response.status).toBe(422);
    expect(response.body.issues).toContainEqual({ path: [], message: expect.stringMatching(/__proto__/) });
    expect(handle).not.toHaveBeenCalled();
  });

  it('refuses a base64 body whose bytes are not UTF-8 with 400', async () => {
    const { call, handle } = api();
    const bytes = Buffer.concat([
      Buffer.from('{"kind":"update","note":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);

    const response = await call(jsonEvent(bytes.toString('base64'), { isBase64Encoded: true }));

    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/not valid UTF-8/);
    expect(handle).not.toHaveBeenCalled();
  });

  it('refuses a text body carrying U+FFFD, where a decoder replaced bytes that were not UTF-8, with 400', async () => {
    const { call, handle } = api();

    const response = await call(jsonEvent('{"kind":"update","note":"Suspect \uFFFD fled"}'));

    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/not valid UTF-8/);
    expect(handle).not.toHaveBeenCalled();
  });

  it('accepts a base64 body that is UTF-8, accents included', async () => {
    const { call, handle } = api();
    const body = Buffer.from('{"kind":"update","note":"Le suspect a fui à pied."}').toString('base64');

    const response = await call(jsonEvent(body, { isBase64Encoded: true }));

    expect(response.status).toBe(201);
    expect(handle).toHaveBeenCalledWith(
      expect.objectContaining({ body: { kind: 'update', note: 'Le suspect a fui à pied.' } }),
    );
  });
});

describe('a query', () => {
  // An event whose parameters were built by assignment has lost `__proto__`; the raw query has not.
  const queryEvent = (rawQueryString: string, parameters: Record<string, string>) => ({
    ...httpEvent({ routeKey: 'GET /incidents', queryStringParameters: parameters }),
    rawQueryString,
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'with a parameter named %s is refused with 422 at that name, even when the parameters lost it',
    async (name) => {
      const { call, handle } = api();

      const response = await call(queryEvent(`limit=5&${name}=1`, { limit: '5' }));

      expect(response.status).toBe(422);
      expect(response.body.issues).toEqual([
        { path: [name], message: `the query parameter ${name} is not allowed` },
      ]);
      expect(handle).not.toHaveBeenCalled();
    },
  );

  it('with ordinary parameters reaches the handler, parsed', async () => {
    const { call, handle } = api();

    const response = await call(queryEvent('limit=5', { limit: '5' }));

    expect(response.status).toBe(201);
    expect(handle).toHaveBeenCalledWith(expect.objectContaining({ query: { limit: 5 } }));
  });
});
