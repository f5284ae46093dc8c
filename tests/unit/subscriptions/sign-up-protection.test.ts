import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as snsWorker } from '../../../functions/sns-worker/handler.js';
import { CodeBudgetExhaustedError, RateLimitedError } from '../../../shared/domain/errors.js';
import { type Registry, RegistrySchema } from '../../../shared/domain/registry.js';
import {
  coolDownSeconds,
  destinationPrefix,
  SignUpProtection,
  smsBudgets,
} from '../../../shared/domain/sign-up-protection.js';
import { installContext } from '../../../shared/runtime/context.js';
import { signUp } from '../../../shared/use-cases/subscriptions/sign-up.js';
import { codeBudgetUse } from '../../../shared/use-cases/subscriptions/sign-up-limits.js';
import { lambdaContext, sqsEvent } from '../../fixtures/events.js';
import { startTestTable, type TestTable } from '../../support/dynamo.js';
import { plannedBroadcast, type TestContext, testContext } from '../handlers/app-context.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The test clock starts on the hour (10:00 UTC), so windows begin with the test. */
const DEFAULTS = SignUpProtection.parse({});
/** Rules that never refuse, so each test turns on only the one it is about. */
const OPEN: Registry['subscriptions']['protection'] = {
  codeSms: { perHour: 10_000, perDay: 10_000, usdEach: 0.000_001 },
  destinationPrefix: { ...DEFAULTS.destinationPrefix, codeSms: 10_000, emails: 10_000 },
  coolDown: { ...DEFAULTS.coolDown, freeSignUps: 10 },
  form: { minFillSeconds: 0 },
};

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => table.close());

let context: TestContext;
beforeEach(async () => {
  context = await testContext(table);
});

type Protection = Registry['subscriptions']['protection'];
/** The test context with only the given protection rules tightened (limits per client and address lifted). */
function withProtection(protection: { [K in keyof Protection]?: Partial<Protection[K]> }): TestContext {
  const merged = Object.fromEntries(
    Object.entries(OPEN).map(([rule, values]) => [
      rule,
      { ...values, ...protection[rule as keyof Protection] },
    ]),
  ) as Protection;
  return {
    ...context,
    registry: {
      ...context.registry,
      subscriptions: {
        ...context.registry.subscriptions,
        perClientPerHour: 10_000,
        perAddressPerHour: 10_000,
        protection: merged,
      },
    },
  };
}

let client = 0;
/** Each call from its own client address, as a botnet rotating addresses would. */
function signUpFrom(ports: TestContext, channel: 'sms' | 'email', address: string) {
  client += 1;
  return signUp(
    ports,
    { channel, address, areas: ['14'], language: 'en' },
    { ip: `198.51.100.${client % 250}` },
  );
}

/** A different Toronto-area number (or area code) each time. */
const number = (area: string, i: number) => `+1${area}555${String(100 + i).padStart(4, '0')}`;

async function refusal(act: Promise<unknown>): Promise<unknown> {
  return act.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error,
  );
}

describe('the sign-up code budget', () => {
  it('stops code SMS past the hourly budget with a 503 error naming the rule and the end of the hour, storing and sending nothing', async () => {
    const ports = withProtection({ codeSms: { perHour: 3, perDay: 100 } });
    const areas = ['416', '647', '437'];
    for (const [i, area] of areas.entries()) await signUpFrom(ports, 'sms', number(area, i));
    context.clock.advance(15 * MINUTE);

    const error = await refusal(signUpFrom(ports, 'sms', number('905', 9)));

    expect(error).toBeInstanceOf(CodeBudgetExhaustedError);
    expect(error).toMatchObject({ rule: 'code-budget-hour', retryAfterSeconds: 45 * 60 });
    expect(context.topicSubscriber.texts).toHaveLength(3);
    expect(context.lines.filter((l) => l.metric === 'SignUpCodeBudgetTripped')).toHaveLength(1);
    expect(context.lines.filter((l) => l.metric === 'SignUpCodeSent')).toHaveLength(3);
  });

  it('sends codes again once the hour is over', async () => {
    const ports = withProtection({ codeSms: { perHour: 1, perDay: 100 } });
    await signUpFrom(ports, 'sms', number('416', 1));
    await expect(signUpFrom(ports, 'sms', number('647', 2))).rejects.toBeInstanceOf(CodeBudgetExhaustedError);

    context.clock.advance(HOUR);

    expect((await signUpFrom(ports, 'sms', number('647', 2))).status).toBe('PENDING_CODE');
  });

  it('stops code SMS for the rest of the day past the daily budget, whatever the hour', async () => {
    const ports = withProtection({ codeSms: { perHour: 2, perDay: 3 } });
    await signUpFrom(ports, 'sms', number('416', 1));
    await signUpFrom(ports, 'sms', number('647', 2));
    context.clock.advance(HOUR);
    await signUpFrom(ports, 'sms', number('437', 3));

    const error = await refusal(signUpFrom(ports, 'sms', number('905', 4)));

    expect(error).toMatchObject({ rule: 'code-budget-day', retryAfterSeconds: 13 * 3600 });
    expect(context.topicSubscriber.texts).toHaveLength(3);
  });

  it('does not limit e-mail sign-ups, which send no code', async () => {
    const ports = withProtection({ codeSms: { perHour: 1, perDay: 1 } });
    await signUpFrom(ports, 'sms', number('416', 1));

    const email = await signUpFrom(ports, 'email', 'jo@example.org');

    expect(email.status).toBe('PENDING_EMAIL_CONFIRMATION');
  });

  it('leaves alert publishing untouched once it is used up', async () => {
    const ports = withProtection({ codeSms: { perHour: 1, perDay: 1 } });
    await signUpFrom(ports, 'sms', number('416', 1));
    await expect(signUpFrom(ports, 'sms', number('647', 2))).rejects.toBeInstanceOf(CodeBudgetExhaustedError);
    installContext(context);
    const { jobs } = await plannedBroadcast(context);
    const snsJobs = jobs.filter((job) => job.channel === 'sns');

    const result = await snsWorker(sqsEvent(snsJobs), lambdaContext('herald-sns-worker'));

    expect(snsJobs.length).toBeGreaterThan(0);
    expect(result.batchItemFailures).toEqual([]);
    expect(context.publisher.messages.map((m) => m.topic).sort()).toEqual(
      snsJobs.map((j) => j.target).sort(),
    );
    for (const job of snsJobs) expect((await context.ledger.get(job))?.status).toBe('SENT');
  });

  it('is shown to staff as used and limit for the hour and the day', async () => {
    const ports = withProtection({ codeSms: { perHour: 5, perDay: 50 } });
    await signUpFrom(ports, 'sms', number('416', 1));
    await signUpFrom(ports, 'sms', number('647', 2));

    const use = await codeBudgetUse(ports);

    expect(use).toEqual({ hour: { used: 2, limit: 5 }, day: { used: 2, limit: 50 } });
    expect(smsBudgets(ports.registry, 1000, use)).toMatchObject({
      spendLimitUsd: ports.registry.sms.monthlySpendLimitUsd,
      codes: { hour: { used: 2, limit: 5 }, monthlyCeilingUsd: 50 * 31 * 0.000_001 },
    });
  });
});

describe('the destination prefix limit', () => {
  it('refuses codes to one country and area code past its limit whatever the client, and not to another area code', async () => {
    const ports = withProtection({ destinationPrefix: { codeSms: 2, windowMinutes: 60, digits: 3 } });
    await signUpFrom(ports, 'sms', number('416', 1));
    await signUpFrom(ports, 'sms', number('416', 2));

    const error = await refusal(signUpFrom(ports, 'sms', number('416', 3)));

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ rule: 'destination-prefix' });
    expect((await signUpFrom(ports, 'sms', number('647', 4))).status).toBe('PENDING_CODE');
    expect(context.topicSubscriber.texts.map((t) => t.phoneNumber.slice(0, 5))).toEqual([
      '+1416',
      '+1416',
      '+1647',
    ]);
  });

  it('slides: half an hour into the next window, half of the last window still counts', async () => {
    const ports = withProtection({ destinationPrefix: { codeSms: 4, windowMinutes: 60, digits: 3 } });
    for (let i = 0; i < 4; i++) await signUpFrom(ports, 'sms', number('416', i));
    context.clock.advance(HOUR + 30 * MINUTE);

    await signUpFrom(ports, 'sms', number('416', 10));
    await signUpFrom(ports, 'sms', number('416', 11));

    await expect(signUpFrom(ports, 'sms', number('416', 12))).rejects.toMatchObject({
      rule: 'destination-prefix',
    });
  });

  it('limits confirmation mails per domain', async () => {
    const ports = withProtection({ destinationPrefix: { emails: 2 } });
    await signUpFrom(ports, 'email', 'a@example.org');
    await signUpFrom(ports, 'email', 'b@EXAMPLE.org');

    await expect(signUpFrom(ports, 'email', 'c@example.org')).rejects.toMatchObject({
      rule: 'destination-prefix',
    });
    expect((await signUpFrom(ports, 'email', 'c@example.net')).status).toBe('PENDING_EMAIL_CONFIRMATION');
  });
});

describe('the per-address cool-down', () => {
  const coolDown = { freeSignUps: 2, firstSeconds: 60, factor: 4, maxSeconds: 3600, forgetAfterHours: 24 };

  it('lets two sign-ups of a number through, then makes each next one wait four times longer', async () => {
    const ports = withProtection({ coolDown });
    const phone = number('416', 7);
    await signUpFrom(ports, 'sms', phone);
    await signUpFrom(ports, 'sms', phone);

    await expect(signUpFrom(ports, 'sms', phone)).rejects.toMatchObject({
      rule: 'address-cool-down',
      retryAfterSeconds: 60,
    });
    context.clock.advance(MINUTE);
    await signUpFrom(ports, 'sms', phone);
    context.clock.advance(MINUTE);
    await expect(signUpFrom(ports, 'sms', phone)).rejects.toMatchObject({ retryAfterSeconds: 180 });
    context.clock.advance(3 * MINUTE);

    expect((await signUpFrom(ports, 'sms', phone)).status).toBe('PENDING_CODE');
    expect(context.topicSubscriber.texts).toHaveLength(4);
  });

  it('applies to e-mail addresses, and is forgotten after a quiet day', async () => {
    const ports = withProtection({ coolDown });
    for (let i = 0; i < 2; i++) await signUpFrom(ports, 'email', 'jo@example.org');
    await expect(signUpFrom(ports, 'email', 'jo@example.org')).rejects.toBeInstanceOf(RateLimitedError);

    context.clock.advance(24 * HOUR);

    expect((await signUpFrom(ports, 'email', 'jo@example.org')).status).toBe('PENDING_EMAIL_CONFIRMATION');
    expect((await signUpFrom(ports, 'email', 'jo@example.org')).status).toBe('PENDING_EMAIL_CONFIRMATION');
  });

  it('lets only one of several simultaneous sign-ups of the same address take its turn', async () => {
    const waitAfter = (previous: number) => (previous === 0 ? 0 : 3600);

    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => context.rateLimiter.coolDown('cooldown#same', waitAfter, 86_400)),
    );

    expect(outcomes.filter((o) => o.allowed)).toHaveLength(1);
  });
});

describe('the sliding window counter', () => {
  it('grants exactly the limit to simultaneous takes', async () => {
    const takes = await Promise.all(
      Array.from({ length: 10 }, () => context.rateLimiter.takeSliding('prefix#burst', 3, 3600)),
    );

    expect(takes.filter(Boolean)).toHaveLength(3);
    expect(await context.rateLimiter.used('prefix#burst', 3600)).toBe(3);
  });
});

describe('the protection rules themselves', () => {
  it('take the prefix as country code plus area code, and the domain of an e-mail address', () => {
    expect(destinationPrefix('sms', '+14165550167', 3)).toBe('+1416');
    expect(destinationPrefix('sms', '+33612345678', 2)).toBe('+3361');
    expect(destinationPrefix('email', 'Jo@example.org', 3)).toBe('@example.org');
  });

  it('grow the cool-down by its factor up to its maximum', () => {
    const rule = { freeSignUps: 2, firstSeconds: 60, factor: 4, maxSeconds: 3600, forgetAfterHours: 24 };

    expect([0, 1, 2, 3, 4, 5].map((previous) => coolDownSeconds(previous, rule))).toEqual([
      0, 0, 60, 240, 960, 3600,
    ]);
  });

  it('refuse a registry whose code budget could spend over a quarter of the SMS spend limit', () => {
    const registry = structuredClone(context.registry) as Record<string, any>;
    registry.sms.monthlySpendLimitUsd = 100;
    registry.subscriptions.protection.codeSms = { perHour: 100, perDay: 1000, usdEach: 0.01 };

    const parsed = RegistrySchema.safeParse(registry);

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(
      'subscriptions.protection.codeSms.perDay',
    );
  });

  it('refuse an hourly code budget above the daily one', () => {
    const registry = structuredClone(context.registry) as Record<string, any>;
    registry.subscriptions.protection.codeSms = { perHour: 50, perDay: 40, usdEach: 0.01 };

    const parsed = RegistrySchema.safeParse(registry);

    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(
      'subscriptions.protection.codeSms.perHour',
    );
  });
});
