import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type * as z from 'zod';
import { isWarmUpEvent, type WarmUp, WarmUpEvent } from '../domain/warm-up.js';
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
  /**
   * What a warm-up does besides building the context (D40): the calls a first job would make first,
   * so they are paid before the approval. A failure is logged; the first job pays what is left.
   */
  warm?: (app: C, warmUp: WarmUp) => Promise<unknown>;
}

/**
 * How long a warm-up keeps its environment busy at least. Warm-ups are sent together, one per
 * environment wanted; one that finished at once (its environment was already running) could take
 * the next one too, and one environment fewer would be started.
 */
export const WARM_UP_HOLD_MS = 250;

/**
 * An SQS consumer. Each record is one job; a record that fails is reported back alone
 * (`ReportBatchItemFailures`), so the others are not redone, and after the queue's receive limit it
 * lands in the dead-letter queue.
 */
export function queueWorker<J, C extends { log: Logger }>(options: QueueWorkerOptions<J, C>) {
  return middy<SQSEvent, SQSBatchResponse, Error, Context>().handler(async (event, context) => {
    if (isWarmUpEvent(event)) return warmUp(options, event);
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

/** A warm-up invocation (D40): the context built, the worker's own preparation, then the hold. */
async function warmUp<J, C extends { log: Logger }>(
  options: QueueWorkerOptions<J, C>,
  event: unknown,
): Promise<SQSBatchResponse> {
  const started = Date.now();
  const { heraldWarmUp } = WarmUpEvent.parse(event);
  const app = await options.appContext();
  try {
    await options.warm?.(app, heraldWarmUp);
  } catch (error) {
    app.log.warn('a warm-up did not finish; the first job will do the rest', {
      broadcastId: heraldWarmUp.broadcastId,
      ...errorFields(error),
    });
  }
  const readyMs = Date.now() - started;
  if (readyMs < WARM_UP_HOLD_MS)
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_HOLD_MS - readyMs));
  app.log.info('warmed for a broadcast awaiting approval', {
    broadcastId: heraldWarmUp.broadcastId,
    readyMs,
  });
  return { batchItemFailures: [] };
}

/** JSON.parse quotes the input in its error; a message body must never reach the logs. */
function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new Error('the message body is not JSON');
  }
}
