import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsJobQueue } from '../../adapters/sqs/sqs-job-queue.js';
import type { QueueName } from '../../domain/dispatch.js';
import { type AwsEnvironment, QUEUE_URL_ENV } from '../environment.js';
import type { AwsAdapter } from './adapter.js';

/** The job queues whose URLs the function was given (manifest `sendTo`). */
export const sqsQueue: AwsAdapter = {
  name: 'sqs',
  build: (env) => ({
    queue: new SqsJobQueue(new SQSClient({}), queueUrls(env)),
  }),
};

/** Every queue whose URL variable is set; the CDK app sets only those of the manifest's `sendTo`. */
function queueUrls(env: AwsEnvironment): Partial<Record<QueueName, string>> {
  const urls: Partial<Record<QueueName, string>> = {};
  for (const [queue, variable] of Object.entries(QUEUE_URL_ENV) as [QueueName, keyof AwsEnvironment][]) {
    const url = env[variable];
    if (url) urls[queue] = url;
  }
  return urls;
}
