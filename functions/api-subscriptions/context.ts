import { snsSubscriber } from '../../shared/runtime/aws/sns-subscriber.js';
import { sqsQueue } from '../../shared/runtime/aws/sqs.js';
import { table } from '../../shared/runtime/aws/table.js';
import { subscriberVault } from '../../shared/runtime/aws/vault.js';
import { awsContext } from '../../shared/runtime/aws-context.js';
import { rateLimiter, subscriptionStore } from '../../shared/runtime/table-ports.js';

/** The AWS adapters this function uses (its manifest access; checked by tests/unit/runtime). */
export const appContext = awsContext(
  table(subscriptionStore, rateLimiter),
  sqsQueue,
  snsSubscriber,
  subscriberVault,
);
