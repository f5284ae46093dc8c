import type { SQSClient } from '@aws-sdk/client-sqs';
import type { QueueName } from '../../domain/dispatch.js';
import type { JobQueue, QueueJobs } from '../../ports/repositories.js';
import { sqsSdk } from '../aws-sdk.js';

/** SQS takes at most 10 messages per batch call. */
const BATCH = 10;

/** The job queue on SQS; queue URLs come from the environment, set next to the grant in CDK. */
export class SqsJobQueue implements JobQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly urls: Partial<Record<QueueName, string>>,
  ) {}

  async send<Q extends QueueName>(
    queue: Q,
    jobs: QueueJobs[Q][],
    options: { delaySeconds?: number } = {},
  ): Promise<void> {
    const url = this.urls[queue];
    if (!url) throw new Error(`this function may not send to ${queue}`);
    for (let start = 0; start < jobs.length; start += BATCH) {
      const entries = jobs.slice(start, start + BATCH).map((job, i) => ({
        Id: String(i),
        MessageBody: JSON.stringify(job),
        ...(options.delaySeconds ? { DelaySeconds: options.delaySeconds } : {}),
      }));
      const result = await this.sqs.send(
        new (await sqsSdk()).SendMessageBatchCommand({ QueueUrl: url, Entries: entries }),
      );
      // A partial failure would silently drop jobs; the ledger would recover them, but slowly.
      if (result.Failed && result.Failed.length > 0) {
        throw new Error(
          `SQS refused ${result.Failed.length} of ${entries.length} jobs: ${result.Failed[0]?.Code}`,
        );
      }
    }
  }
}
