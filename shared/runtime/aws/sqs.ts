import { clientAtFirstSend, sqsSdk } from '../../adapters/aws-sdk.js';
import { SqsJobQueue } from '../../adapters/sqs/sqs-job-queue.js';
import type { QueueName } from '../../domain/dispatch.js';
import type { AppContext } from '../context.js';
import { type AwsEnvironment, QUEUE_URL_ENV } from '../environment.js';
import type { AwsAdapter } from './adapter.js';

/**
 * The job queues whose URLs the function was given (manifest `sendTo`: the CDK app sets the URL of
 * each of those queues and no other). A function that declares it and was given none fails at its
 * first event, naming the variables, rather than at its first send.
 */
export const sqsQueue: AwsAdapter<Pick<AppContext, 'queue'>> = {
  name: 'sqs',
  ports: ['queue'],
  build: (env) => {
    const urls = queueUrls(env);
    if (Object.keys(urls).length === 0) {
      const names = Object.values(QUEUE_URL_ENV).join(', ');
      throw new Error(`none of ${names} is set: this function may send to no queue`);
    }
    const client = clientAtFirstSend(async () => new (await sqsSdk()).SQSClient({}));
    return { queue: new SqsJobQueue(client, urls) };
  },
};

function queueUrls(env: AwsEnvironment): Partial<Record<QueueName, string>> {
  const urls: Partial<Record<QueueName, string>> = {};
  for (const [queue, variable] of Object.entries(QUEUE_URL_ENV) as [QueueName, keyof AwsEnvironment][]) {
    const url = env[variable];
    if (url) urls[queue] = url;
  }
  return urls;
}
