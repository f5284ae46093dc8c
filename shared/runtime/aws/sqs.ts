import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsJobQueue } from '../../adapters/sqs/sqs-job-queue.js';
import { ENV } from '../environment.js';
import type { AwsAdapter } from './adapter.js';

/** The job queues whose URLs the function was given (manifest `sendTo`). */
export const sqsQueue: AwsAdapter = {
  name: 'sqs',
  build: (env) => ({
    queue: new SqsJobQueue(new SQSClient({}), {
      ...(env[ENV.queueUrlXDeliveries] ? { 'x-deliveries': env[ENV.queueUrlXDeliveries] } : {}),
      ...(env[ENV.queueUrlSnsDeliveries] ? { 'sns-deliveries': env[ENV.queueUrlSnsDeliveries] } : {}),
      ...(env[ENV.queueUrlSubscriptionChanges]
        ? { 'subscription-changes': env[ENV.queueUrlSubscriptionChanges] }
        : {}),
    }),
  }),
};
