import * as z from 'zod';
import type { Delivery, DeliveryJob, DeliveryStatus, DispatchStatus, DispatchSummary } from './broadcast.js';
import { lazySchema } from './lazy-schema.js';

const OPEN: ReadonlySet<DeliveryStatus> = new Set(['PENDING', 'SENDING', 'UNKNOWN']);

export function isTerminal(status: DeliveryStatus): boolean {
  return !OPEN.has(status);
}

/** The broadcast's aggregate status, derived from its deliveries (ARCHITECTURE.md 4.5). */
export function summarizeDeliveries(deliveries: readonly Delivery[]): DispatchSummary {
  const counts: Record<DeliveryStatus, number> = { PENDING: 0, SENDING: 0, SENT: 0, FAILED: 0, UNKNOWN: 0 };
  for (const d of deliveries) counts[d.status] += 1;
  const sentTimes = deliveries.flatMap((d) => (d.sentAt ? [d.sentAt] : [])).sort();
  return {
    status: aggregate(counts, deliveries.length),
    settled: counts.SENT + counts.FAILED,
    counts,
    ...(sentTimes.length > 0 ? { firstDeliveredAt: sentTimes[0], lastDeliveredAt: sentTimes.at(-1) } : {}),
  };
}

function aggregate(counts: Record<DeliveryStatus, number>, total: number): DispatchStatus {
  if (counts.PENDING + counts.SENDING + counts.UNKNOWN > 0 || total === 0) return 'DISPATCHING';
  if (counts.SENT === total) return 'DELIVERED';
  if (counts.FAILED === total) return 'FAILED';
  return 'PARTIALLY_DELIVERED';
}

/** Exponential backoff with full jitter, capped; `random` is injectable for tests. */
export function backoffMs(
  attempt: number,
  random: () => number = Math.random,
  baseMs = 1_000,
  capMs = 60_000,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * The queue per channel: X and SNS workers scale and fail independently. `public-site` asks for
 * the public pages and feeds to be rendered again.
 */
export type QueueName = 'x-deliveries' | 'sns-deliveries' | 'subscription-changes' | 'public-site';

/** The queues whose consumers deliver broadcasts, one per channel. */
export const DELIVERY_QUEUES = ['x-deliveries', 'sns-deliveries'] as const;
export type DeliveryQueue = (typeof DELIVERY_QUEUES)[number];

export function queueFor(channel: 'x' | 'sns'): DeliveryQueue {
  return channel === 'x' ? 'x-deliveries' : 'sns-deliveries';
}

export function isDeliveryQueue(queue: QueueName): queue is DeliveryQueue {
  return (DELIVERY_QUEUES as readonly QueueName[]).includes(queue);
}

/** Only the three fields that name a delivery: what its queue message carries and its log lines name. */
export function jobOf(job: DeliveryJob): DeliveryJob {
  return { broadcastId: job.broadcastId, channel: job.channel, target: job.target };
}

/**
 * A message on one channel's delivery queue. A job of the other channel is refused without
 * echoing what it carried: a message body must never reach the logs.
 */
export function deliveryJobMessage<C extends 'x' | 'sns'>(channel: C) {
  return lazySchema(() =>
    z.strictObject({
      broadcastId: z.string().min(1).max(64),
      channel: z.literal(channel, { error: `a job of another channel on the ${channel} queue` }),
      target: z.string().min(1).max(256),
    }),
  );
}
