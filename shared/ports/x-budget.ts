import type { BudgetUsage } from '../domain/x-schedule.js';

/**
 * The X app's rolling 24-hour post budget (all accounts together), kept as an atomic counter so
 * every worker sees the same count.
 */
export interface XPostBudget {
  /** Takes `count` posts from the budget, or says when enough will be free again. */
  /** `usedPercent`: the window's use after a granted reservation (the 70% alarm's metric). */
  reserve(
    count: number,
    now: Date,
  ): Promise<{ granted: true; usedPercent: number } | { granted: false; retryAt: number }>;
  /** Posts counted per hour over the last 24 hours, oldest first, and the limit. */
  usage(now: Date): Promise<BudgetUsage>;
}
