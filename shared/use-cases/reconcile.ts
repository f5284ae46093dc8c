import type { Delivery } from '../domain/broadcast.js';
import { queueFor } from '../domain/dispatch.js';
import type { Logger } from '../ports/logger.js';
import { type PlanDispatchDeps, planDispatch } from './plan-dispatch.js';
import { refreshDispatch } from './refresh-dispatch.js';

export interface ReconcileReport {
  broadcasts: number;
  planned: number;
  requeued: number;
  finished: number;
}

/**
 * The safety net of dispatch (ARCHITECTURE.md 4.4), run every minute and at local start-up.
 *
 * 1. For every approved broadcast still dispatching: plan it if its plan is missing or incomplete.
 * 2. Re-enqueue deliveries whose job was probably lost: PENDING and due for longer than
 *    `staleAfterMs`, SENDING with an expired lease, and UNKNOWN ones. Workers claim conditionally,
 *    so a job that was not lost after all is harmless.
 * 3. Refresh the derived status; finished broadcasts leave the list.
 */
export async function reconcile(
  deps: PlanDispatchDeps & { log: Logger },
  options: { staleAfterMs: number; actor?: string },
): Promise<ReconcileReport> {
  const actor = options.actor ?? 'system:reconciler';
  const report: ReconcileReport = { broadcasts: 0, planned: 0, requeued: 0, finished: 0 };
  const now = deps.clock.now().getTime();

  for (const broadcast of await deps.broadcasts.listDispatching()) {
    report.broadcasts += 1;
    const deliveries = await deps.ledger.listForBroadcast(broadcast.id);
    if (!broadcast.plannedAt || deliveries.length < broadcast.targets.length) {
      await planDispatch(deps, broadcast, actor);
      report.planned += 1;
      continue;
    }
    const lost = deliveries.filter((d) => isProbablyLost(d, now, options.staleAfterMs));
    for (const channel of ['x', 'sns'] as const) {
      const jobs = lost
        .filter((d) => d.channel === channel)
        .map((d) => ({ broadcastId: d.broadcastId, channel: d.channel, target: d.target }));
      if (jobs.length > 0) await deps.queue.send(queueFor(channel), jobs);
    }
    report.requeued += lost.length;
    const summary = await refreshDispatch(deps, broadcast);
    if (summary.status !== 'DISPATCHING') report.finished += 1;
  }
  // Every minute: pages of alerts past their expiry turn to expired, and a lost render is redone.
  await deps.queue.send('public-site', [{ reason: 'sweep' }]);
  if (report.planned + report.requeued > 0)
    deps.log.warn('reconciler found stale work', { ...report, metric: 'StaleWork' });
  return report;
}

function isProbablyLost(delivery: Delivery, now: number, staleAfterMs: number): boolean {
  switch (delivery.status) {
    case 'PENDING':
      return now - delivery.notBefore >= staleAfterMs;
    case 'SENDING':
      return (delivery.leaseUntil ?? 0) <= now;
    case 'UNKNOWN':
      return true;
    default:
      return false;
  }
}
