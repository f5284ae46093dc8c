import { ConflictError } from '../../domain/errors.js';
import { type Subscription, topicDifference } from '../../domain/subscription.js';
import type { SubscriptionPorts } from './subscription-ports.js';

/** The topics a subscription holds in SNS terms: its topics while ACTIVE, none otherwise. */
export function heldTopics(subscription: Subscription): string[] {
  return subscription.status === 'ACTIVE' ? subscription.topics : [];
}

/**
 * Writes a new state of a subscription (without its code once it is no longer waiting for one)
 * and brings its topic holds in line, crash-safe: the
 * "syncing" mark (with the topics held before) is written first and cleared only once the worker's
 * jobs are queued, so the sweep finishes whatever a dead process left half done.
 */
export async function changeSubscription(
  ports: SubscriptionPorts,
  before: Subscription,
  after: Subscription,
): Promise<Subscription> {
  const at = ports.clock.now().toISOString();
  await ports.subscriptions.markSyncing(before.id, heldTopics(before), at);
  // The SMS code is spent once a subscription leaves PENDING_CODE, whichever way it leaves.
  const { code: _spent, ...withoutCode } = after;
  const next = {
    ...(after.status === 'PENDING_CODE' ? after : withoutCode),
    version: before.version + 1,
    updatedAt: at,
  };
  if (!(await ports.subscriptions.update(next, before.version)))
    throw new ConflictError('the subscription changed meanwhile; read it again');
  await syncHolds(ports, next, heldTopics(before));
  await ports.subscriptions.clearSyncing(before.id);
  return next;
}

/** Stores a new subscription and its holds, with the same syncing mark as a change from nothing. */
export async function startSubscription(ports: SubscriptionPorts, subscription: Subscription): Promise<void> {
  await ports.subscriptions.markSyncing(subscription.id, [], ports.clock.now().toISOString());
  await ports.subscriptions.create(subscription);
  await syncHolds(ports, subscription, []);
  await ports.subscriptions.clearSyncing(subscription.id);
}

/** Idempotent: adds the holds the subscription wants, releases the others it had, queues the worker. */
export async function syncHolds(
  ports: SubscriptionPorts,
  subscription: Subscription,
  previouslyHeld: string[],
): Promise<void> {
  const at = ports.clock.now().toISOString();
  const wanted = heldTopics(subscription);
  const { addressHash, id: subscriptionId } = subscription;
  for (const topic of wanted) {
    await ports.subscriptions.hold({
      addressHash,
      topic,
      subscriptionId,
      channel: subscription.channel,
      sealedAddress: subscription.sealedAddress,
      at,
    });
  }
  const { drop: dropped } = topicDifference(previouslyHeld, wanted);
  for (const topic of dropped) await ports.subscriptions.release({ addressHash, topic, subscriptionId, at });
  const touched = [...new Set([...wanted, ...dropped])];
  if (touched.length > 0)
    await ports.queue.send(
      'subscription-changes',
      touched.map((topic) => ({ addressHash, topic })),
    );
}

/** Finishes changes whose process died between the syncing mark and the queued jobs. */
export async function sweepUnfinishedChanges(ports: SubscriptionPorts, olderThanMs: number): Promise<number> {
  const before = new Date(ports.clock.now().getTime() - olderThanMs).toISOString();
  const unfinished = await ports.subscriptions.listSyncing(before, 500);
  for (const { subscriptionId, previousTopics } of unfinished) {
    const subscription = await ports.subscriptions.get(subscriptionId);
    if (subscription) await syncHolds(ports, subscription, previousTopics);
    await ports.subscriptions.clearSyncing(subscriptionId);
  }
  return unfinished.length;
}
