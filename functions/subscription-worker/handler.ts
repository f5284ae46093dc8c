import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { SubscriptionJobMessage } from '../../shared/domain/subscription.js';
import { snsSubscriber } from '../../shared/runtime/aws/sns-subscriber.js';
import { subscriberTable } from '../../shared/runtime/aws/table.js';
import { subscriberVault } from '../../shared/runtime/aws/vault.js';
import { awsContext } from '../../shared/runtime/aws-context.js';
import { errorFields } from '../../shared/runtime/logger.js';
import { syncTopic } from '../../shared/use-cases/subscriptions/sync-topic.js';

/** The AWS adapters this function uses (its manifest access; checked by tests/unit/runtime). */
export const appContext = awsContext(subscriberTable, snsSubscriber, subscriberVault);

/**
 * Brings one address's SNS subscription to one topic in line with its holds per record, at the
 * account-wide Subscribe rate; a failed record alone is retried, then dead-lettered.
 */
export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>().handler(async (event) => {
  const app = await appContext();
  const failed: string[] = [];
  for (const record of event.Records) {
    try {
      await syncTopic(app, SubscriptionJobMessage.parse(parseBody(record.body)));
    } catch (error) {
      app.log.error('subscription job failed; it will be retried', {
        messageId: record.messageId,
        ...errorFields(error),
      });
      failed.push(record.messageId);
    }
  }
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
});

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new Error('the message body is not JSON');
  }
}
