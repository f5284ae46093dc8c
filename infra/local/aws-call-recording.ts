import { AsyncLocalStorage } from 'node:async_hooks';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Keyring } from '../../shared/adapters/crypto/envelope-vault.js';
import { HASH_INDEX_KEY } from '../../shared/adapters/s3/site-bucket.js';
import { DEFAULT_X_SECRET_PREFIX } from '../../shared/adapters/x/x-accounts.js';
import type { SiteFile } from '../../shared/domain/public-site.js';
import { deliveryJobs } from '../../shared/domain/warm-up.js';
import type { SecretStore } from '../../shared/ports/channels.js';
import type { JobQueue } from '../../shared/ports/repositories.js';
import type { DispatchWarmer } from '../../shared/ports/warm-up.js';
import type { AppContext } from '../../shared/runtime/context.js';
import { ENV, QUEUE_URL_ENV } from '../../shared/runtime/environment.js';
import type { SiteWriteObserver } from './site-folder.js';

/**
 * Recording the AWS calls of each function, for tests only (HERALD_RECORD_AWS_CALLS=1): the
 * integration tests hold every call to its function's synthesized IAM policy (decision D22,
 * tests/support/aws-calls-check.ts). A call is recorded as the function's AWS adapter would send
 * it, with every value that adapter takes from its environment written `${VARIABLE}`. SQS, KMS,
 * Secrets Manager and S3 have local stand-ins, so their port calls are recorded as the commands
 * the AWS adapters send (shared/adapters/sqs, crypto/kms-keyring.ts, secrets, s3/site-bucket.ts).
 */

export interface AwsCall {
  /** The manifest function that sent it. */
  fn: string;
  service: 'dynamodb' | 'sns' | 'sqs' | 'kms' | 'secretsmanager' | 's3' | 'lambda';
  /** The SDK command's name without `Command`: `BatchGetItem`, `Publish`. */
  command: string;
  input: Record<string, unknown>;
  /**
   * The adapter takes "no such key" as an answer (S3SiteStore reading its hash index before the
   * first render). S3 gives that answer only to a caller allowed s3:ListBucket on the bucket; to
   * anyone else it answers 403, which the adapter rightly treats as a failure.
   */
  notFoundIsAnAnswer?: true;
}

export const recordingAwsCalls = () => process.env.HERALD_RECORD_AWS_CALLS === '1';

const invocation = new AsyncLocalStorage<string>();
const recorded: AwsCall[] = [];
let sink: (call: AwsCall) => void = (call) => recorded.push(call);

/** The handler, run as the manifest function `name`: what it sends is attributed to it. */
export function attributed<A extends unknown[], R>(
  name: string,
  handler: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  if (!recordingAwsCalls()) return handler;
  return (...args) => invocation.run(name, () => handler(...args));
}

/** The calls recorded in this thread and those its function threads passed on. */
export function recordedAwsCalls(): readonly AwsCall[] {
  return recorded;
}

/** A function thread passes its calls on to the main thread, which owns the record. */
export function passAwsCallsTo(receiver: (call: AwsCall) => void): void {
  sink = receiver;
}

export function keepAwsCall(call: AwsCall): void {
  sink(call);
}

type Replacer = (key: string, value: unknown) => unknown;

/** Records every command an SDK client sends, as the function running it at that moment. */
export function recordCallsOf(
  client: SNSClient | DynamoDBDocumentClient,
  service: AwsCall['service'],
  replacer: Replacer,
): void {
  // Both clients' stacks take the same middleware; only their command types differ.
  (client.middlewareStack as SNSClient['middlewareStack']).add(
    (next, context) => (args) => {
      recordAwsCall(service, context.commandName ?? '?', args.input as object, replacer);
      return next(args);
    },
    { step: 'initialize', name: 'heraldRecordAwsCall' },
  );
}

/** Calls outside an invocation (start-up, a test reading the table) belong to no function. */
function recordAwsCall(
  service: AwsCall['service'],
  command: string,
  input: object,
  replacer?: Replacer,
  extra: Pick<AwsCall, 'notFoundIsAnAnswer'> = {},
) {
  const fn = invocation.getStore();
  if (!fn) return;
  const plain = JSON.parse(JSON.stringify(input, replacer)) as Record<string, unknown>;
  sink({ fn, service, command: command.replace(/Command$/, ''), input: plain, ...extra });
}

const variable = (name: string) => `\${${name}}`;

/** The local table name and topic ARN prefix stand for the environment values on AWS. */
export function awsPlaceholders(tableName: string, topicArnPrefix: string): Replacer {
  return (key, value) => {
    if (key === 'TableName' && value === tableName) return variable(ENV.tableName);
    if (key === 'RequestItems' && value && typeof value === 'object' && tableName in value) {
      const { [tableName]: items, ...others } = value as Record<string, unknown>;
      return { ...others, [variable(ENV.tableName)]: items };
    }
    if (typeof value === 'string' && value.startsWith(topicArnPrefix))
      return variable(ENV.topicArnPrefix) + value.slice(topicArnPrefix.length);
    if (value instanceof Set) return [...value];
    return value;
  };
}

/** SqsJobQueue: one SendMessageBatch per 10 jobs, to the URL its environment gives the queue. */
export function recordedQueue(queue: JobQueue): JobQueue {
  return {
    send: (name, jobs, options) => {
      for (let start = 0; start < jobs.length; start += 10)
        recordAwsCall('sqs', 'SendMessageBatch', { QueueUrl: variable(QUEUE_URL_ENV[name]) });
      return queue.send(name, jobs, options);
    },
  };
}

/** SecretsManagerStore: GetSecretValue by name; the X poster names secrets `<prefix><account>`. */
export function recordedSecrets(secrets: SecretStore): SecretStore {
  return {
    getJson: (name) => {
      const secretId = name.startsWith(DEFAULT_X_SECRET_PREFIX)
        ? variable(ENV.xSecretPrefix) + name.slice(DEFAULT_X_SECRET_PREFIX.length)
        : name;
      recordAwsCall('secretsmanager', 'GetSecretValue', { SecretId: secretId });
      return secrets.getJson(name);
    },
  };
}

/**
 * LambdaDispatchWarmer (D40): Invoke of each delivery worker the broadcast has jobs for, the worker
 * named by the JSON its environment gives (one record per worker: every warm-up of it is the same
 * request to IAM). The local warmer itself starts threads, not Lambda invocations.
 */
export function recordedWarmer(warmer: DispatchWarmer): DispatchWarmer {
  return {
    warm: (shape) => {
      for (const [queue, count] of Object.entries(deliveryJobs(shape)))
        if (count > 0)
          recordAwsCall('lambda', 'Invoke', {
            DispatchWorkers: variable(ENV.dispatchWorkers),
            Queue: queue,
            InvocationType: 'Event',
          });
      return warmer.warm(shape);
    },
  };
}

/** KmsKeyring: data keys from the subscriber data key, keyed hashes from the HMAC key. */
export function recordedKeyring(keyring: Keyring): Keyring {
  const dataKey = { KeyId: variable(ENV.subscriberDataKeyId) };
  return {
    newDataKey: () => {
      recordAwsCall('kms', 'GenerateDataKey', dataKey);
      return keyring.newDataKey();
    },
    unwrap: (wrapped) => {
      recordAwsCall('kms', 'Decrypt', dataKey);
      return keyring.unwrap(wrapped);
    },
    mac: (message) => {
      recordAwsCall('kms', 'GenerateMac', { KeyId: variable(ENV.subscriberHmacKeyId) });
      return keyring.mac(message);
    },
  };
}

/**
 * S3SiteStore: GetObject of its hash index (missing before the first render), then PutObject of
 * each changed file with its content type and cache lifetime, then PutObject of the index, all in
 * the bucket its environment names. Bodies are left out: IAM does not read them.
 */
export function recordedSiteWrites(): SiteWriteObserver {
  const Bucket = variable(ENV.publicSiteBucket);
  return {
    readIndex: () =>
      recordAwsCall('s3', 'GetObject', { Bucket, Key: HASH_INDEX_KEY }, undefined, {
        notFoundIsAnAnswer: true,
      }),
    wroteFile: (Key: string, file: SiteFile) =>
      recordAwsCall('s3', 'PutObject', {
        Bucket,
        Key,
        ContentType: file.contentType,
        CacheControl: file.cacheControl,
      }),
    wroteIndex: () =>
      recordAwsCall('s3', 'PutObject', { Bucket, Key: HASH_INDEX_KEY, ContentType: 'application/json' }),
  };
}

const hasMethods = (value: unknown): value is object =>
  typeof value === 'object' &&
  value !== null &&
  (Object.getPrototypeOf(value) !== Object.prototype ||
    Object.values(value).some((v) => typeof v === 'function'));

/** A port whose every call goes to the instance `of()` returns at that moment. */
function perFunction(shared: object, of: () => object): object {
  return new Proxy(shared, {
    get: (_target, property) => {
      const port = of();
      const value = Reflect.get(port, property);
      return typeof value === 'function' ? value.bind(port) : value;
    },
  });
}

/**
 * Ports whose every call goes to the ports of the function running at that moment, each function
 * with ports of its own, as each Lambda environment has: a cache shared by two functions (the
 * vault's keyed hashes, say) would hide the calls the second one sends on AWS.
 */
export function portsPerFunction(build: () => AppContext): AppContext {
  const shared = build();
  const own = new Map<string, AppContext>();
  const current = (): AppContext => {
    const name = invocation.getStore();
    if (!name) return shared;
    if (!own.has(name)) own.set(name, build());
    return own.get(name) as AppContext;
  };
  return Object.fromEntries(
    Object.entries(shared).map(([key, port]) => [
      key,
      hasMethods(port) ? perFunction(port, () => current()[key as keyof AppContext] as object) : port,
    ]),
  ) as unknown as AppContext;
}
