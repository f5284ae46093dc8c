import { clientAtFirstSend, snsSdk } from '../../adapters/aws-sdk.js';
import { SnsTopicSubscriber } from '../../adapters/sns/sns-topic-subscriber.js';
import type { AppContext } from '../context.js';
import { ENV } from '../environment.js';
import type { AwsAdapter } from './adapter.js';

/**
 * Subscribes addresses to the area topics, sends sign-up codes by SMS and reads the opted-out
 * numbers (manifest `manageTopicSubscriptions`, `sendDirectSms`, `readOptedOutNumbers`). The
 * function's IAM grants, not this construction, limit which of those it may do. The topic ARN
 * prefix is optional: only `manageTopicSubscriptions` needs it (and sets it), and without it the
 * subscriber refuses to subscribe instead of guessing an ARN.
 */
export const snsSubscriber: AwsAdapter<Pick<AppContext, 'topicSubscriber'>> = {
  name: 'snsSubscriber',
  ports: ['topicSubscriber'],
  build: (env, { registry }) => ({
    topicSubscriber: new SnsTopicSubscriber({
      client: clientAtFirstSend(async () => new (await snsSdk()).SNSClient({})),
      topicArnPrefix: env[ENV.topicArnPrefix],
      sms: registry.sms,
    }),
  }),
};
