import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PageKey, pageContract, splitRouteKey } from '../../shared/http/contract.js';
import { FormClient } from '../support/form-client.js';
import { type Herald, startHerald } from '../support/herald.js';
import { formOf } from '../support/html.js';
import { expectPageHeaders, lastCode, registryWith } from '../support/subscription-pages.js';
import { FUZZ_TEST_TIMEOUT_MS, fuzzParameters } from './settings.js';

/**
 * The public pages of the route contract (`pageContract`), fuzzed over HTTP as contract-fuzz does
 * for the JSON API: every page is asked for with real and broken path parameters, and every form
 * is posted, with a valid anti-forgery token, any mix of its own fields, unknown ones and odd
 * values. A page answers with a page and a documented status; never a 5xx.
 */

let herald: Herald;
/** Real values for the path parameters, so that most requests reach the use cases. */
const real: Record<string, string[]> = { lang: ['fr'], id: [], token: [] };

beforeAll(async () => {
  herald = await startHerald({
    registryFile: registryWith({ perClientPerHour: 100_000, perAddressPerHour: 100_000 }),
    threads: false,
    quiet: true,
  });
  for (const phone of ['+14165550181', '+14165550182']) {
    const signed = await herald.call('POST', '/subscriptions', {
      body: { channel: 'sms', address: phone, areas: ['14'], language: 'en' },
    });
    real.id?.push(signed.body.subscription.id);
  }
  const confirmed = await herald.call('POST', `/subscriptions/${real.id?.[0]}/confirm`, {
    body: { code: lastCode(herald, '+14165550181') },
  });
  real.token?.push(confirmed.body.manageToken);
}, 60_000);
afterAll(() => herald?.stop());

const keys = Object.keys(pageContract) as PageKey[];
const FIELD_NAMES = ['channel', 'phone', 'email', 'areas', 'language', 'code', 'csrf', '__proto__', 'status'];
const odd = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    'sms',
    'email',
    'citywide',
    '14',
    '51',
    'fr',
    'en',
    '+14165550183',
    'a@example.org',
    '123456',
  ),
  fc.constantFrom('%', '\u0000', '<script>', '../..', ' '.repeat(300), 'x'.repeat(1200)),
);
const fields = fc.array(
  fc.tuple(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 12 })), odd),
  {
    maxLength: 8,
  },
);

/** The route's path with each parameter a real value or something else. */
const pathOf = (key: PageKey) =>
  fc
    .record({
      lang: fc.constantFrom(...(real.lang ?? []), 'en', 'de', 'FR'),
      id: fc.oneof(fc.constantFrom(...(real.id ?? [])), fc.string({ minLength: 1, maxLength: 30 })),
      token: fc.oneof(fc.constantFrom(...(real.token ?? [])), fc.string({ minLength: 1, maxLength: 50 })),
    })
    .map((values) =>
      splitRouteKey(key).path.replace(/\{(\w+)\}/g, (_, name: 'lang' | 'id' | 'token') =>
        encodeURIComponent(values[name]),
      ),
    );

describe('a public page', () => {
  it.each(keys.filter((key) => key.startsWith('GET ')))(
    '%s answers 200 or 404 with a page, never a 5xx',
    async (key) => {
      await fc.assert(
        fc.asyncProperty(pathOf(key), async (path) => {
          const page = await new FormClient(herald.url).get(path);
          expect([200, 404], `GET ${path}: ${page.status}`).toContain(page.status);
          expectPageHeaders(page);
        }),
        fuzzParameters(),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it.each(keys.filter((key) => key.startsWith('POST ')))(
    '%s takes any form with a valid token and answers with a page or a redirect, never a 5xx',
    async (key) => {
      await fc.assert(
        fc.asyncProperty(pathOf(key), fields, async (path, sent) => {
          const browser = new FormClient(herald.url);
          // Any form of the site gives the browser its cookie and a token good for every form.
          const { csrf } = formOf((await browser.get('/subscribe')).html, 'sign-up');
          const answer = await browser.post(path, [
            ['csrf', csrf],
            ...sent.filter(([name]) => name !== 'csrf'),
          ]);
          const exchange = `POST ${path} ${JSON.stringify(sent).slice(0, 300)}: ${answer.status}`;
          expect([303, 400, 404, 409, 410, 413, 422, 429], exchange).toContain(answer.status);
          expectPageHeaders(answer);
        }),
        fuzzParameters(),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
