import * as z from 'zod';

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
} as const;

export const AwsEnvironment = z.object({
  [ENV.tableName]: z.string().min(1),
  [ENV.topicArnPrefix]: z.string().startsWith('arn:').optional(),
  [ENV.xSecretPrefix]: z.string().min(1).optional(),
  [ENV.queueUrlXDeliveries]: z.url().optional(),
  [ENV.queueUrlSnsDeliveries]: z.url().optional(),
});
export type AwsEnvironment = z.infer<typeof AwsEnvironment>;
