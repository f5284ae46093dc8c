import { AsyncLocalStorage } from 'node:async_hooks';
import { EnvelopeVault, type Keyring } from '../../shared/adapters/crypto/envelope-vault.js';
import { LocalKeyring, type LocalKeys } from '../../shared/adapters/crypto/local-keyring.js';
import { createDocumentClient } from '../../shared/adapters/dynamo/table.js';
import { StaticSecretStore } from '../../shared/adapters/secrets/static-secret-store.js';
import { createSnsClient, SnsPublisher } from '../../shared/adapters/sns/sns-publisher.js';
import { SnsTopicSubscriber } from '../../shared/adapters/sns/sns-topic-subscriber.js';
import { DEFAULT_X_SECRET_PREFIX, XPoster, xSecretName } from '../../shared/adapters/x/x-poster.js';
import { loadRegistry } from '../../shared/config/load-registry.js';
import { type DeliverySettings, providerTimeoutMs } from '../../shared/domain/delivery-policy.js';
import type { SecretStore } from '../../shared/ports/channels.js';
import type { JobQueue } from '../../shared/ports/repositories.js';
import type { AppContext } from '../../shared/runtime/context.js';
import { ENV, QUEUE_URL_ENV } from '../../shared/runtime/environment.js';
import { createLogger } from '../../shared/runtime/logger.js';
import { randomIds, systemClock } from '../../shared/runtime/system.js';
import { tablePorts } from '../../shared/runtime/table-ports.js';
import type { XCredentials } from './fakes/fake-x-oauth.js';

export const TABLE_NAME = 'herald';
export const REGION = 'us-east-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Everything needed to build a local context; plain data, so it can cross to a worker thread. */
export interface LocalContextConfig {
  registryFile: string;
  dynamoEndpoint: string;
  fakeXUrl: string;
  fakeSnsUrl: string;
  topicArnPrefix: string;
  /** The fake X's demo credentials per account id, for the local secret store. */
  xCredentials: Record<string, XCredentials>;
  delivery: DeliverySettings;
  /** The local stand-ins for the KMS subscriber keys. */
  subscriberKeys: LocalKeys;
  quiet: boolean;
}

/** The ports of the local runtime: the real adapters, pointed at dynalite and the fakes. */
export function buildLocalContext(config: LocalContextConfig, queue: JobQueue): AppContext {
  if (!recordingAwsCalls()) return localPorts(config, queue, false);
  // Each function gets ports of its own, as each Lambda environment has: a cache shared by two
  // functions (the vault's keyed hashes, say) would hide the calls the second one sends on AWS.
  const shared = localPorts(config, queue, true);
  const own = new Map<string, AppContext>();
  const current = (): AppContext => {
    const name = invocation.getStore();
    if (!name) return shared;
    if (!own.has(name)) own.set(name, localPorts(config, queue, true));
    return own.get(name) as AppContext;
  };
  return Object.fromEntries(
    Object.entries(shared).map(([key, port]) => [
      key,
      hasMethods(port) ? perFunction(port, () => current()[key as keyof AppContext] as object) : port,
    ]),
  ) as unknown as AppContext;
}

function localPorts(config: LocalContextConfig, jobs: JobQueue, record: boolean): AppContext {
  const registry = loadRegistry(config.registryFile);
  const db = createDocumentClient({
    endpoint: config.dynamoEndpoint,
    region: REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const staticSecrets = new StaticSecretStore();
  for (const [accountId, credentials] of Object.entries(config.xCredentials)) {
    staticSecrets.set(xSecretName(accountId), credentials);
  }
  const sns = createSnsClient({
    endpoint: config.fakeSnsUrl,
    region: REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const keyring = new LocalKeyring(config.subscriberKeys);
  let [queue, secrets, keys]: [JobQueue, SecretStore, Keyring] = [jobs, staticSecrets, keyring];
  if (record) {
    const replacer = awsPlaceholders(config.topicArnPrefix);
    db.middlewareStack.add(
      (next, context) => (args) => {
        recordAwsCall('dynamodb', context.commandName ?? '?', args.input, replacer);
        return next(args);
      },
      { step: 'initialize', name: 'heraldRecordAwsCall' },
    );
    sns.middlewareStack.add(
      (next, context) => (args) => {
        recordAwsCall('sns', context.commandName ?? '?', args.input, replacer);
        return next(args);
      },
      { step: 'initialize', name: 'heraldRecordAwsCall' },
    );
    [queue, secrets, keys] = [recordedQueue(jobs), recordedSecrets(staticSecrets), recordedKeyring(keyring)];
  }
  return {
    registry,
    ...tablePorts(db, TABLE_NAME, registry, systemClock),
    queue,
    vault: new EnvelopeVault(keys),
    topicSubscriber: new SnsTopicSubscriber({
      client: sns,
      topicArnPrefix: config.topicArnPrefix,
      sms: registry.sms,
    }),
    poster: new XPoster({ secrets, baseUrl: config.fakeXUrl, timeoutMs: providerTimeoutMs(config.delivery) }),
    publisher: new SnsPublisher({
      client: sns,
      timeoutMs: providerTimeoutMs(config.delivery),
      topicArnPrefix: config.topicArnPrefix,
      sms: registry.sms,
    }),
    clock: systemClock,
    ids: randomIds,
    log: createLogger(config.quiet ? () => {} : undefined),
    settings: config.delivery,
  };
}

/*
 * Recording the AWS calls of each function, for tests only (HERALD_RECORD_AWS_CALLS=1): the
 * integration tests hold every call to its function's synthesized IAM policy (decision D22,
 * tests/support/aws-calls-check.ts). A call is recorded as the function's AWS adapter would send
 * it, with every value that adapter takes from its environment written `${VARIABLE}`. SQS, KMS
 * and Secrets Manager have local stand-ins, so their port calls are recorded as the commands the
 * AWS adapters send (shared/adapters/sqs, crypto/kms-keyring.ts, secrets).
 */

export interface AwsCall {
  /** The manifest function that sent it. */
  fn: string;
  service: 'dynamodb' | 'sns' | 'sqs' | 'kms' | 'secretsmanager';
  /** The SDK command's name without `Command`: `BatchGetItem`, `Publish`. */
  command: string;
  input: Record<string, unknown>;
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

/** Calls outside an invocation (start-up, a test reading the table) belong to no function. */
function recordAwsCall(service: AwsCall['service'], command: string, input: object, replacer?: Replacer) {
  const fn = invocation.getStore();
  if (!fn) return;
  const plain = JSON.parse(JSON.stringify(input, replacer)) as Record<string, unknown>;
  sink({ fn, service, command: command.replace(/Command$/, ''), input: plain });
}

const variable = (name: string) => `\${${name}}`;

/** The local table name and topic ARN prefix stand for the environment values on AWS. */
function awsPlaceholders(topicArnPrefix: string): Replacer {
  return (key, value) => {
    if (key === 'TableName' && value === TABLE_NAME) return variable(ENV.tableName);
    if (key === 'RequestItems' && value && typeof value === 'object' && TABLE_NAME in value) {
      const { [TABLE_NAME]: items, ...others } = value as Record<string, unknown>;
      return { ...others, [variable(ENV.tableName)]: items };
    }
    if (typeof value === 'string' && value.startsWith(topicArnPrefix))
      return variable(ENV.topicArnPrefix) + value.slice(topicArnPrefix.length);
    if (value instanceof Set) return [...value];
    return value;
  };
}

/** SqsJobQueue: one SendMessageBatch per 10 jobs, to the URL its environment gives the queue. */
function recordedQueue(queue: JobQueue): JobQueue {
  return {
    send: (name, jobs, options) => {
      for (let start = 0; start < jobs.length; start += 10)
        recordAwsCall('sqs', 'SendMessageBatch', { QueueUrl: variable(QUEUE_URL_ENV[name]) });
      return queue.send(name, jobs, options);
    },
  };
}

/** SecretsManagerStore: GetSecretValue by name; the X poster names secrets `<prefix><account>`. */
function recordedSecrets(secrets: SecretStore): SecretStore {
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

/** KmsKeyring: data keys from the subscriber data key, keyed hashes from the HMAC key. */
function recordedKeyring(keyring: Keyring): Keyring {
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
