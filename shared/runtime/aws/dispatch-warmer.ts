import * as z from 'zod';
import { clientAtFirstSend, lambdaSdk } from '../../adapters/aws-sdk.js';
import { LambdaDispatchWarmer } from '../../adapters/lambda/lambda-dispatch-warmer.js';
import { DELIVERY_QUEUES } from '../../domain/dispatch.js';
import { lazySchema } from '../../domain/lazy-schema.js';
import type { AppContext } from '../context.js';
import { type AwsAdapter, required } from './adapter.js';

const Workers = lazySchema(() =>
  z.partialRecord(
    z.enum(DELIVERY_QUEUES),
    z.strictObject({
      functionArn: z.string().startsWith('arn:'),
      batchSize: z.int().min(1),
      maxConcurrency: z.int().min(1),
    }),
  ),
);

/**
 * Warms the delivery workers when a broadcast is filed for approval (manifest
 * `warmDispatchWorkers`, D40): the CDK app names each worker's `live` alias and trigger settings.
 */
export const dispatchWarmer: AwsAdapter<Pick<AppContext, 'warmer'>> = {
  name: 'dispatchWarmer',
  ports: ['warmer'],
  build: (env) => {
    const text = required(env, 'dispatchWorkers', 'worker warm-up (warmDispatchWorkers)');
    const workers = Workers.parse(JSON.parse(text));
    const client = clientAtFirstSend(async () => new (await lambdaSdk()).LambdaClient({}));
    return { warmer: new LambdaDispatchWarmer({ client, workers }) };
  },
};
