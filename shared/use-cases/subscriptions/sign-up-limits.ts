import { CodeBudgetExhaustedError, RateLimitedError } from '../../domain/errors.js';
import { coolDownSeconds, destinationPrefix } from '../../domain/sign-up-protection.js';
import type { SubscriptionChannel } from '../../domain/subscription.js';
import type { SubscriptionPorts } from './subscription-ports.js';

const HOUR = 3600;
const DAY = 86_400;

/** The log metrics of the code budget (infra/aws/monitoring.ts counts them and alarms). */
export const CODE_SMS_METRICS = { sent: 'SignUpCodeSent', tripped: 'SignUpCodeBudgetTripped' } as const;

/** Keys of the code budget's windows, shared with the budget staff see (`codeBudgetUse`). */
const CODE_BUDGET_KEY = 'code-sms';

/**
 * The limits a sign-up passes before anything is stored or sent, cheapest first (D34):
 * 1. per client (IP) and per address per hour, fixed windows;
 * 2. the address's growing cool-down;
 * 3. the destination prefix's sliding window (codes per country and area code, mails per domain),
 *    across all clients, so rotating clients does not help.
 * The code budget is taken last, by `takeCodeSms`, so a refusal here spends none of it.
 */
export async function admitSignUp(
  ports: Pick<SubscriptionPorts, 'registry' | 'rateLimiter'>,
  sign: { channel: SubscriptionChannel; address: string; addressHash: string; clientKey: string },
): Promise<void> {
  const { rateLimiter } = ports;
  const limits = ports.registry.subscriptions;
  const protection = limits.protection;
  if (!(await rateLimiter.take(`client#${sign.clientKey}`, limits.perClientPerHour, HOUR)))
    throw new RateLimitedError('too many sign-ups from this connection; try again later', HOUR, 'per-client');
  if (!(await rateLimiter.take(`address#${sign.addressHash}`, limits.perAddressPerHour, HOUR)))
    throw new RateLimitedError('too many sign-ups for this address; try again later', HOUR, 'per-address');

  const rule = protection.coolDown;
  const coolDown = await rateLimiter.coolDown(
    `cooldown#${sign.addressHash}`,
    (previous) => coolDownSeconds(previous, rule),
    rule.forgetAfterHours * HOUR,
  );
  if (!coolDown.allowed)
    throw new RateLimitedError(
      'this address was signed up moments ago; wait before signing it up again',
      coolDown.retryAfterSeconds,
      'address-cool-down',
    );

  const prefixRule = protection.destinationPrefix;
  const prefix = destinationPrefix(sign.channel, sign.address, prefixRule.digits);
  const window = prefixRule.windowMinutes * 60;
  const limit = sign.channel === 'sms' ? prefixRule.codeSms : prefixRule.emails;
  if (!(await rateLimiter.takeSliding(`prefix#${sign.channel}#${prefix}`, limit, window)))
    throw new RateLimitedError(
      'too many sign-ups for addresses like this one just now; try again later',
      window,
      'destination-prefix',
    );
}

/**
 * Takes one code SMS from the hourly and the daily budget. A budget used up is the breaker open:
 * no code is sent until its window ends (a 503 with `retry-after`), and the metric the alarm
 * watches is logged. An hour's unit taken before the day refuses stays counted: the error is on
 * the side of sending fewer codes.
 */
export async function takeCodeSms(
  ports: Pick<SubscriptionPorts, 'registry' | 'rateLimiter' | 'clock' | 'log'>,
): Promise<void> {
  const budget = ports.registry.subscriptions.protection.codeSms;
  const nowS = Math.floor(ports.clock.now().getTime() / 1000);
  for (const [window, limit, rule] of [
    [HOUR, budget.perHour, 'code-budget-hour'],
    [DAY, budget.perDay, 'code-budget-day'],
  ] as const) {
    if (await ports.rateLimiter.take(`${CODE_BUDGET_KEY}#${window}`, limit, window)) continue;
    const retryAfter = window - (nowS % window);
    ports.log.warn('sign-up code budget used up: code SMS stopped', {
      rule,
      limit,
      retryAfterSeconds: retryAfter,
      metric: CODE_SMS_METRICS.tripped,
    });
    throw new CodeBudgetExhaustedError(
      `sign-up codes are paused: the ${window === HOUR ? 'hourly' : 'daily'} budget of ${limit} code SMS is used up; try again later`,
      retryAfter,
      rule,
    );
  }
}

/** The code budget as staff see it: used this hour and today, against the registry's limits. */
export async function codeBudgetUse(ports: Pick<SubscriptionPorts, 'registry' | 'rateLimiter'>) {
  const budget = ports.registry.subscriptions.protection.codeSms;
  const [hour, day] = await Promise.all([
    ports.rateLimiter.used(`${CODE_BUDGET_KEY}#${HOUR}`, HOUR),
    ports.rateLimiter.used(`${CODE_BUDGET_KEY}#${DAY}`, DAY),
  ]);
  return { hour: { used: hour, limit: budget.perHour }, day: { used: day, limit: budget.perDay } };
}
