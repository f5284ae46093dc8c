const HOUR = 3_600_000;
export const BUDGET_WINDOW_MS = 24 * HOUR;

/** The X app's post budget as counted: its limit and the posts of each hour of the window. */
export interface BudgetUsage {
  limit: number;
  /** One entry per hour that has posts: the hour's start (epoch ms) and its count. */
  hours: { start: number; used: number }[];
}

export interface XPostingSchedule {
  limit: number;
  used: number;
  /** Accounts whose whole thread fits in what is left now. */
  postNow: string[];
  /** The others, each with the earliest time enough of the budget is free again. */
  postLater: { accountId: string; at: string }[];
}

export function usedInWindow(usage: BudgetUsage, now: number): number {
  return usage.hours.filter((h) => h.start > now - BUDGET_WINDOW_MS).reduce((sum, h) => sum + h.used, 0);
}

/**
 * Which accounts can post a broadcast now within the app's 24-hour budget, and when the rest can:
 * posts leave the rolling window an hour bucket at a time, 24 hours after the bucket started.
 */
export function scheduleXPosts(
  usage: BudgetUsage,
  accounts: readonly string[],
  postsPerAccount: number,
  now: number,
): XPostingSchedule {
  const live = usage.hours.filter((h) => h.start > now - BUDGET_WINDOW_MS).sort((a, b) => a.start - b.start);
  let free = usage.limit - live.reduce((sum, h) => sum + h.used, 0);
  const postNow: string[] = [];
  const postLater: { accountId: string; at: string }[] = [];
  let next = 0;
  let at = now;
  for (const accountId of accounts) {
    while (free < postsPerAccount && next < live.length) {
      const hour = live[next++] as { start: number; used: number };
      free += hour.used;
      at = Math.max(at, hour.start + BUDGET_WINDOW_MS);
    }
    if (free < postsPerAccount) {
      // Even an empty window cannot hold it: the limit is below one thread.
      postLater.push({ accountId, at: new Date(at + BUDGET_WINDOW_MS).toISOString() });
      continue;
    }
    free -= postsPerAccount;
    if (at === now) postNow.push(accountId);
    else postLater.push({ accountId, at: new Date(at).toISOString() });
  }
  return { limit: usage.limit, used: usedInWindow(usage, now), postNow, postLater };
}
