import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, type LogLine } from '../../shared/runtime/logger.js';
import { type Herald, startHerald } from '../support/herald.js';
import { registryWith } from '../support/subscription-pages.js';

/**
 * Public subscriptions end to end on the local runtime: the real API, dynalite, the subscription
 * worker and the fake SNS (which keeps subscriptions and fans publishes out to each subscriber's
 * inbox entry). Numbers are Toronto mobiles from the fictional 555-01xx range.
 */

const lines: LogLine[] = [];
let herald: Herald;

beforeAll(async () => {
  herald = await startHerald({
    registryFile: registryWith({ perClientPerHour: 1000 }),
    threads: false,
    log: createLogger((line) => lines.push(JSON.parse(line) as LogLine)),
  });
});
afterAll(() => herald?.stop());

const signUp = (body: Record<string, unknown>) => herald.call('POST', '/subscriptions', { body });
const lastCode = (phone: string) =>
  herald.runtime.inbox
    .smsMessages()
    .findLast((m) => m.phoneNumber === phone)
    ?.message.match(/\b(\d{6})\b/)?.[1];
const subscribedEndpoints = (topic: string) =>
  herald.runtime.fakeSns
    .subscriptions(topic)
    .map((s) => s.endpoint)
    .sort();

/** Signs a number up and confirms it; returns the sign-up id and management token. */
async function smsSubscriber(phone: string, areas: string[] | 'citywide', language: string) {
  const signed = await signUp({ channel: 'sms', address: phone, areas, language });
  expect(signed.status).toBe(202);
  const id = signed.body.subscription.id as string;
  const confirmed = await herald.call('POST', `/subscriptions/${id}/confirm`, {
    body: { code: lastCode(phone) },
  });
  expect(confirmed.status).toBe(200);
  await herald.settled();
  return { id, token: confirmed.body.manageToken as string };
}

describe('an SMS subscriber', () => {
  it('gets a code, confirms it, is subscribed to the chosen topics and sees a masked address', async () => {
    const phone = '+14165550101';
    const signed = await signUp({
      channel: 'sms',
      address: '(416) 555-0101',
      areas: ['14', '51'],
      language: 'fr',
    });
    expect(signed.status).toBe(202);
    expect(signed.body.subscription).toMatchObject({ channel: 'sms', status: 'PENDING_CODE' });
    expect(JSON.stringify(signed.body)).not.toContain('5550101');
    expect(lastCode(phone)).toMatch(/^\d{6}$/);
    expect(subscribedEndpoints('area-14-fr')).not.toContain(phone);

    const id = signed.body.subscription.id;
    const confirmed = await herald.call('POST', `/subscriptions/${id}/confirm`, {
      body: { code: lastCode(phone) },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.manageToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await herald.settled();
    expect(subscribedEndpoints('area-14-fr')).toContain(phone);
    expect(subscribedEndpoints('area-51-fr')).toContain(phone);
    expect(subscribedEndpoints('area-14-en')).not.toContain(phone);

    const view = await herald.call('GET', `/subscriptions/manage/${confirmed.body.manageToken}`);
    expect(view.status).toBe(200);
    expect(view.body.subscription).toMatchObject({ status: 'ACTIVE', areas: ['14', '51'], language: 'fr' });
    expect(view.body.subscription.address).toMatch(/^\+1\*+01$/);
  });

  it('changes areas and language, and only the difference is subscribed or unsubscribed', async () => {
    const phone = '+14165550102';
    const { token } = await smsSubscriber(phone, ['14', '51'], 'en');
    const arnBefore = herald.runtime.fakeSns
      .subscriptions('area-14-en')
      .find((s) => s.endpoint === phone)?.arn;
    const changed = await herald.call('PUT', `/subscriptions/manage/${token}`, {
      body: { areas: ['14', '22'] },
    });
    expect(changed.status).toBe(200);
    await herald.settled();
    expect(herald.runtime.fakeSns.subscriptions('area-14-en').find((s) => s.endpoint === phone)?.arn).toBe(
      arnBefore,
    );
    expect(subscribedEndpoints('area-22-en')).toContain(phone);
    expect(subscribedEndpoints('area-51-en')).not.toContain(phone);

    const french = await herald.call('PUT', `/subscriptions/manage/${token}`, { body: { language: 'fr' } });
    expect(french.status).toBe(200);
    await herald.settled();
    expect(subscribedEndpoints('area-14-en')).not.toContain(phone);
    expect(subscribedEndpoints('area-14-fr')).toContain(phone);
    expect(subscribedEndpoints('area-22-fr')).toContain(phone);
  });

  it('leaves everything with DELETE, after which the token no longer works', async () => {
    const phone = '+14165550103';
    const { token } = await smsSubscriber(phone, 'citywide', 'en');
    expect(subscribedEndpoints('citywide-en')).toContain(phone);
    const removed = await herald.call('DELETE', `/subscriptions/manage/${token}`);
    expect(removed.status).toBe(200);
    expect(removed.body.subscription.status).toBe('REMOVED');
    await herald.settled();
    expect(subscribedEndpoints('citywide-en')).not.toContain(phone);
    expect((await herald.call('GET', `/subscriptions/manage/${token}`)).status).toBe(404);
  });

  it('refuses a wrong code with 422 and, after five attempts, any code with 429, subscribing nothing', async () => {
    const phone = '+14165550104';
    const signed = await signUp({ channel: 'sms', address: phone, areas: ['32'], language: 'en' });
    const id = signed.body.subscription.id;
    const right = lastCode(phone) as string;
    const wrong = right === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 5; attempt++) {
      const answer = await herald.call('POST', `/subscriptions/${id}/confirm`, { body: { code: wrong } });
      expect(answer.status).toBe(422);
    }
    const exhausted = await herald.call('POST', `/subscriptions/${id}/confirm`, { body: { code: right } });
    expect(exhausted.status).toBe(429);
    await herald.settled();
    expect(subscribedEndpoints('area-32-en')).not.toContain(phone);
  });

  it('refuses bad numbers, unknown areas, too many areas and unknown fields with 422 and stores nothing', async () => {
    const before = herald.runtime.inbox.smsMessages().length;
    const cases = [
      { channel: 'sms', address: '+15550100', areas: ['14'], language: 'en' },
      { channel: 'sms', address: 'not a number', areas: ['14'], language: 'en' },
      { channel: 'sms', address: '+14165550105', areas: ['99'], language: 'en' },
      { channel: 'sms', address: '+14165550105', areas: ['11', '12', '13', '14'], language: 'en' },
      { channel: 'sms', address: '+14165550105', areas: ['14'], language: 'de' },
      { channel: 'email', address: 'no-at-sign.example.org', areas: ['14'], language: 'en' },
      { channel: 'sms', address: '+14165550105', areas: ['14'], language: 'en', status: 'ACTIVE' },
    ];
    for (const body of cases) {
      const answer = await signUp(body);
      expect(answer.status, JSON.stringify(body)).toBe(422);
      expect(JSON.stringify(answer.body)).not.toContain('5550105');
    }
    expect(herald.runtime.inbox.smsMessages().length).toBe(before);
  });

  it('answers the same whether or not the number is already subscribed', async () => {
    const phone = '+14165550106';
    const fresh = await signUp({ channel: 'sms', address: '+14165550107', areas: ['41'], language: 'en' });
    await smsSubscriber(phone, ['41'], 'en');
    const again = await signUp({ channel: 'sms', address: phone, areas: ['41'], language: 'en' });
    expect(again.status).toBe(fresh.status);
    const shape = (body: any) =>
      JSON.parse(JSON.stringify(body.subscription).replaceAll(body.subscription.id, '<id>'));
    expect(shape(again.body)).toEqual(shape(fresh.body));
  });

  it('stops receiving once the number replied STOP and the opt-out sync ran', async () => {
    const phone = '+14165550108';
    await smsSubscriber(phone, ['53'], 'en');
    expect(subscribedEndpoints('area-53-en')).toContain(phone);
    herald.runtime.fakeSns.optOut(phone);
    await herald.runtime.runScheduleNow('opt-out-sync');
    await herald.settled();
    expect(subscribedEndpoints('area-53-en')).not.toContain(phone);
  });
});

describe('an e-mail subscriber', () => {
  it('gets one SNS confirmation per area, is subscribed once it is followed, and can leave', async () => {
    const address = 'jo.subscriber@example.org';
    const signed = await signUp({ channel: 'email', address, areas: ['11', '12'], language: 'en' });
    expect(signed.status).toBe(202);
    expect(signed.body.subscription).toMatchObject({ status: 'PENDING_EMAIL_CONFIRMATION' });
    await herald.settled();
    const confirmations = herald.runtime.inbox
      .subscriptionConfirmations()
      .filter((c) => c.endpoint === address);
    expect(confirmations.map((c) => c.topic).sort()).toEqual(['area-11-en', 'area-12-en']);
    const pending = herald.runtime.fakeSns.subscriptions('area-11-en').find((s) => s.endpoint === address);
    expect(pending?.status).toBe('pending');

    for (const confirmation of confirmations) expect((await fetch(confirmation.link)).status).toBe(200);
    expect(
      herald.runtime.fakeSns.subscriptions('area-11-en').find((s) => s.endpoint === address)?.status,
    ).toBe('confirmed');

    const token = signed.body.subscription.manageToken;
    const removed = await herald.call('DELETE', `/subscriptions/manage/${token}`);
    expect(removed.status).toBe(200);
    await herald.settled();
    expect(subscribedEndpoints('area-11-en')).not.toContain(address);
    expect(subscribedEndpoints('area-12-en')).not.toContain(address);
  });
});

describe('a broadcast to one division in French', () => {
  it('reaches exactly that division’s confirmed French subscribers and nobody else', async () => {
    const french14 = '+14165550111';
    const english14 = '+14165550112';
    const french51 = '+14165550113';
    const unconfirmed = '+14165550114';
    await smsSubscriber(french14, ['14'], 'fr');
    await smsSubscriber(english14, ['14'], 'en');
    await smsSubscriber(french51, ['51'], 'fr');
    await signUp({ channel: 'sms', address: unconfirmed, areas: ['14'], language: 'fr' });
    await signUp({ channel: 'email', address: 'pending.reader@example.org', areas: ['14'], language: 'fr' });
    await herald.settled();

    const filed = await herald.fileIncident({ areas: ['14'], languages: ['fr'] });
    expect(filed.status).toBe(201);
    const broadcast = filed.body.broadcast;
    // The approver sees how many subscribers the topics have before approving.
    const onTopic = herald.runtime.fakeSns
      .subscriptions('area-14-fr')
      .filter((s) => s.protocol === 'sms').length;
    expect(broadcast.audience.subscribers).toMatchObject({ sms: onTopic });
    expect(broadcast.audience.subscribers.smsReachSeconds).toBeGreaterThan(0);
    const approved = await herald.call('POST', `/broadcasts/${broadcast.id}/approve`, {
      user: 'inspector.ben',
      body: { contentHash: broadcast.contentHash },
    });
    expect(approved.status).toBe(200);
    await herald.settled();

    const publishIds = new Set(
      herald.runtime.inbox
        .publishes()
        .filter((p) => p.attributes.broadcastId === broadcast.id)
        .map((p) => p.id),
    );
    const reached = herald.runtime.inbox
      .deliveries()
      .filter((d) => publishIds.has(d.messageId) && d.status === 'delivered')
      .map((d) => d.endpoint);
    expect(reached).toContain(french14);
    for (const other of [english14, french51, unconfirmed, 'pending.reader@example.org'])
      expect(reached).not.toContain(other);
    // The earlier tests' French division-14 subscribers are in `reached` too, and nobody else.
    for (const endpoint of reached) {
      expect(herald.runtime.fakeSns.subscriptions('area-14-fr').map((s) => s.endpoint)).toContain(endpoint);
    }
  });
});

describe('staff', () => {
  it('see subscriber counts per area, language and channel, and never an address', async () => {
    await smsSubscriber('+14165550115', ['14'], 'fr');

    const answer = await herald.call('GET', '/audience', { user: 'comms.chloe' });

    expect(answer.status).toBe(200);
    const row = answer.body.audience.find(
      (r: any) => r.area === '14' && r.language === 'fr' && r.channel === 'sms' && !r.exercise,
    );
    expect(row.subscribers).toBe(
      herald.runtime.fakeSns.subscriptions('area-14-fr').filter((s) => s.protocol === 'sms').length,
    );
    expect(answer.body.topicSubscriptions.sms).toBeGreaterThan(0);
    expect(JSON.stringify(answer.body)).not.toMatch(/\+1416|@example\.org/);
    expect((await herald.call('GET', '/audience')).status).toBe(401);
  });
});

describe('the logs', () => {
  it('hold no phone number or e-mail address after sign-ups, a confirmation, a change and a removal', async () => {
    const linesBefore = lines.length;

    const { token } = await smsSubscriber('+14165550116', ['22'], 'en');
    const changed = await herald.call('PUT', `/subscriptions/manage/${token}`, { body: { areas: ['41'] } });
    const removed = await herald.call('DELETE', `/subscriptions/manage/${token}`);
    const email = await signUp({
      channel: 'email',
      address: 'log.reader@example.org',
      areas: ['22'],
      language: 'en',
    });
    await herald.settled();

    expect([changed.status, removed.status, email.status]).toEqual([200, 200, 202]);
    expect(lines.length - linesBefore).toBeGreaterThan(10);
    // Every line so far, those of other tests' flows included.
    expect(JSON.stringify(lines)).not.toMatch(/555-?01\d\d|\+1416|example\.org/);
  });
});

describe('abuse limits', () => {
  let limited: Herald;
  beforeAll(async () => {
    limited = await startHerald({
      registryFile: registryWith({
        perClientPerHour: 8,
        perAddressPerHour: 3,
        // The cool-down would refuse the third sign-up of the number first (sign-up-protection.test.ts).
        protection: { coolDown: { freeSignUps: 10 } },
      }),
      threads: false,
      quiet: true,
    });
  });
  afterAll(() => limited?.stop());

  it('answers 429 after the per-number and the per-client hourly limits, sending no more codes', async () => {
    const body = { channel: 'sms', address: '+14165550121', areas: ['14'], language: 'en' };
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await limited.call('POST', '/subscriptions', { body })).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    for (let i = 0; i < 4; i++) {
      const other = { ...body, address: `+1416555013${i}` };
      statuses.push((await limited.call('POST', '/subscriptions', { body: other })).status);
    }
    expect(statuses.slice(4)).toEqual([202, 202, 202, 202]);
    const over = await limited.call('POST', '/subscriptions', { body: { ...body, address: '+14165550139' } });
    expect(over.status).toBe(429);
    expect(limited.runtime.inbox.smsMessages().length).toBe(7);
  });
});
