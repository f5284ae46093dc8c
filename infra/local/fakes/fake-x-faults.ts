import * as z from 'zod';
import type { PostIndex } from './fake-x-index.js';
import { DEFAULT_X_LIMITS, exhaustedHeaders, usageHeaders } from './fake-x-limits.js';
import { baseFaultsSchema, type FaultSettings } from './faults.js';

/** The faults a test can inject into the fake X, and the injected rate limit's countdown. */

export const xFaultsSchema = baseFaultsSchema.extend({
  /** The next `posts` posts (of `accountId`, or of any account) answer 429. */
  rateLimit: z
    .object({
      posts: z.number().int().min(1),
      accountId: z.string().optional(),
      /** Which limit ran out: the 15-minute user window, the user's 24 h or the app's 24 h. */
      scope: z.enum(['window', 'user-day', 'app-day']).default('window'),
      /** Epoch seconds; defaults to now + `resetInSeconds`. */
      resetAt: z.number().int().optional(),
      resetInSeconds: z.number().int().min(0).default(900),
    })
    .optional(),
  /** Accounts whose tokens X no longer accepts (401). */
  revoked: z.array(z.string()).default([]),
  /** Accounts X has suspended (403). */
  suspended: z.array(z.string()).default([]),
  /**
   * The limits the usage headers report (X's plan). The defaults are the published ones; a load
   * test posting thousands of times an hour models a larger plan, or every account would report
   * its 15-minute window used up and the adapter would rightly wait for its reset.
   */
  limits: z
    .strictObject({
      window: z.number().int().min(1).default(DEFAULT_X_LIMITS.window),
      userDay: z.number().int().min(1).default(DEFAULT_X_LIMITS.userDay),
      appDay: z.number().int().min(1).default(DEFAULT_X_LIMITS.appDay),
    })
    .default(DEFAULT_X_LIMITS),
});
export type XFaults = z.output<typeof xFaultsSchema>;
export type XFaultsInput = z.input<typeof xFaultsSchema>;

/**
 * For each post of an account, the headers of a 429 while an injected rate limit still has posts
 * to refuse, else undefined. A new `rateLimit` fault starts a new countdown.
 */
export function injectedRateLimits(
  faults: FaultSettings<XFaults, XFaultsInput>,
  posts: PostIndex,
  now: () => number,
): (accountId: string) => Record<string, string> | undefined {
  let rateLimited: { fault: XFaults['rateLimit']; left: number } = { fault: undefined, left: 0 };
  return (accountId) => {
    const fault = faults.current.rateLimit;
    if (rateLimited.fault !== fault) rateLimited = { fault, left: fault?.posts ?? 0 };
    if (!fault || rateLimited.left <= 0) return undefined;
    if (fault.accountId !== undefined && fault.accountId !== accountId) return undefined;
    rateLimited.left -= 1;
    const resetS = fault.resetAt ?? Math.floor(now() / 1000) + fault.resetInSeconds;
    return exhaustedHeaders(
      usageHeaders(posts, accountId, now(), faults.current.limits),
      fault.scope,
      resetS,
      faults.current.limits,
    );
  };
}
