import type { Broadcast, Delivery } from '../domain/broadcast.js';
import { queueFor } from '../domain/dispatch.js';
import type { BroadcastRepository, DeliveryLedger, JobQueue } from '../ports/repositories.js';
import type { Clock } from '../ports/system.js';

export interface PlanDispatchDeps {
  broadcasts: BroadcastRepository;
  ledger: DeliveryLedger;
  queue: JobQueue;
  clock: Clock;
}

/**
 * Turns an approved broadcast into work (ARCHITECTURE.md 4.2).
 *
 * 1. Write one PENDING delivery per target with its deterministic id; existing ones are kept.
 * 2. Mark the broadcast planned.
 * 3. Enqueue one job per delivery on its channel's queue. A job for a delivery that is already
 *    done or taken is ignored by the worker, so planning again is always safe.
 */
export async function planDispatch(
  deps: PlanDispatchDeps,
  broadcast: Broadcast,
  actor: string,
): Promise<void> {
  const at = deps.clock.now();
  const deliveries: Delivery[] = broadcast.targets.map((target) => ({
    ...target,
    broadcastId: broadcast.id,
    status: 'PENDING',
    attempts: 0,
    notBefore: at.getTime(),
    providerIds: [],
    history: [{ at: at.toISOString(), actor, from: null, to: 'PENDING' }],
  }));
  await deps.ledger.plan(deliveries);
  await deps.broadcasts.markPlanned(broadcast.id, at.toISOString());
  for (const channel of ['x', 'sns'] as const) {
    const jobs = deliveries
      .filter((d) => d.channel === channel)
      .map((d) => ({ broadcastId: d.broadcastId, channel: d.channel, target: d.target }));
    if (jobs.length > 0) await deps.queue.send(queueFor(channel), jobs);
  }
}
