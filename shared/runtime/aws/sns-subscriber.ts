import { SNSClient } from '@aws-sdk/client-sns';
import { SnsTopicSubscriber } from '../../adapters/sns/sns-topic-subscriber.js';
import { ENV } from '../environment.js';
import type { AwsAdapter } from './adapter.js';

/**
 * Subscribes addresses to the area topics, sends sign-up codes by SMS and reads the opted-out
 * numbers (manifest `manageTopicSubscriptions`, `sendDirectSms`, `readOptedOutNumbers`). The
 * function's IAM grants, not this construction, limit which of those it may do.
 */
export const snsSubscriber: AwsAdapter = {
  name: 'snsSubscriber',
  build: (env, { registry }) => ({
    topicSubscriber: new SnsTopicSubscriber({
      client: new SNSClient({}),
      topicArnPrefix: env[ENV.topicArnPrefix] ?? '',
      sms: registry.sms,
    }),
  }),
};
