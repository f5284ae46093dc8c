import { createSnsClient, SnsPublisher } from '../../adapters/sns/sns-publisher.js';
import { providerTimeoutMs } from '../../domain/delivery-policy.js';
import type { AppContext } from '../context.js';
import { type AwsAdapter, required } from './adapter.js';

/** Publishes broadcasts to the area-and-language topics (manifest `publishToAreaTopics`). */
export const snsPublisher: AwsAdapter<Pick<AppContext, 'publisher'>> = {
  name: 'snsPublisher',
  ports: ['publisher'],
  build: (env, { registry, settings }) => ({
    publisher: new SnsPublisher({
      client: createSnsClient(),
      topicArnPrefix: required(env, 'topicArnPrefix', 'area topics (publishToAreaTopics)'),
      sms: registry.sms,
      timeoutMs: providerTimeoutMs(settings),
    }),
  }),
};
