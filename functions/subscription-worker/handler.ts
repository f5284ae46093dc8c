import { SubscriptionJobMessage } from '../../shared/domain/subscription.js';
import { snsSubscriber } from '../../shared/runtime/aws/sns-subscriber.js';
import { table } from '../../shared/runtime/aws/table.js';
import { subscriberVault } from '../../shared/runtime/aws/vault.js';
import { awsContext } from '../../shared/runtime/aws-context.js';
import { queueWorker } from '../../shared/runtime/queue-worker.js';
import { rateLimiter, subscriptionStore } from '../../shared/runtime/table-ports.js';
import { syncTopic } from '../../shared/use-cases/subscriptions/sync-topic.js';

/** The AWS adapters this function uses (its manifest access; checked by tests/unit/runtime). */
export const appContext = awsContext(table(subscriptionStore, rateLimiter), snsSubscriber, subscriberVault);

/**
 * Brings one address's SNS subscription to one topic in line with its holds per record. Records
 * run one by one: every SNS call waits for a slot of the account-wide Subscribe rate anyway.
 */
export const handler = queueWorker({
  appContext,
  job: SubscriptionJobMessage,
  kind: 'subscription',
  inParallel: false,
  run: (app, job) => syncTopic(app, job),
});
