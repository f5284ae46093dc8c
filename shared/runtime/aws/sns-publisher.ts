import { clientAtFirstSend, snsSdk } from '../../adapters/aws-sdk.js';
import { SNS_PUBLISHER_CLIENT_CONFIG, SnsPublisher } from '../../adapters/sns/sns-topic-publisher.js';
import { providerTimeoutMs } from '../../domain/delivery-policy.js';
import type { AppContext } from '../context.js';
import { type AwsAdapter, required } from './adapter.js';

/** Publishes broadcasts to the area-and-language topics (manifest `publishToAreaTopics`). */
export const snsPublisher: AwsAdapter<Pick<AppContext, 'publisher'>> = {
  name: 'snsPublisher',
  ports: ['publisher'],
  build: (env, { registry, settings }) => {
    const topicArnPrefix = required(env, 'topicArnPrefix', 'area topics (publishToAreaTopics)');
    const client = clientAtFirstSend(async () => new (await snsSdk()).SNSClient(SNS_PUBLISHER_CLIENT_CONFIG));
    return {
      publisher: new SnsPublisher({
        client,
        topicArnPrefix,
        sms: registry.sms,
        timeoutMs: providerTimeoutMs(settings),
      }),
    };
  },
};
