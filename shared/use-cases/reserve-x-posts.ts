import type { Logger } from '../ports/logger.js';
import type { XPostBudget } from '../ports/x-budget.js';

/**
 * Takes posts from the X app's 24-hour budget. Every granted reservation logs the line CloudWatch
 * turns into the `XBudgetUsedPercent` metric (the 70% alarm), wherever it is made.
 */
export async function reserveXPosts(
  deps: { xBudget: XPostBudget; log: Logger },
  count: number,
  now: Date,
): ReturnType<XPostBudget['reserve']> {
  const reservation = await deps.xBudget.reserve(count, now);
  if (reservation.granted)
    deps.log.info('x budget reserved', {
      metric: 'XBudgetUsedPercent',
      usedPercent: reservation.usedPercent,
    });
  return reservation;
}
