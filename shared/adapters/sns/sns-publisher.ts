import { SNSClient, type SNSClientConfig } from '@aws-sdk/client-sns';
import { SNS_PUBLISHER_CLIENT_CONFIG } from './sns-topic-publisher.js';

/**
 * The SNS publisher with a client built up front, for the local runtime and tests. A Lambda
 * function imports sns-topic-publisher.ts instead and creates its client at the first publish
 * (shared/runtime/aws/sns-publisher.ts), so its bundle does not load the SDK when it loads.
 */
export * from './sns-topic-publisher.js';

/** An SNS client for publishers: the SDK never retries a publish (`SNS_PUBLISHER_CLIENT_CONFIG`). */
export function createSnsClient(config: SNSClientConfig = {}): SNSClient {
  return new SNSClient({ ...SNS_PUBLISHER_CLIENT_CONFIG, ...config });
}
