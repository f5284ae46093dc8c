import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ConflictError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  RateLimitedError,
  ValidationError,
} from '../../../shared/domain/errors.js';
import type { Registry } from '../../../shared/domain/registry.js';
import type { AreaChoice, Subscription, SubscriptionChannel } from '../../../shared/domain/subscription.js';
import { topicsFor } from '../../../shared/domain/subscription.js';
import { audienceCounts } from '../../../shared/use-cases/subscriptions/audience.js';
import {
  changeSubscription,
  sweepUnfinishedChanges,
} from '../../../shared/use-cases/subscriptions/change-subscription.js';
import { confirmCode } from '../../../shared/use-cases/subscriptions/confirm-code.js';
import {
  removeSubscription,
  viewSubscription,
} from '../../../shared/use-cases/subscriptions/manage-subscription.js';
import { signUp } from '../../../shared/use-cases/subscriptions/sign-up.js';
import { syncOptOuts } from '../../../shared/use-cases/subscriptions/sync-opt-outs.js';
import { syncTopic } from '../../../shared/use-cases/subscriptions/sync-topic.js';
import { startTestTable, type TestTable } from '../../support/dynamo.js';
import { type TestContext, testContext } from '../handlers/app-context.js';

/** Toronto mobiles from the fictional 555-01xx range. */
const PHONE = '+14165550167';
const OTHER_PHONE = '+14165550168';
const EMAIL = 'jo.subscriber@example.org';
const CLIENT = { ip: '203.0.113.7' };
const MINUTE = 60_000;

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => table.close());

let context: TestContext;
beforeEach(async () => {
  context = await testContext(table);
});

/** Runs every queued subscription job (and the jobs they lead to) as the subscription worker would. */
async function drain(): Promise<string[]> {
  const outcomes: string[] = [];
  while (context.queue.subscriptionJobs.length > 0) {
    for (const job of context.queue.subscriptionJobs.splice(0)) outcomes.push(await syncTopic(context, job));
  }
  return outcomes;
}

function signUpSms(address: string, areas: AreaChoice = ['14'], language = 'en', client = CLIENT) {
  return signUp(context, { channel: 'sms', address, areas, language }, client);
}

function signUpEmail(address: string, areas: AreaChoice = ['14'], language = 'en') {
  return signUp(context, { channel: 'email', address, areas, language }, CLIENT);
}

/** Signs a number up and confirms the code it was sent. */
async function smsSubscriber(phone: string, areas: AreaChoice = ['14'], language = 'en') {
  const { id } = await signUpSms(phone, areas, language);
  const { manageToken } = await confirmCode(context, id, context.topicSubscriber.lastCode(phone)!);
  return { id, token: manageToken };
}

async function stored(id: string): Promise<Subscription> {
  const subscription = await context.subscriptions.get(id);
  if (!subscription) throw new Error(`no subscription ${id}`);
  return subscription;
}

async function addressHash(channel: SubscriptionChannel, address: string) {
  return context.vault.hash(`${channel}:${address}`);
}

async function holdersOf(channel: SubscriptionChannel, address: string, topic: string) {
  return (await context.subscriptions.getHold(await addressHash(channel, address), topic))?.holders;
}

/** The addresses the fake SNS has subscribed to a topic. */
function subscribedTo(topic: string): string[] {
  return [...context.topicSubscriber.subscribed.values()]
    .filter((s) => s.topic === topic)
    .map((s) => s.address);
}

async function audienceOf(topic: string, channel: SubscriptionChannel): Promise<number> {
  return (
    (await context.subscriptions.audience()).find((c) => c.topic === topic && c.channel === channel)
      ?.subscribers ?? 0
  );
}

/** The context with other subscription limits in its registry. */
/** A cool-down that never applies, for tests of the other limits. */
const NO_COOL_DOWN = { freeSignUps: 10, firstSeconds: 1, factor: 1, maxSeconds: 1, forgetAfterHours: 1 };

function withLimits(subscriptions: Partial<Registry['subscriptions']>): TestContext {
  return {
    ...context,
    registry: { ...context.registry, subscriptions: { ...context.registry.subscriptions, ...subscriptions } },
  };
}

describe('confirming an SMS code', () => {
  it('answers GoneError for a code 11 minutes old and changes nothing', async () => {
    const { id } = await signUpSms(PHONE);
    const code = context.topicSubscriber.lastCode(PHONE)!;
    const before = await stored(id);
    context.clock.advance(11 * MINUTE);

    await expect(confirmCode(context, id, code)).rejects.toBeInstanceOf(GoneError);

    expect(await stored(id)).toEqual(before);
    expect(before.code?.attempts).toBe(0);
    expect(context.queue.subscriptionJobs).toEqual([]);
    expect(await holdersOf('sms', PHONE, 'area-14-en')).toBeUndefined();
  });

  it('still accepts the code at the very end of its 10 minutes', async () => {
    const { id } = await signUpSms(PHONE);
    context.clock.advance(10 * MINUTE);

    const confirmed = await confirmCode(context, id, context.topicSubscriber.lastCode(PHONE)!);

    expect(confirmed.subscription.status).toBe('ACTIVE');
  });

  it('refuses a wrong code with the attempts left and counts the attempt', async () => {
    const { id } = await signUpSms(PHONE);
    const right = context.topicSubscriber.lastCode(PHONE)!;
    const wrong = right === '000000' ? '111111' : '000000';

    const refused = confirmCode(context, id, wrong);

    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toThrow('the code is not right; 4 attempt(s) left');

    expect((await stored(id)).code?.attempts).toBe(1);
    expect((await stored(id)).status).toBe('PENDING_CODE');
  });

  it('answers ConflictError to a second confirmation of the same code and queues nothing more', async () => {
    const { id } = await signUpSms(PHONE);
    const code = context.topicSubscriber.lastCode(PHONE)!;
    const first = await confirmCode(context, id, code);
    const jobs = context.queue.subscriptionJobs.length;

    await expect(confirmCode(context, id, code)).rejects.toBeInstanceOf(ConflictError);

    expect(context.queue.subscriptionJobs).toHaveLength(jobs);
    expect((await viewSubscription(context, first.manageToken)).status).toBe('ACTIVE');
  });

  it('answers NotFoundError for an id that is an e-mail sign-up', async () => {
    const { id } = await signUpEmail(EMAIL);

    await expect(confirmCode(context, id, '123456')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('the SMS code of a sign-up', () => {
  it('is kept only while the sign-up waits for it: confirmed, replaced or opted out, it is gone', async () => {
    const waiting = await signUpSms(PHONE, ['22']);
    expect((await stored(waiting.id)).code).toBeDefined();
    const replacedWhileWaiting = await signUpSms(PHONE, ['51']);
    context.clock.advance(MINUTE); // the number's cool-down after two sign-ups
    const confirmed = await smsSubscriber(PHONE, ['14']);

    expect((await stored(confirmed.id)).code).toBeUndefined();
    expect((await stored(replacedWhileWaiting.id)).status).toBe('REPLACED');
    expect((await stored(replacedWhileWaiting.id)).code).toBeUndefined();

    const optingOut = await signUpSms(OTHER_PHONE, ['14']);
    context.topicSubscriber.optedOut.push(OTHER_PHONE);
    await syncOptOuts(context);
    expect((await stored(optingOut.id)).status).toBe('OPTED_OUT');
    expect((await stored(optingOut.id)).code).toBeUndefined();
  });
});

describe('a confirmed SMS sign-up of a number already subscribed', () => {
  it('replaces the earlier active subscription, whose token stops working and whose topics are released', async () => {
    const first = await smsSubscriber(PHONE, ['14']);
    await drain();
    expect(subscribedTo('area-14-en')).toEqual([PHONE]);

    const second = await smsSubscriber(PHONE, ['51']);

    expect((await stored(first.id)).status).toBe('REPLACED');
    expect((await stored(second.id)).status).toBe('ACTIVE');
    await expect(viewSubscription(context, first.token)).rejects.toBeInstanceOf(NotFoundError);
    await expect(removeSubscription(context, first.token)).rejects.toBeInstanceOf(NotFoundError);
    expect(await holdersOf('sms', PHONE, 'area-14-en')).toEqual([]);
    expect(await holdersOf('sms', PHONE, 'area-51-en')).toEqual([second.id]);

    await drain();
    expect(subscribedTo('area-14-en')).toEqual([]);
    expect(subscribedTo('area-51-en')).toEqual([PHONE]);
    expect(await audienceOf('area-14-en', 'sms')).toBe(0);
    expect(await audienceOf('area-51-en', 'sms')).toBe(1);
  });

  it('keeps the number’s SNS subscription to a topic both sign-ups want, without unsubscribing it', async () => {
    await smsSubscriber(PHONE, ['14']);
    await drain();
    const arns = [...context.topicSubscriber.subscribed.keys()];
    const calls = context.topicSubscriber.calls;

    const second = await smsSubscriber(PHONE, ['14', '51']);
    await drain();

    expect(await holdersOf('sms', PHONE, 'area-14-en')).toEqual([second.id]);
    expect([...context.topicSubscriber.subscribed.keys()]).toEqual(expect.arrayContaining(arns));
    expect(context.topicSubscriber.calls).toBe(calls + 1);
    expect(await audienceOf('area-14-en', 'sms')).toBe(1);
  });

  it('also replaces an earlier sign-up still waiting for its code, whose code then no longer works', async () => {
    const pending = await signUpSms(PHONE, ['22']);
    const pendingCode = context.topicSubscriber.lastCode(PHONE)!;

    await smsSubscriber(PHONE, ['14']);

    expect((await stored(pending.id)).status).toBe('REPLACED');
    await expect(confirmCode(context, pending.id, pendingCode)).rejects.toBeInstanceOf(ConflictError);
  });

  it('leaves another number’s subscription alone', async () => {
    const other = await smsSubscriber(OTHER_PHONE, ['14']);

    await smsSubscriber(PHONE, ['14']);

    expect((await stored(other.id)).status).toBe('ACTIVE');
    expect((await viewSubscription(context, other.token)).status).toBe('ACTIVE');
  });
});

describe('e-mail sign-ups', () => {
  it('are additive: a second sign-up of the same address keeps the first one’s topics', async () => {
    const first = await signUpEmail(EMAIL, ['14']);
    const second = await signUpEmail(EMAIL, ['51']);

    expect((await stored(first.id)).status).toBe('ACTIVE');
    expect((await stored(second.id)).status).toBe('ACTIVE');
    expect(await holdersOf('email', EMAIL, 'area-14-en')).toEqual([first.id]);
    expect(await holdersOf('email', EMAIL, 'area-51-en')).toEqual([second.id]);
    await drain();
    expect(subscribedTo('area-14-en')).toEqual([EMAIL]);
    expect(subscribedTo('area-51-en')).toEqual([EMAIL]);
    expect((await viewSubscription(context, first.manageToken!)).topics).toEqual(['area-14-en']);
  });

  it('share one SNS subscription for a topic both want, kept until the last of them is removed', async () => {
    const first = await signUpEmail(EMAIL, ['14']);
    const second = await signUpEmail(EMAIL, ['14']);
    await drain();

    expect(await holdersOf('email', EMAIL, 'area-14-en')).toEqual([first.id, second.id].sort());
    expect(subscribedTo('area-14-en')).toEqual([EMAIL]);
    expect(context.topicSubscriber.calls).toBe(1);
    expect(await audienceOf('area-14-en', 'email')).toBe(1);

    await removeSubscription(context, first.manageToken!);
    expect(await drain()).toEqual(['unchanged']);
    expect(subscribedTo('area-14-en')).toEqual([EMAIL]);
    expect(await audienceOf('area-14-en', 'email')).toBe(1);

    await removeSubscription(context, second.manageToken!);
    expect(await drain()).toEqual(['unsubscribed']);
    expect(subscribedTo('area-14-en')).toEqual([]);
    expect(await audienceOf('area-14-en', 'email')).toBe(0);
  });
});

describe('the subscription worker (syncTopic)', () => {
  it('subscribes once and counts once when the same job runs twice', async () => {
    await smsSubscriber(PHONE, ['14']);
    const jobs = context.queue.subscriptionJobs.splice(0);
    expect(jobs).toEqual([{ addressHash: await addressHash('sms', PHONE), topic: 'area-14-en' }]);

    expect(await syncTopic(context, jobs[0]!)).toBe('subscribed');
    expect(await syncTopic(context, jobs[0]!)).toBe('unchanged');

    expect(context.topicSubscriber.calls).toBe(1);
    expect(await audienceOf('area-14-en', 'sms')).toBe(1);
  });

  it('counts once when two workers run the same job at the same time', async () => {
    await smsSubscriber(PHONE, ['14']);
    const [job] = context.queue.subscriptionJobs.splice(0);

    const outcomes = await Promise.all([syncTopic(context, job!), syncTopic(context, job!)]);

    expect(outcomes.sort()).toEqual(['subscribed', 'unchanged']);
    expect(subscribedTo('area-14-en')).toEqual([PHONE]);
    expect(await audienceOf('area-14-en', 'sms')).toBe(1);
  });

  it('gives the opened address, not the sealed one, to SNS', async () => {
    await smsSubscriber(PHONE, ['14'], 'fr');
    await drain();

    expect([...context.topicSubscriber.subscribed.values()]).toEqual([
      { topic: 'area-14-fr', channel: 'sms', address: PHONE },
    ]);
  });

  it('unsubscribes once the subscription is removed, and the count returns to 0', async () => {
    const { token } = await smsSubscriber(PHONE, ['14']);
    await drain();
    expect(await audienceOf('area-14-en', 'sms')).toBe(1);

    await removeSubscription(context, token);

    expect(await drain()).toEqual(['unsubscribed']);
    expect(subscribedTo('area-14-en')).toEqual([]);
    expect(await audienceOf('area-14-en', 'sms')).toBe(0);
    expect(context.topicSubscriber.calls).toBe(2);
  });

  it('does nothing for a job whose hold does not exist', async () => {
    const outcome = await syncTopic(context, {
      addressHash: await addressHash('sms', PHONE),
      topic: 'area-14-en',
    });

    expect(outcome).toBe('unchanged');
    expect(context.topicSubscriber.calls).toBe(0);
  });
});

describe('sweeping unfinished changes', () => {
  /** A change from area 14 to area 51 whose process died after the record update, before its jobs. */
  async function diedHalfWay() {
    const { id } = await smsSubscriber(PHONE, ['14']);
    await drain();
    const before = await stored(id);
    const at = context.clock.now().toISOString();
    await context.subscriptions.markSyncing(id, ['area-14-en'], at);
    const updated = await context.subscriptions.update(
      { ...before, areas: ['51'], topics: ['area-51-en'], version: before.version + 1, updatedAt: at },
      before.version,
    );
    expect(updated).toBe(true);
    return id;
  }

  it('queues the jobs and clears the mark of a change whose process died before queuing them', async () => {
    const id = await diedHalfWay();
    context.clock.advance(31_000);

    const report = await syncOptOuts(context);

    expect(report.unfinishedChangesFinished).toBe(1);
    expect(context.queue.subscriptionJobs.map((job) => job.topic).sort()).toEqual([
      'area-14-en',
      'area-51-en',
    ]);
    expect(await context.subscriptions.listSyncing(context.clock.now().toISOString(), 10)).toEqual([]);
    expect(await holdersOf('sms', PHONE, 'area-14-en')).toEqual([]);
    expect(await holdersOf('sms', PHONE, 'area-51-en')).toEqual([id]);

    await drain();
    expect(subscribedTo('area-14-en')).toEqual([]);
    expect(subscribedTo('area-51-en')).toEqual([PHONE]);
  });

  it('leaves a change started less than 30 seconds ago to the process making it', async () => {
    await diedHalfWay();
    context.clock.advance(10_000);

    const report = await syncOptOuts(context);

    expect(report.unfinishedChangesFinished).toBe(0);
    expect(context.queue.subscriptionJobs).toEqual([]);
    expect(await context.subscriptions.listSyncing(context.clock.now().toISOString(), 10)).toHaveLength(1);
  });

  it('finishes the change when called directly, and a second sweep finds nothing', async () => {
    await diedHalfWay();
    context.clock.advance(1_000);

    expect(await sweepUnfinishedChanges(context, 500)).toBe(1);
    expect(context.queue.subscriptionJobs).toHaveLength(2);
    expect(await sweepUnfinishedChanges(context, 0)).toBe(0);
  });

  it('clears the mark of an e-mail sign-up that died before its record was written, queuing nothing', async () => {
    await context.subscriptions.markSyncing('sub_never_written', [], context.clock.now().toISOString());
    context.clock.advance(31_000);

    expect(await sweepUnfinishedChanges(context, 30_000)).toBe(1);

    expect(context.queue.subscriptionJobs).toEqual([]);
    expect(await context.subscriptions.listSyncing(context.clock.now().toISOString(), 10)).toEqual([]);
  });
});

describe('the opt-out sync', () => {
  it('ends an opted-out number’s subscriptions, releases its holds, and a second run changes nothing', async () => {
    const active = await smsSubscriber(PHONE, ['14', '51']);
    const pending = await signUpSms(PHONE, ['22']);
    const other = await smsSubscriber(OTHER_PHONE, ['14']);
    await drain();
    context.topicSubscriber.optedOut.push(PHONE);

    const report = await syncOptOuts(context);

    expect(report).toEqual({
      optedOut: 1,
      newlyOptedOut: 1,
      subscriptionsEnded: 2,
      unfinishedChangesFinished: 0,
    });
    expect((await stored(active.id)).status).toBe('OPTED_OUT');
    expect((await stored(pending.id)).status).toBe('OPTED_OUT');
    expect((await stored(other.id)).status).toBe('ACTIVE');
    expect(await holdersOf('sms', PHONE, 'area-14-en')).toEqual([]);
    expect(await holdersOf('sms', PHONE, 'area-51-en')).toEqual([]);
    expect(await context.subscriptions.isOptedOut(await addressHash('sms', PHONE))).toBe(true);

    expect(await drain()).toEqual(['unsubscribed', 'unsubscribed']);
    expect(subscribedTo('area-14-en')).toEqual([OTHER_PHONE]);
    expect(await audienceOf('area-14-en', 'sms')).toBe(1);
    expect(await audienceOf('area-51-en', 'sms')).toBe(0);

    const calls = context.topicSubscriber.calls;
    const version = (await stored(active.id)).version;
    const again = await syncOptOuts(context);

    expect(again).toEqual({
      optedOut: 1,
      newlyOptedOut: 0,
      subscriptionsEnded: 0,
      unfinishedChangesFinished: 0,
    });
    expect(context.queue.subscriptionJobs).toEqual([]);
    expect(context.topicSubscriber.calls).toBe(calls);
    expect((await stored(active.id)).version).toBe(version);
  });

  it('does not hash or read a number again once this process has seen it marked', async () => {
    await smsSubscriber(PHONE, ['14']);
    await drain();
    context.topicSubscriber.optedOut.push(PHONE);
    await syncOptOuts(context);
    const hash = vi.spyOn(context.vault, 'hash');

    const again = await syncOptOuts(context);

    expect(again.optedOut).toBe(1);
    expect(hash).not.toHaveBeenCalled();
    hash.mockRestore();
  });

  it('unsubscribes an opted-out number even from a topic it still holds', async () => {
    await smsSubscriber(PHONE, ['14']);
    await drain();
    const hash = await addressHash('sms', PHONE);
    await context.subscriptions.markOptedOut(hash, context.clock.now().toISOString());

    expect(await syncTopic(context, { addressHash: hash, topic: 'area-14-en' })).toBe('unsubscribed');

    expect(subscribedTo('area-14-en')).toEqual([]);
    expect(await audienceOf('area-14-en', 'sms')).toBe(0);
  });
});

describe('the rate limiter', () => {
  it('refuses the (limit+1)th take in a window and allows again in the next window', async () => {
    const takes: boolean[] = [];
    for (let i = 0; i < 4; i++) takes.push(await context.rateLimiter.take('k', 3, 60));
    expect(takes).toEqual([true, true, true, false]);

    context.clock.advance(59_000);
    expect(await context.rateLimiter.take('k', 3, 60)).toBe(false);

    context.clock.advance(1_000);
    expect(await context.rateLimiter.take('k', 3, 60)).toBe(true);
  });

  it('counts each key on its own', async () => {
    expect(await context.rateLimiter.take('a', 1, 60)).toBe(true);
    expect(await context.rateLimiter.take('a', 1, 60)).toBe(false);
    expect(await context.rateLimiter.take('b', 1, 60)).toBe(true);
  });
});

describe('sign-up limits', () => {
  it('answers RateLimitedError past perAddressPerHour, whatever the number’s format, and allows again an hour later', async () => {
    const noCoolDown = withLimits({
      protection: { ...context.registry.subscriptions.protection, coolDown: NO_COOL_DOWN },
    });
    const up = (address: string) =>
      signUp(noCoolDown, { channel: 'sms', address, areas: ['14'], language: 'en' }, CLIENT);
    const formats = ['+14165550167', '(416) 555-0167', '416-555-0167', '1 416 555 0167', '4165550167'];
    for (const address of formats) await up(address);

    const refused = up('+1 416 555 0167');

    await expect(refused).rejects.toBeInstanceOf(RateLimitedError);
    await expect(refused).rejects.toMatchObject({ retryAfterSeconds: 3600 });
    expect(context.topicSubscriber.texts).toHaveLength(5);
    expect((await signUpSms(OTHER_PHONE)).status).toBe('PENDING_CODE');

    context.clock.advance(60 * MINUTE);
    expect((await up(PHONE)).status).toBe('PENDING_CODE');
  });

  it('answers RateLimitedError past perClientPerHour for one connection, and not for another', async () => {
    const limited = withLimits({ perClientPerHour: 2 });
    const up = (address: string, ip: string) =>
      signUp(limited, { channel: 'sms', address, areas: ['14'], language: 'en' }, { ip });

    await up('+14165550101', '203.0.113.7');
    await up('+14165550102', '203.0.113.7');

    await expect(up('+14165550103', '203.0.113.7')).rejects.toBeInstanceOf(RateLimitedError);
    expect((await up('+14165550103', '198.51.100.9')).status).toBe('PENDING_CODE');
    expect(context.topicSubscriber.texts.map((t) => t.phoneNumber)).toEqual([
      '+14165550101',
      '+14165550102',
      '+14165550103',
    ]);
  });

  it('stores no subscription for a refused sign-up', async () => {
    const limited = withLimits({ perAddressPerHour: 1 });
    await signUp(limited, { channel: 'email', address: EMAIL, areas: ['14'], language: 'en' }, CLIENT);

    await expect(
      signUp(limited, { channel: 'email', address: EMAIL, areas: ['51'], language: 'en' }, CLIENT),
    ).rejects.toBeInstanceOf(RateLimitedError);

    expect(await context.subscriptions.listByAddress(await addressHash('email', EMAIL))).toHaveLength(1);
    expect(await holdersOf('email', EMAIL, 'area-51-en')).toBeUndefined();
  });
});

describe('audience counts', () => {
  it('refuse a principal without a staff role', async () => {
    await expect(audienceCounts(context, { id: 'stranger', roles: [] })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('report subscribers per area, language and channel, with exercise rows apart from the totals', async () => {
    await smsSubscriber('+14165550101', ['14'], 'fr');
    await smsSubscriber('+14165550102', ['14'], 'fr');
    const tester = await smsSubscriber('+14165550103', ['14'], 'fr');
    const leaver = await smsSubscriber('+14165550104', ['51'], 'en');
    await signUpEmail(EMAIL, 'citywide', 'en');
    await drain();
    // A staff member's test phone also joins the exercise topics.
    const record = await stored(tester.id);
    await changeSubscription(context, record, {
      ...record,
      test: true,
      topics: topicsFor(context.registry, { areas: ['14'], language: 'fr', test: true }),
    });
    await removeSubscription(context, leaver.token);
    await drain();

    const counts = await audienceCounts(context, { id: 'comms.chloe', roles: ['comms'] });

    expect(counts.audience).toEqual([
      { area: '14', language: 'fr', channel: 'sms', subscribers: 3, exercise: false },
      { area: 'citywide', language: 'en', channel: 'email', subscribers: 1, exercise: false },
      { area: '14', language: 'fr', channel: 'sms', subscribers: 1, exercise: true },
    ]);
    expect(counts.topicSubscriptions).toEqual({ sms: 3, email: 1 });
    expect(JSON.stringify(counts)).not.toMatch(/\+1416|example\.org/);
  });

  it('are readable by an admin too', async () => {
    const counts = await audienceCounts(context, { id: 'admin.ada', roles: ['admin'] });

    expect(counts).toEqual({ audience: [], topicSubscriptions: { sms: 0, email: 0 } });
  });
});
