import * as z from 'zod';
import type { QueueName } from '../domain/dispatch.js';
import { lazySchema } from '../domain/lazy-schema.js';

/**
 * Environment variable names, shared by the CDK app (which sets each one next to the grant that
 * needs it) and the handlers (which parse them once at cold start). Never a secret in here.
 */
export const ENV = {
  tableName: 'HERALD_TABLE_NAME',
  topicArnPrefix: 'HERALD_TOPIC_ARN_PREFIX',
  xSecretPrefix: 'HERALD_X_SECRET_PREFIX',
  queueUrlXDeliveries: 'HERALD_QUEUE_URL_X_DELIVERIES',
  queueUrlSnsDeliveries: 'HERALD_QUEUE_URL_SNS_DELIVERIES',
  queueUrlSubscriptionChanges: 'HERALD_QUEUE_URL_SUBSCRIPTION_CHANGES',
  queueUrlPublicSite: 'HERALD_QUEUE_URL_PUBLIC_SITE',
  /** The S3 bucket the public site is rendered into (served by CloudFront). */
  publicSiteBucket: 'HERALD_PUBLIC_SITE_BUCKET',
  /** KMS key id or ARN of the symmetric key that wraps subscriber-address data keys. */
  subscriberDataKeyId: 'HERALD_SUBSCRIBER_DATA_KEY_ID',
  /** KMS key id or ARN of the HMAC key whose MACs index subscriber addresses. */
  subscriberHmacKeyId: 'HERALD_SUBSCRIBER_HMAC_KEY_ID',
  /** The staff user pool's hosted sign-in domain, a bare host (`herald-staff-....auth.<region>.amazoncognito.com`). */
  staffSignInDomain: 'HERALD_STAFF_SIGN_IN_DOMAIN',
  /** The duty console's user pool client (public: PKCE, no secret). */
  consoleClientId: 'HERALD_CONSOLE_CLIENT_ID',
  /** The staff user pool (`<region>_<id>`): the id tokens' issuer and its signing keys. */
  staffUserPoolId: 'HERALD_STAFF_USER_POOL_ID',
  /**
   * The delivery workers a filing warms (D40), JSON: per queue, the `live` alias ARN and the
   * trigger's batch size and concurrency (shared/runtime/aws/dispatch-warmer.ts).
   */
  dispatchWorkers: 'HERALD_DISPATCH_WORKERS',
} as const;

export const AwsEnvironment = lazySchema(() =>
  z.object({
    /** Absent for a function without table access (api-meta); the table adapters require it. */
    [ENV.tableName]: z.string().min(1).optional(),
    [ENV.topicArnPrefix]: z.string().startsWith('arn:').optional(),
    [ENV.xSecretPrefix]: z.string().min(1).optional(),
    [ENV.queueUrlXDeliveries]: z.url().optional(),
    [ENV.queueUrlSnsDeliveries]: z.url().optional(),
    [ENV.queueUrlSubscriptionChanges]: z.url().optional(),
    [ENV.queueUrlPublicSite]: z.url().optional(),
    [ENV.publicSiteBucket]: z.string().min(3).optional(),
    [ENV.subscriberDataKeyId]: z.string().min(1).optional(),
    [ENV.subscriberHmacKeyId]: z.string().min(1).optional(),
    [ENV.staffSignInDomain]: z.string().min(1).optional(),
    [ENV.consoleClientId]: z.string().min(1).optional(),
    [ENV.staffUserPoolId]: z.string().min(1).optional(),
    [ENV.dispatchWorkers]: z.string().min(2).optional(),
  }),
);
export type AwsEnvironment = z.infer<typeof AwsEnvironment>;

/**
 * The environment variable that carries each queue's URL. A `Record` over `QueueName`, so a new
 * queue name does not compile until it has its variable (the CDK app sets it next to the queue's
 * grant, the SQS adapter reads it).
 */
export const QUEUE_URL_ENV = {
  'x-deliveries': ENV.queueUrlXDeliveries,
  'sns-deliveries': ENV.queueUrlSnsDeliveries,
  'subscription-changes': ENV.queueUrlSubscriptionChanges,
  'public-site': ENV.queueUrlPublicSite,
} as const satisfies Record<QueueName, keyof AwsEnvironment>;
