import type { Broadcast, Delivery } from '../domain/broadcast.js';
import { queueFor } from '../domain/dispatch.js';
import type { Logger } from '../ports/logger.js';
import type { BroadcastRepository, DeliveryLedger, JobQueue } from '../ports/repositories.js';
import type { Clock } from '../ports/system.js';
import type { XPostBudget } from '../ports/x-budget.js';
import { reserveXPosts } from './reserve-x-posts.js';

export interface PlanDispatchDeps {
  broadcasts: BroadcastRepository;
  ledger: DeliveryLedger;
  queue: JobQueue;
  clock: Clock;
  xBudget: XPostBudget;
  log: Logger;
}

/**
 * Turns an approved broadcast into work (ARCHITECTURE.md 4.2).
 *
 * 1. Write one PENDING delivery per target with its deterministic id (existing ones are kept), and
 *    enqueue its job on its channel's queue. A job for a delivery that is already done or taken
 *    is ignored by the worker, so planning again is always safe.
 * 2. Mark the broadcast planned once every delivery is written.
 *
 * On approval the X posts of the whole broadcast are reserved against the app's 24-hour budget in
 * one write; when that does not fit, each account's worker reserves its own thread (and waits for
 * the budget if it must), as it does on every retry.
 */
export async function planDispatch(
  deps: PlanDispatchDeps,
  broadcast: Broadcast,
  actor: string,
  options: { reserveXBudget: boolean } = { reserveXBudget: false },
): Promise<void> {
  const at = deps.clock.now();
  // One reservation for every account's thread instead of one per account: 39 fewer counter
  // writes on the hot path of a 40-account broadcast. Only on approval: a re-plan after a crash
  // leaves it to the workers, so no post is counted twice by planning.
  const xPosts = broadcast.targets.filter((t) => t.channel === 'x').length * broadcast.content.xThread.length;
  const budgetReserved =
    options.reserveXBudget && xPosts > 0 && (await reserveXPosts(deps, xPosts, at)).granted;
  const deliveries: Delivery[] = broadcast.targets.map((target) => ({
    ...target,
    broadcastId: broadcast.id,
    status: 'PENDING',
    attempts: 0,
    notBefore: at.getTime(),
    providerIds: [],
    ...(budgetReserved && target.channel === 'x' ? { budgetReserved: true } : {}),
    history: [{ at: at.toISOString(), actor, from: null, to: 'PENDING' }],
  }));
  // X first, each job queued as soon as its delivery is written, so X workers start while the
  // rest is still being written. The topics follow once every account's job is queued: an X
  // thread is a chain of round trips and finishes last, while a publish is one call, so writing
  // the topics' deliveries alongside would only delay the X claims behind them in the table
  // (measured in docs/benchmarks.md).
  for (const channel of ['x', 'sns'] as const) {
    await Promise.all(
      deliveries
        .filter((delivery) => delivery.channel === channel)
        .map(async (delivery) => {
          await deps.ledger.plan([delivery]);
          await deps.queue.send(queueFor(channel), [
            { broadcastId: delivery.broadcastId, channel, target: delivery.target },
          ]);
        }),
    );
  }
  await deps.broadcasts.markPlanned(broadcast.id, at.toISOString());
}
