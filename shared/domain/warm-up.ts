import * as z from 'zod';
import type { Broadcast } from './broadcast.js';
import { type DeliveryQueue, isDeliveryQueue, type QueueName } from './dispatch.js';
import { lazySchema } from './lazy-schema.js';

/**
 * Warming the delivery workers while a broadcast awaits its approval (docs/architecture.md D40).
 * The two-person rule puts a human between filing and approval; the workers' cold starts can be
 * paid in that time instead of after the approval.
 */

/** What a warm-up invocation carries: the broadcast to read, and for the X worker the account to prepare. */
export const WarmUpEvent = lazySchema(() =>
  z.strictObject({
    heraldWarmUp: z.strictObject({
      broadcastId: z.string().min(1).max(80),
      accountId: z.string().min(1).max(80).optional(),
    }),
  }),
);
export type WarmUpEvent = z.infer<typeof WarmUpEvent>;
export type WarmUp = WarmUpEvent['heraldWarmUp'];

/** A warm-up rather than a queue's or the API's event (its shape is checked by `WarmUpEvent`). */
export function isWarmUpEvent(event: unknown): event is { heraldWarmUp: unknown } {
  return typeof event === 'object' && event !== null && 'heraldWarmUp' in event;
}

/** What approval would queue for a broadcast: one X job per account, one SNS job per topic. */
export interface DispatchShape {
  broadcastId: string;
  accounts: readonly string[];
  topics: number;
}

export function dispatchShape(broadcast: Pick<Broadcast, 'id' | 'audience'>): DispatchShape {
  return {
    broadcastId: broadcast.id,
    accounts: broadcast.audience.accounts,
    topics: broadcast.audience.topics.length,
  };
}

/** How a delivery queue's consumer is triggered (its manifest trigger). */
export interface WorkerScaling {
  batchSize: number;
  maxConcurrency: number;
}

/** How many jobs approval would send to each delivery queue. */
export function deliveryJobs(shape: DispatchShape): Record<DeliveryQueue, number> {
  return { 'x-deliveries': shape.accounts.length, 'sns-deliveries': shape.topics };
}

/**
 * One warm-up per environment the queue's jobs will occupy: the jobs in batches, at most the
 * trigger's concurrency. Each X warm-up names an account, so its environment reads that account's
 * credentials; an environment may serve another account later, and then reads only that secret.
 */
export function warmUpEvents(queue: QueueName, shape: DispatchShape, scaling: WorkerScaling): WarmUpEvent[] {
  const jobs = isDeliveryQueue(queue) ? deliveryJobs(shape)[queue] : 0;
  const environments = Math.min(Math.ceil(jobs / scaling.batchSize), scaling.maxConcurrency);
  return Array.from({ length: environments }, (_, i) => {
    const accountId = queue === 'x-deliveries' ? shape.accounts[i * scaling.batchSize] : undefined;
    return { heraldWarmUp: { broadcastId: shape.broadcastId, ...(accountId ? { accountId } : {}) } };
  });
}
