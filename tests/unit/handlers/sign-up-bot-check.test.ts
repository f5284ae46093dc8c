import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/api-subscriptions/handler.js';
import { HONEYPOT_FIELD } from '../../../shared/domain/sign-up-protection.js';
import { installContext } from '../../../shared/runtime/context.js';
import { httpEvent, lambdaContext } from '../../fixtures/events.js';
import { startTestTable, type TestTable } from '../../support/dynamo.js';
import { byId, formOf } from '../../support/html.js';
import { type TestContext, testContext } from './app-context.js';

/**
 * The sign-up form's no-JavaScript bot check (docs/architecture.md D34), through the function's
 * handler on the test clock: the form must come back no sooner than the registry's
 * `minFillSeconds` (3 in the sample) after it was served, with the hidden field empty.
 */

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => table.close());

let context: TestContext;
beforeEach(async () => {
  context = await testContext(table);
  installContext(context);
});

type Result = { statusCode?: number; body?: string; cookies?: string[]; headers?: Record<string, unknown> };
const call = async (event: ReturnType<typeof httpEvent>) =>
  (await handler(event, lambdaContext('herald-api-subscriptions'))) as Result;

/** The form as a browser gets it: its token and the cookie set with it. */
async function openForm() {
  const page = await call(httpEvent({ routeKey: 'GET /subscribe' }));
  const cookie = (page.cookies?.[0] ?? '').split(';')[0] as string;
  return { html: page.body ?? '', csrf: formOf(page.body ?? '', 'sign-up').csrf, cookie };
}

function postForm(form: { csrf: string; cookie: string }, fields: [string, string][]) {
  const body = new URLSearchParams([['csrf', form.csrf], ...fields]).toString();
  return call({
    ...httpEvent({
      routeKey: 'POST /subscribe',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body,
    }),
    cookies: [form.cookie],
  });
}

const person: [string, string][] = [
  ['channel', 'sms'],
  ['phone', '416 555 0181'],
  ['areas', '14'],
  ['language', 'en'],
];

describe('the sign-up form’s bot check', () => {
  it('carries a hidden field, out of the tab order, whose label says to leave it empty', async () => {
    const { html } = await openForm();

    expect(byId(html, HONEYPOT_FIELD)).toMatchObject({ name: HONEYPOT_FIELD, value: '', tabindex: '-1' });
    expect(html).toContain('Leave this field empty');
  });

  it('refuses a form sent back sooner than the minimum fill time, sending nothing, and accepts it once the time has passed', async () => {
    const form = await openForm();
    context.clock.advance(2_000);

    const early = await postForm(form, person);

    expect(early.statusCode).toBe(422);
    expect(early.body).toContain('Check your answers and select Continue again');
    expect(context.topicSubscriber.texts).toHaveLength(0);

    context.clock.advance(1_000);
    const later = await postForm(form, person);

    expect(later.statusCode).toBe(303);
    expect(context.topicSubscriber.texts).toHaveLength(1);
  });

  it('refuses a form whose hidden field was filled in, however long it took', async () => {
    const form = await openForm();
    context.clock.advance(60_000);

    const filled = await postForm(form, [...person, [HONEYPOT_FIELD, 'https://spam.example']]);

    expect(filled.statusCode).toBe(422);
    expect(context.topicSubscriber.texts).toHaveLength(0);
    expect(context.lines.filter((l) => l.message === 'sign-up form refused by the bot check')).toHaveLength(
      1,
    );
  });

  it('names the accepted country next to the phone field for a number from elsewhere, sending nothing', async () => {
    const form = await openForm();
    context.clock.advance(5_000);

    const foreign = await postForm(form, [
      ['channel', 'sms'],
      ['phone', '+44 7911 123456'],
      ['areas', '14'],
      ['language', 'en'],
    ]);

    expect(foreign.statusCode).toBe(422);
    expect(foreign.body).toContain('Enter a mobile number from Canada');
    expect(context.topicSubscriber.texts).toHaveLength(0);
  });
});
