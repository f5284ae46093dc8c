import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import registryJson from '../../config/registry.json' with { type: 'json' };
import { EnvelopeVault } from '../adapters/crypto/envelope-vault.js';
import { KmsKeyring } from '../adapters/crypto/kms-keyring.js';
import { createDocumentClient } from '../adapters/dynamo/table.js';
import { SecretsManagerStore } from '../adapters/secrets/secrets-manager-store.js';
import { createSnsClient, SnsPublisher } from '../adapters/sns/sns-publisher.js';
import { SnsTopicSubscriber } from '../adapters/sns/sns-topic-subscriber.js';
import { SqsJobQueue } from '../adapters/sqs/sqs-job-queue.js';
import { XPoster } from '../adapters/x/x-poster.js';
import { parseRegistry } from '../config/load-registry.js';
import type { AudiencePublisher, SocialPoster } from '../ports/channels.js';
import type { AddressVault } from '../ports/subscriptions.js';
import { providerTimeoutMs } from '../use-cases/deliver.js';
import type { AppContext } from './context.js';
import { AwsEnvironment, ENV } from './environment.js';
import { createLogger } from './logger.js';
import { randomIds, systemClock } from './system.js';
import { tablePorts } from './table-ports.js';

/**
 * The context of a Lambda function, from its environment. A port whose setting is absent (no
 * topic prefix for a function that may not publish, say) refuses to work rather than guessing.
 */
export function buildAwsContext(environment: NodeJS.ProcessEnv): AppContext {
  const env = AwsEnvironment.parse(environment);
  const registry = parseRegistry(registryJson, 'the bundled registry');
  const db = createDocumentClient();
  const table = env[ENV.tableName];
  const xSecretPrefix = env[ENV.xSecretPrefix];
  const topicArnPrefix = env[ENV.topicArnPrefix];
  const settings = { leaseMs: 60_000, maxAttempts: 5 };
  const dataKeyId = env[ENV.subscriberDataKeyId];
  const macKeyId = env[ENV.subscriberHmacKeyId];
  return {
    registry,
    ...tablePorts(db, table, registry, systemClock),
    queue: new SqsJobQueue(new SQSClient({}), {
      ...(env[ENV.queueUrlXDeliveries] ? { 'x-deliveries': env[ENV.queueUrlXDeliveries] } : {}),
      ...(env[ENV.queueUrlSnsDeliveries] ? { 'sns-deliveries': env[ENV.queueUrlSnsDeliveries] } : {}),
      ...(env[ENV.queueUrlSubscriptionChanges]
        ? { 'subscription-changes': env[ENV.queueUrlSubscriptionChanges] }
        : {}),
    }),
    vault:
      dataKeyId && macKeyId
        ? new EnvelopeVault(new KmsKeyring(new KMSClient({}), { dataKeyId, macKeyId }))
        : refusing<AddressVault>('read or write subscriber addresses'),
    // Its IAM grants, not its construction, limit what a function may do with SNS here.
    topicSubscriber: new SnsTopicSubscriber({
      client: new SNSClient({}),
      topicArnPrefix: topicArnPrefix ?? '',
      sms: registry.sms,
    }),
    poster: xSecretPrefix
      ? new XPoster({
          secrets: new SecretsManagerStore(new SecretsManagerClient({})),
          secretPrefix: xSecretPrefix,
          timeoutMs: providerTimeoutMs(settings),
        })
      : refusing<SocialPoster>('post to X'),
    publisher: topicArnPrefix
      ? new SnsPublisher({
          client: createSnsClient(),
          topicArnPrefix,
          sms: registry.sms,
          timeoutMs: providerTimeoutMs(settings),
        })
      : refusing<AudiencePublisher>('publish to SNS'),
    clock: systemClock,
    ids: randomIds,
    log: createLogger(),
    settings,
  };
}

function refusing<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get: () => () => Promise.reject(new Error(`this function is not configured to ${what}`)),
  });
}
