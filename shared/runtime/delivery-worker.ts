import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod';
import { Channel } from '../domain/vocabulary.js';
import { deliver } from '../use-cases/deliver.js';
import type { AppContext } from './context.js';
import { errorFields } from './logger.js';

const DeliveryJobMessage = z.strictObject({
  broadcastId: z.string().min(1).max(64),
  channel: Channel,
  target: z.string().min(1).max(256),
});

/**
 * The SQS consumer of one channel's queue. Each record is one delivery job; a record that fails
 * is reported back alone (`ReportBatchItemFailures`), so the others are not redone, and after the
 * queue's receive limit it lands in the dead-letter queue. `appContext` is the handler's own
 * (awsContext), so the worker's bundle holds only the adapters its handler declared.
 */
export function deliveryWorker(channel: Channel, appContext: () => Promise<AppContext>) {
  return middy<SQSEvent, SQSBatchResponse, Error, Context>().handler(async (event, context) => {
    const app = await appContext();
    const failed: string[] = [];
    await Promise.all(
      event.Records.map(async (record) => {
        try {
          const job = DeliveryJobMessage.parse(parseBody(record.body));
          if (job.channel !== channel) throw new Error(`a ${job.channel} job on the ${channel} queue`);
          await deliver(app, job, `worker:${context.functionName}`);
        } catch (error) {
          app.log.error('delivery job failed; it will be retried', {
            messageId: record.messageId,
            ...errorFields(error),
          });
          failed.push(record.messageId);
        }
      }),
    );
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  });
}

/** JSON.parse quotes the input in its error; a message body must never reach the logs. */
function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new Error('the message body is not JSON');
  }
}
