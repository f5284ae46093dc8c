import type { LocalRuntime } from '../infra/local/runtime.js';
import { BUDGET_WINDOW_MS, usedInWindow } from '../shared/domain/x-schedule.js';

/**
 * The X app's post budget held against what the fake X received: the most posts any rolling
 * 24-hour window of the run holds (every post the fake answered, probes included), and what
 * Herald's own counter says it took, against the registry's `x.appPostsPer24h`.
 */
export async function xBudgetCheck(runtime: LocalRuntime) {
  const times = runtime.inbox
    .posts()
    .map((p) => Date.parse(p.at))
    .sort((a, b) => a - b);
  let busiestWindow = 0;
  for (let first = 0, last = 0; last < times.length; last++) {
    while ((times[last] as number) - (times[first] as number) >= BUDGET_WINDOW_MS) first++;
    busiestWindow = Math.max(busiestWindow, last - first + 1);
  }
  const usage = await runtime.context.xBudget.usage(new Date());
  const limit = runtime.registry.x.appPostsPer24h;
  return {
    limit,
    postsInBusiestWindow: busiestWindow,
    countedByHerald: usedInWindow(usage, Date.now()),
    respected: busiestWindow <= limit,
  };
}

/** How many broadcasts of `postsPerBroadcast` posts fit in the budget, with `reserve` posts kept back. */
export function broadcastsWithinBudget(runtime: LocalRuntime, postsPerBroadcast: number, reserve: number) {
  return Math.floor((runtime.registry.x.appPostsPer24h - reserve) / postsPerBroadcast);
}
