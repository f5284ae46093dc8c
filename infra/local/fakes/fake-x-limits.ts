import type { PostIndex } from './fake-x-index.js';
import type { PostRecord } from './inbox-store.js';

/**
 * X's rate-limit headers for POST /2/tweets, computed from the inbox, and the headers of an
 * injected 429 for whichever limit the fault says ran out.
 */

const WINDOW_SECONDS = 15 * 60;
const DAY_SECONDS = 24 * 60 * 60;
/** Reported limits (QUOTAS.md: current table; the older Basic plan for the user's 24 h). */
export const DEFAULT_X_LIMITS = { window: 100, userDay: 100, appDay: 10_000 };
export type XLimits = typeof DEFAULT_X_LIMITS;
/** X's epoch for snowflake ids. */
const X_EPOCH = 1288834974657n;

export type LimitScope = 'window' | 'user-day' | 'app-day';

export function usageHeaders(
  posts: PostIndex,
  accountId: string,
  nowMs: number,
  limits: XLimits = DEFAULT_X_LIMITS,
): Record<string, string> {
  const nowS = Math.floor(nowMs / 1000);
  const inWindow = posts.timesSince(nowS - WINDOW_SECONDS, accountId);
  const inDay = posts.timesSince(nowS - DAY_SECONDS);
  return {
    'x-rate-limit-limit': String(limits.window),
    'x-rate-limit-remaining': String(Math.max(0, limits.window - inWindow.length)),
    'x-rate-limit-reset': String((inWindow[0] ?? nowS) + WINDOW_SECONDS),
    'x-app-limit-24hour-limit': String(limits.appDay),
    'x-app-limit-24hour-remaining': String(Math.max(0, limits.appDay - inDay.length)),
    'x-app-limit-24hour-reset': String((inDay[0] ?? nowS) + DAY_SECONDS),
  };
}

/** The usage headers with the limit of `scope` exhausted until `resetS` (epoch seconds). */
export function exhaustedHeaders(
  usage: Record<string, string>,
  scope: LimitScope,
  resetS: number,
  limits: XLimits = DEFAULT_X_LIMITS,
) {
  const reset = String(resetS);
  if (scope === 'window') return { ...usage, 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': reset };
  if (scope === 'app-day') {
    return { ...usage, 'x-app-limit-24hour-remaining': '0', 'x-app-limit-24hour-reset': reset };
  }
  return {
    ...usage,
    'x-user-limit-24hour-limit': String(limits.userDay),
    'x-user-limit-24hour-remaining': '0',
    'x-user-limit-24hour-reset': reset,
  };
}

/** Snowflake-like ids: time-ordered, unique, and above every id already in the inbox. */
export function snowflakes(existing: PostRecord[], now: () => number) {
  let last = existing.reduce((max, p) => (BigInt(p.id) > max ? BigInt(p.id) : max), 0n);
  return {
    next(): string {
      const candidate = (BigInt(now()) - X_EPOCH) << 22n;
      last = candidate > last ? candidate : last + 1n;
      return last.toString();
    },
  };
}
