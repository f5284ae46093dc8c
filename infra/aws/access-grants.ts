import { Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Access } from '../../functions/manifest-types.js';
import type { DeliveryQueue } from '../../shared/domain/dispatch.js';
import { ENV } from '../../shared/runtime/environment.js';
import { nagArn, nagText } from './nag.js';
import { type HeraldQueues, QUEUE_URL_ENV } from './queues.js';

/** Everything a manifest `Access` can point at. */
export interface AccessTargets {
  /** Imported by its fixed name, with its indexes and key, so grants cover both. */
  table: dynamodb.ITable;
  /** Audience topics (imported by ARN with their key, so publish grants include KMS). */
  topics: { name: string; topic: sns.ITopic }[];
  /** `arn:<partition>:sns:<region>:<account>:`: the publisher appends the topic name. */
  topicArnPrefix: string;
  xSecrets: secretsmanager.ISecret[];
  xSecretPrefix: string;
  subscriberDataKey: kms.IKey;
  subscriberHmacKey: kms.IKey;
  queues: HeraldQueues;
  /** The public site's files, served through CloudFront; the bucket itself is private. */
  publicSiteBucket: s3.IBucket;
  /** The console's sign-in: configuration only, nothing to grant (console-sign-in.ts). */
  staffSignIn: StaffSignInSettings;
  /**
   * The delivery workers a filing warms (D40): each one's `live` alias and trigger settings. The
   * stack creates the workers before the functions that warm them and fills this in.
   */
  dispatchWorkers: DispatchWorkerTarget[];
}

/** A consumer of a delivery queue, as the functions that warm it are told of it. */
export interface DispatchWorkerTarget {
  queue: DeliveryQueue;
  alias: lambda.IFunction;
  batchSize: number;
  maxConcurrency: number;
}

/** What a function signing staff in to the console is told (shared/runtime/aws/staff-sign-in.ts). */
export interface StaffSignInSettings {
  /** The hosted sign-in's host, without scheme. */
  domain: string;
  /** The console's user pool client (public: PKCE, no secret). */
  clientId: string;
  userPoolId: string;
}

/** A cdk-nag finding a grant makes unavoidable, with why; the function construct acknowledges it. */
export interface Unavoidable {
  rule: `AwsSolutions-${string}`;
  reason: string;
}

/**
 * Item actions of a key-prefix-limited function: no Scan, never an index. BatchGetItem is an action
 * of its own (the subscription store reads an address's subscriptions with it); LeadingKeys holds
 * it to the prefix on every key of the batch.
 */
const PREFIXED_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
const PREFIXED_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];

/** CDK's encrypt-and-decrypt grant on one key (table, topics) names its actions with wildcards. */
const GENERATE_DATA_KEY: Unavoidable = {
  rule: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
  reason:
    "CDK's KMS grant for writing through an encrypted table or topic (GenerateDataKey and its WithoutPlaintext form), on that resource's key only.",
};
const KEY_ENCRYPT_DECRYPT: Unavoidable[] = [
  GENERATE_DATA_KEY,
  {
    rule: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
    reason: "CDK's KMS grant for writing to an encrypted table (ReEncryptFrom/To), on the table's key only.",
  },
];

type Mapper = (fn: lambda.Function, access: Access, t: AccessTargets) => Unavoidable[];

/**
 * One entry per field of `Access`: the grant and, next to it, the environment variable the
 * handler's adapter reads for it (shared/runtime/aws/*.ts). The mapped type makes a new field
 * of `Access` fail to compile here until it is granted.
 */
const mappers: { [K in keyof Required<Access>]: Mapper } = {
  table: (fn, { table, tableKeyPrefixes }, t) => {
    if (!table) return [];
    fn.addEnvironment(ENV.tableName, t.table.tableName);
    if (tableKeyPrefixes) return grantByKeyPrefix(fn, table, tableKeyPrefixes, t.table);
    const indexes: Unavoidable = {
      rule: `AwsSolutions-IAM5[Resource::${nagArn('dynamodb', `table/${t.table.tableName}/index/*`)}]`,
      reason:
        "The repositories query the table's global secondary indexes; the grant names the indexes of this table only.",
    };
    if (table === 'read') {
      t.table.grantReadData(fn);
      return [indexes];
    }
    t.table.grantReadWriteData(fn);
    return [indexes, ...KEY_ENCRYPT_DECRYPT];
  },
  // Granted with `table` above: the prefixes narrow that grant.
  tableKeyPrefixes: (_fn, { table, tableKeyPrefixes }) => {
    if (tableKeyPrefixes && !table) throw new Error('tableKeyPrefixes without table access');
    return [];
  },
  sendTo: (fn, { sendTo = [] }, t) => {
    for (const name of sendTo) {
      const { queue } = t.queues.get(name);
      queue.grantSendMessages(fn);
      fn.addEnvironment(QUEUE_URL_ENV[name], queue.queueUrl);
    }
    return [];
  },
  publishToAreaTopics: (fn, { publishToAreaTopics }, t) => {
    if (!publishToAreaTopics) return [];
    for (const { topic } of t.topics) sns.TopicGrants.fromTopic(topic).publish(fn);
    fn.addEnvironment(ENV.topicArnPrefix, t.topicArnPrefix);
    return [GENERATE_DATA_KEY];
  },
  readXSecrets: (fn, { readXSecrets }, t) => {
    if (!readXSecrets) return [];
    for (const secret of t.xSecrets) secret.grantRead(fn);
    fn.addEnvironment(ENV.xSecretPrefix, t.xSecretPrefix);
    return [];
  },
  manageTopicSubscriptions: (fn, { manageTopicSubscriptions }, t) => {
    if (!manageTopicSubscriptions) return [];
    for (const { topic } of t.topics) {
      const grants = sns.TopicGrants.fromTopic(topic);
      grants.subscribe(fn);
      // IAM authorizes Unsubscribe on the topic of the subscription; the subscription ARNs
      // (`<topic arn>:<uuid>`) are named as well, so the grant holds whichever ARN is checked and
      // still reaches no subscription of any other topic.
      grants.actions(fn, ['sns:Unsubscribe'], {
        resourceArns: [topic.topicArn, `${topic.topicArn}:*`],
      });
    }
    fn.addEnvironment(ENV.topicArnPrefix, t.topicArnPrefix);
    return t.topics.map(({ name }) => ({
      rule: `AwsSolutions-IAM5[Resource::${nagArn('sns', `${name}:*`)}]`,
      reason: `The subscriptions of topic ${name}: SNS names a subscription <topic arn>:<uuid>, known only after Subscribe.`,
    }));
  },
  sendDirectSms: (fn, { sendDirectSms, publishToAreaTopics }) => {
    if (!sendDirectSms) return [];
    // SNS has no resource type for a phone number: Publish with PhoneNumber is authorized on "*".
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
    // ...so take topics and platform endpoints back out of that "*", unless the manifest also
    // lets this function publish to the area topics (an explicit deny would override its grant).
    if (!publishToAreaTopics)
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          actions: ['sns:Publish'],
          resources: [`arn:${fn.stack.partition}:sns:*:*:*`],
        }),
      );
    return [
      {
        rule: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'sns:Publish straight to a phone number (sign-up codes) has no resource-level permission in SNS; a Deny on every SNS ARN keeps this "*" off topics and endpoints.',
      },
    ];
  },
  readOptedOutNumbers: (fn, { readOptedOutNumbers }) => {
    if (!readOptedOutNumbers) return [];
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sns:ListPhoneNumbersOptedOut'], resources: ['*'] }),
    );
    return [
      {
        rule: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'sns:ListPhoneNumbersOptedOut is an account-level read with no resource type.',
      },
    ];
  },
  subscriberKeys: (fn, { subscriberKeys }, t) => {
    if (!subscriberKeys) return [];
    t.subscriberDataKey.grant(fn, 'kms:GenerateDataKey', 'kms:Decrypt');
    t.subscriberHmacKey.grant(fn, 'kms:GenerateMac', 'kms:VerifyMac');
    fn.addEnvironment(ENV.subscriberDataKeyId, t.subscriberDataKey.keyArn);
    fn.addEnvironment(ENV.subscriberHmacKeyId, t.subscriberHmacKey.keyArn);
    return [];
  },
  writePublicSite: (fn, { writePublicSite }, t) => {
    if (!writePublicSite) return [];
    const bucket = t.publicSiteBucket;
    // What S3SiteStore sends: GetObject of its hash index, PutObject of each changed file and of
    // the index. Not CDK's grantReadWrite, which adds DeleteObject*, Abort*, GetBucket* and List*.
    iam.Grant.addToPrincipal({
      grantee: fn,
      actions: ['s3:GetObject', 's3:PutObject'],
      resourceArns: [bucket.arnForObjects('*')],
    });
    // Without ListBucket, S3 answers GetObject of a missing key 403, not 404 (NoSuchKey): the
    // first render, before the index exists, would fail for good. The site is public anyway.
    iam.Grant.addToPrincipal({ grantee: fn, actions: ['s3:ListBucket'], resourceArns: [bucket.bucketArn] });
    fn.addEnvironment(ENV.publicSiteBucket, bucket.bucketName);
    return [
      {
        rule: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${nagText(fn, bucket.bucketName)}/*]`,
        reason:
          'The renderer writes every page, feed and CAP document of the public site: all objects of its own bucket, Get and Put only.',
      },
    ];
  },
  // Configuration, not secrets: the client is public and these are the URLs any browser is sent to.
  staffSignIn: (fn, { staffSignIn }, t) => {
    if (!staffSignIn) return [];
    fn.addEnvironment(ENV.staffSignInDomain, t.staffSignIn.domain);
    fn.addEnvironment(ENV.consoleClientId, t.staffSignIn.clientId);
    fn.addEnvironment(ENV.staffUserPoolId, t.staffSignIn.userPoolId);
    return [];
  },
  // lambda:InvokeFunction on each worker's live alias, nothing else (shared/runtime/aws/dispatch-warmer.ts).
  warmDispatchWorkers: (fn, { warmDispatchWorkers }, t) => {
    if (!warmDispatchWorkers) return [];
    if (t.dispatchWorkers.length === 0)
      throw new Error(
        'warmDispatchWorkers: the delivery workers must be created before the functions that warm them',
      );
    for (const worker of t.dispatchWorkers) worker.alias.grantInvoke(fn);
    const workers = Object.fromEntries(
      t.dispatchWorkers.map(({ queue, alias, batchSize, maxConcurrency }) => [
        queue,
        { functionArn: alias.functionArn, batchSize, maxConcurrency },
      ]),
    );
    fn.addEnvironment(ENV.dispatchWorkers, Stack.of(fn).toJsonString(workers));
    return [];
  },
};

/** Grants exactly what `access` declares; returns the findings those grants cannot avoid. */
export function applyAccess(fn: lambda.Function, access: Access, targets: AccessTargets): Unavoidable[] {
  return (Object.keys(mappers) as (keyof Access)[]).flatMap((field) => mappers[field](fn, access, targets));
}

/**
 * `dynamodb:LeadingKeys` limits every item action to partition keys with the given prefixes, on
 * the table's ARN only (no `/index/*`). `ForAllValues` is safe here because no granted action can
 * run without a partition key (Scan is not granted).
 */
function grantByKeyPrefix(
  fn: lambda.Function,
  mode: 'read' | 'readwrite',
  prefixes: string[],
  table: dynamodb.ITable,
): Unavoidable[] {
  iam.Grant.addToPrincipal({
    grantee: fn,
    actions: mode === 'read' ? PREFIXED_READ : [...PREFIXED_READ, ...PREFIXED_WRITE],
    resourceArns: [table.tableArn],
    conditions: {
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes.map((prefix) => `${prefix}*`) },
    },
  });
  if (mode === 'read') {
    table.encryptionKey?.grantDecrypt(fn);
    return [];
  }
  table.encryptionKey?.grantEncryptDecrypt(fn);
  return KEY_ENCRYPT_DECRYPT;
}
