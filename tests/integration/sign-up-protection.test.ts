import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishesOf } from '../support/delivered.js';
import { type Herald, startHerald } from '../support/herald.js';
import { lastCode, registryWith } from '../support/subscription-pages.js';

/**
 * The sign-up protection (docs/architecture.md D34) over real HTTP on the local runtime, with a
 * code budget of 3 an hour: what a refused sign-up gets, and that a used-up code budget leaves
 * the alerts alone.
 */

let herald: Herald;
beforeAll(async () => {
  herald = await startHerald({
    registryFile: registryWith({
      perClientPerHour: 1000,
      protection: { codeSms: { perHour: 3, perDay: 10, usdEach: 0.01 } },
    }),
    threads: false,
    quiet: true,
  });
});
afterAll(() => herald?.stop());

/** A sign-up with its answer's headers (the retry-after). */
async function signUp(address: string, channel = 'sms') {
  const response = await fetch(`${herald.url}/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel, address, areas: ['14'], language: 'en' }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const textsSent = () => herald.runtime.inbox.smsMessages().length;

describe('a sign-up to a number outside the accepted countries', () => {
  it('gets a 422 naming the rule, and nothing is sent', async () => {
    const before = textsSent();

    const answer = await signUp('+44 7911 123456');

    expect(answer.status).toBe(422);
    expect(answer.body.message).toContain('allowed-countries');
    expect(answer.body.issues).toEqual([{ path: ['address', 'country'], message: expect.any(String) }]);
    expect(JSON.stringify(answer.body)).not.toContain('123456');
    expect(textsSent()).toBe(before);
  });
});

describe('a used-up sign-up code budget', () => {
  it('answers 503 with retry-after and the rule, sends no code, and the alert still reaches every topic and subscriber', async () => {
    const subscriber = '+14165550191';
    const first = await signUp(subscriber);
    const confirmed = await herald.call('POST', `/subscriptions/${first.body.subscription.id}/confirm`, {
      body: { code: lastCode(herald, subscriber) },
    });
    expect(confirmed.status).toBe(200);
    await herald.settled();
    for (const phone of ['+16475550192', '+14375550193']) expect((await signUp(phone)).status).toBe(202);
    const sent = textsSent();

    const refused = await signUp('+19055550194');

    expect(refused.status).toBe(503);
    expect(refused.body.rule).toBe('code-budget-hour');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(textsSent()).toBe(sent);
    expect((await signUp('jo.subscriber@example.org', 'email')).status).toBe(202);

    const filed = await herald.fileIncident();
    const { broadcast } = filed.body;
    const approved = await herald.call('POST', `/broadcasts/${broadcast.id}/approve`, {
      user: 'inspector.ben',
      body: { contentHash: broadcast.contentHash },
    });
    expect(approved.status).toBe(200);
    await herald.settled();

    const topics = publishesOf(herald, broadcast.preview.link).map((p) => p.topic);
    expect(topics.sort()).toEqual(['area-14-en', 'area-14-fr', 'area-51-en', 'area-51-fr']);
    const deliveries = await herald.call('GET', `/broadcasts/${broadcast.id}/deliveries`, {
      user: 'comms.chloe',
    });
    expect(deliveries.body.every((d: { status: string }) => d.status === 'SENT')).toBe(true);
    const reached = herald.runtime.inbox
      .deliveries()
      .filter((d) => d.endpoint === subscriber && d.topic === 'area-14-en');
    expect(reached).toHaveLength(1);
  });
});
