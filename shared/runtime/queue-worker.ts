import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type * as z from 'zod';
import { errorFields, type Logger } from '../ports/logger.js';

export interface QueueWorkerOptions<J, C extends { log: Logger }> {
  /** The handler's own context (awsContext), so its bundle holds only the adapters it declared. */
  appContext: () => Promise<C>;
  /** The job each message body must be. */
  job: z.ZodType<J>;
  /** Names the job in the failure log line ("delivery", "subscription"). */
  kind: string;
  /** Run the batch's records at once (independent providers) or one by one (a shared rate). */
  inParallel: boolean;
  run: (app: C, job: J, context: Context) => Promise<unknown>;
}

/**
 * An SQS consumer. Each record is one job; a record that fails is reported back alone
 * (`ReportBatchItemFailures`), so the others are not redone, and after the queue's receive limit it
 * lands in the dead-letter queue.
 */
export function queueWorker<J, C extends { log: Logger }>(options: QueueWorkerOptions<J, C>) {
  return middy<SQSEvent, SQSBatchResponse, Error, Context>().handler(async (event, context) => {
    const app = await options.appContext();
    const failed: string[] = [];
    const handle = async (record: SQSEvent['Records'][number]) => {
      try {
        await options.run(app, options.job.parse(parseBody(record.body)), context);
      } catch (error) {
        app.log.error(`${options.kind} job failed; it will be retried`, {
          messageId: record.messageId,
          ...errorFields(error),
        });
        failed.push(record.messageId);
      }
    };
    if (options.inParallel) await Promise.all(event.Records.map(handle));
    else for (const record of event.Records) await handle(record);
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
