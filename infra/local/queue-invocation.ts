/**
 * One invocation of a queue function, as the Lambda event source mapping makes it: the batch as an
 * SQS event, stopped at the function's timeout, and the partial batch response read as AWS reads it.
 */
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import type { FunctionDefinition, QueueName } from '../../functions/manifest-types.js';
import { errorMessage } from '../../shared/domain/errors.js';
import type { Logger } from '../../shared/ports/logger.js';
import { createLambdaContext, functionTimeout, TIMED_OUT } from './lambda-context.js';

/** Returns an `SQSBatchResponse`, or nothing when the whole batch succeeded. */
export type QueueHandler = (event: SQSEvent, context: Context) => Promise<unknown>;

export interface QueueFunction {
  definition: FunctionDefinition;
  handler: QueueHandler;
}

export interface InvocationOutcome {
  /** The message ids to deliver again (or dead-letter). */
  failed: Set<string>;
  /** Why the whole batch failed, when the handler threw or timed out. */
  lastError?: string;
}

const batchResponse = z
  .object({
    batchItemFailures: z.array(z.object({ itemIdentifier: z.string().min(1) })).nullish(),
  })
  .nullish();

export async function invokeBatch(
  fn: QueueFunction,
  queue: QueueName,
  batch: SQSRecord[],
  logger: Logger,
): Promise<InvocationOutcome> {
  const { definition, handler } = fn;
  const all = () => new Set(batch.map((m) => m.messageId));
  const deadline = functionTimeout(definition);
  try {
    const result = await Promise.race([
      handler({ Records: batch }, createLambdaContext(definition)),
      deadline.reached,
    ]);
    if (result !== TIMED_OUT) return { failed: failedIds(result, batch, logger) };
    // Lambda stops the function here and SQS redelivers the batch once it is visible again.
    logger.error('Queue handler timed out', {
      function: definition.name,
      queue,
      timeoutSeconds: definition.timeoutSeconds,
    });
    return { failed: all(), lastError: `timed out after ${definition.timeoutSeconds} s` };
  } catch (error) {
    logger.error('Queue handler failed', { function: definition.name, queue, error });
    return { failed: all(), lastError: errorMessage(error) };
  } finally {
    deadline.clear();
  }
}

/** As the event source mapping reads the response; anything it cannot read fails the whole batch. */
function failedIds(result: unknown, batch: SQSRecord[], logger: Logger): Set<string> {
  const all = new Set(batch.map((m) => m.messageId));
  const parsed = batchResponse.safeParse(result);
  const ids = parsed.success ? (parsed.data?.batchItemFailures ?? []).map((f) => f.itemIdentifier) : [];
  if (!parsed.success || ids.some((id) => !all.has(id))) {
    logger.warn('Queue handler returned an unreadable batch response; the whole batch fails', {
      result,
    });
    return all;
  }
  return new Set(ids);
}
