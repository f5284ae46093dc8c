import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import * as z from 'zod';
import { lazySchema } from './lazy-schema.js';

/**
 * What keeps the public sign-up from being turned against the alerts (docs/architecture.md D34):
 * sign-up codes draw on a budget of their own far below the account's SMS spend limit, only
 * numbers of the accepted countries get one, destinations are limited per prefix whatever client
 * asks, an address that keeps being signed up waits longer each time, and the forms carry a
 * no-JavaScript bot check. Every number is here, read from the registry's `subscriptions.protection`.
 */

const Count = lazySchema(() => z.number().int().min(1));

export const SignUpProtection = lazySchema(() =>
  z.strictObject({
    /** The sign-up code SMS budget, across every client and number. Past it codes stop (503). */
    codeSms: z
      .strictObject({
        // Within a quarter of the default spend limit (USD 100): 60 x 31 x 0.01 = USD 18.60.
        perHour: Count.default(20),
        perDay: Count.default(60),
        /** What one code SMS costs at most (USD, one part, the dearest accepted country). */
        usdEach: z.number().positive().max(1).default(0.01),
      })
      .prefault({}),
    /** A sliding window per destination prefix: codes per country plus area code, mails per domain. */
    destinationPrefix: z
      .strictObject({
        windowMinutes: z.number().int().min(1).max(1440).default(60),
        /** National digits after the country code that make the prefix (3: a NANP area code). */
        digits: z.number().int().min(1).max(8).default(3),
        codeSms: Count.default(60),
        emails: Count.default(200),
      })
      .prefault({}),
    /**
     * One address signed up again and again waits `firstSeconds`, then `factor` times longer each
     * time, up to `maxSeconds`; the first `freeSignUps` do not wait. Forgotten after a quiet spell.
     */
    coolDown: z
      .strictObject({
        freeSignUps: z.number().int().min(1).max(10).default(2),
        firstSeconds: z.number().int().min(1).default(60),
        factor: z.number().min(1).max(10).default(4),
        maxSeconds: z.number().int().min(1).default(86_400),
        forgetAfterHours: z.number().int().min(1).max(720).default(24),
      })
      .prefault({}),
    /** The forms' bot check: a post sooner than this after the form was served is refused (0: off). */
    form: z.strictObject({ minFillSeconds: z.number().min(0).max(600).default(3) }).prefault({}),
  }),
);
export type SignUpProtection = z.infer<typeof SignUpProtection>;

/** The sign-up form's bot-check field: hidden from people, so anything in it was put there by a bot. */
export const HONEYPOT_FIELD = 'website';

/** At most this share of the monthly SMS spend limit may go to sign-up codes: alerts keep the rest. */
export const CODE_BUDGET_MAX_SHARE = 0.25;

/** What the code budget can cost in a 31-day month if every day is used up (USD). */
export function codeBudgetMonthlyUsd(codes: SignUpProtection['codeSms']): number {
  return codes.perDay * 31 * codes.usdEach;
}

/** The countries whose numbers may sign up: the registry's list, or the service's own country. */
export function acceptedCountries(subscriptions: {
  allowedCountries?: string[] | undefined;
  defaultCountry: string;
}): string[] {
  return subscriptions.allowedCountries ?? [subscriptions.defaultCountry];
}

/**
 * Where a code or confirmation mail goes, coarsely: `+1416` (country code and the first national
 * digits) for a number in E.164, the domain for an e-mail address. Pumping attacks rotate numbers
 * inside ranges; the prefix is what they cannot rotate.
 */
export function destinationPrefix(channel: 'sms' | 'email', address: string, digits: number): string {
  if (channel === 'email') return `@${address.slice(address.lastIndexOf('@') + 1)}`;
  const parsed = parsePhoneNumberFromString(address);
  if (!parsed) return address.slice(0, 2 + digits);
  return `+${parsed.countryCallingCode}${parsed.nationalNumber.slice(0, digits)}`;
}

/** Seconds an address waits after its `previous` sign-ups (within the forget window) before the next. */
export function coolDownSeconds(previous: number, rule: SignUpProtection['coolDown']): number {
  if (previous < rule.freeSignUps) return 0;
  const wait = rule.firstSeconds * rule.factor ** (previous - rule.freeSignUps);
  return Math.min(rule.maxSeconds, Math.ceil(wait));
}

/** Use of a budget window. */
export interface BudgetUse {
  used: number;
  limit: number;
}

/** Both SMS budgets as the approver sees them beside a broadcast (D34). */
export interface SmsBudgets {
  /** The account's monthly SMS spend limit (USD): past it SNS sends no SMS at all. */
  spendLimitUsd: number;
  /** What this broadcast's SMS parts cost, at the registry's price of one SMS (USD). */
  broadcastUsd: number;
  codes: { hour: BudgetUse; day: BudgetUse; monthlyCeilingUsd: number };
}

export function smsBudgets(
  registry: { sms: { monthlySpendLimitUsd: number }; subscriptions: { protection: SignUpProtection } },
  smsParts: number,
  codes: { hour: BudgetUse; day: BudgetUse },
): SmsBudgets {
  const codeSms = registry.subscriptions.protection.codeSms;
  return {
    spendLimitUsd: registry.sms.monthlySpendLimitUsd,
    broadcastUsd: smsParts * codeSms.usdEach,
    codes: { ...codes, monthlyCeilingUsd: codeBudgetMonthlyUsd(codeSms) },
  };
}
