import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { snsSubscriber } from '../../shared/runtime/aws/sns-subscriber.js';
import { sqsQueue } from '../../shared/runtime/aws/sqs.js';
import { table } from '../../shared/runtime/aws/table.js';
import { subscriberVault } from '../../shared/runtime/aws/vault.js';
import { awsContext } from '../../shared/runtime/aws-context.js';
import { rateLimiter, subscriptionStore } from '../../shared/runtime/table-ports.js';
import { type OptOutReport, syncOptOuts } from '../../shared/use-cases/subscriptions/sync-opt-outs.js';

/** The AWS adapters this function uses (its manifest access; checked by tests/unit/runtime). */
export const appContext = awsContext(
  table(subscriptionStore, rateLimiter),
  sqsQueue,
  snsSubscriber,
  subscriberVault,
);

/** Every minute: numbers that replied STOP lose their subscriptions; unfinished changes are finished. */
export const handler = middy<ScheduledEvent, OptOutReport, Error, Context>().handler(async () =>
  syncOptOuts(await appContext()),
);
