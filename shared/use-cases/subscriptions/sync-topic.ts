import type { SubscriptionJob, TopicHold } from '../../domain/subscription.js';
import type { SubscriptionPorts } from './subscription-ports.js';

const MAX_ROUNDS = 5;
const MAX_SLOT_WAITS = 60;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The worker sends no job of its own, so it needs no queue. */
export type SyncTopicPorts = Pick<
  SubscriptionPorts,
  'registry' | 'subscriptions' | 'vault' | 'topicSubscriber' | 'rateLimiter' | 'clock' | 'log'
>;

/**
 * The subscription worker's job: make one address's SNS subscription to one topic match its holds
 * (subscribed while someone holds it and the number has not opted out; gone otherwise). Idempotent:
 * SNS returns the same ARN for the same endpoint, and the ARN is written conditionally, so a job
 * run twice or after a crash converges to the same state and counts once.
 */
export async function syncTopic(
  ports: SyncTopicPorts,
  job: SubscriptionJob,
): Promise<'subscribed' | 'unsubscribed' | 'unchanged'> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const hold = await ports.subscriptions.getHold(job.addressHash, job.topic);
    if (!hold) return 'unchanged';
    const optedOut = hold.channel === 'sms' && (await ports.subscriptions.isOptedOut(hold.addressHash));
    const wanted = hold.holders.length > 0 && !optedOut;
    if (wanted === (hold.arn !== undefined)) return 'unchanged';
    await takeSlot(ports);
    if (wanted) {
      const address = await ports.vault.open(hold.sealedAddress);
      const arn = await ports.topicSubscriber.subscribe(hold.topic, hold.channel, address);
      if (await ports.subscriptions.settleHold(hold, arn)) return logged(ports, hold, 'subscribed');
    } else {
      await ports.topicSubscriber.unsubscribe(hold.arn as string);
      if (await ports.subscriptions.settleHold(hold, undefined)) return logged(ports, hold, 'unsubscribed');
    }
    // Someone settled the same hold first; look again.
  }
  throw new Error(`the hold on ${job.topic} kept changing; the queue will try again`);
}

function logged(ports: SyncTopicPorts, hold: TopicHold, outcome: 'subscribed' | 'unsubscribed') {
  ports.log.info(`topic ${outcome}`, { topic: hold.topic, channel: hold.channel });
  return outcome;
}

/** One SNS call of the account-wide budget (SNS's Subscribe limit is a hard 100 per second). */
async function takeSlot(ports: SyncTopicPorts): Promise<void> {
  const perSecond = ports.registry.subscriptions.snsCallsPerSecond;
  for (let wait = 0; wait < MAX_SLOT_WAITS; wait++) {
    if (await ports.rateLimiter.take('sns-subscribe-calls', perSecond, 1)) return;
    const now = ports.clock.now().getTime();
    await sleep(1000 - (now % 1000) + Math.floor(Math.random() * 50));
  }
  throw new Error('no SNS subscribe slot for a minute; the queue will try again');
}
