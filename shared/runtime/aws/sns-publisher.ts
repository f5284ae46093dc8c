import { createSnsClient, SnsPublisher } from '../../adapters/sns/sns-publisher.js';
import { providerTimeoutMs } from '../../domain/delivery-policy.js';
import { ENV } from '../environment.js';
import type { AwsAdapter } from './adapter.js';

/** Publishes broadcasts to the area-and-language topics (manifest `publishToAreaTopics`). */
export const snsPublisher: AwsAdapter = {
  name: 'snsPublisher',
  build: (env, { registry, settings }) => {
    const topicArnPrefix = env[ENV.topicArnPrefix];
    if (!topicArnPrefix) return {};
    return {
      publisher: new SnsPublisher({
        client: createSnsClient(),
        topicArnPrefix,
        sms: registry.sms,
        timeoutMs: providerTimeoutMs(settings),
      }),
    };
  },
};
