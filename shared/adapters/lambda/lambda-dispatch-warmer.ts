import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { QueueName } from '../../domain/dispatch.js';
import { type DispatchShape, type WorkerScaling, warmUpEvents } from '../../domain/warm-up.js';
import type { DispatchWarmer } from '../../ports/warm-up.js';
import { lambdaSdk } from '../aws-sdk.js';

/** A delivery queue's consumer: the alias its queue triggers, and how the trigger scales it. */
export interface DispatchWorker extends WorkerScaling {
  functionArn: string;
}

export interface LambdaDispatchWarmerOptions {
  client: LambdaClient;
  workers: Partial<Record<QueueName, DispatchWorker>>;
  /** How long one invocation may take to be accepted. @default 2_000 */
  timeoutMs?: number;
}

/**
 * `DispatchWarmer` on Lambda (D40): one asynchronous invocation (`Event`) of a worker's `live`
 * alias per environment the broadcast's jobs will occupy, all at once. Lambda answers 202 as soon
 * as it has queued an event, so the filing request waits for the hand-over, never for a cold start;
 * the warm-ups arriving together find no idle environment and each starts one.
 */
export class LambdaDispatchWarmer implements DispatchWarmer {
  private readonly timeoutMs: number;

  constructor(private readonly options: LambdaDispatchWarmerOptions) {
    this.timeoutMs = options.timeoutMs ?? 2_000;
  }

  async warm(shape: DispatchShape): Promise<void> {
    const { InvokeCommand } = await lambdaSdk();
    const invocations = (Object.entries(this.options.workers) as [QueueName, DispatchWorker][]).flatMap(
      ([queue, worker]) =>
        warmUpEvents(queue, shape, worker).map((event) => ({ functionArn: worker.functionArn, event })),
    );
    const results = await Promise.allSettled(
      invocations.map(({ functionArn, event }) =>
        this.options.client.send(
          new InvokeCommand({
            FunctionName: functionArn,
            InvocationType: 'Event',
            Payload: new TextEncoder().encode(JSON.stringify(event)),
          }),
          { abortSignal: AbortSignal.timeout(this.timeoutMs) },
        ),
      ),
    );
    const failed = results.filter((result) => result.status === 'rejected');
    if (failed.length > 0) {
      const reason = failed[0]?.reason;
      throw new Error(
        `${failed.length} of ${invocations.length} warm-up invocations were not accepted: ${reason instanceof Error ? reason.name : String(reason)}`,
      );
    }
  }
}
