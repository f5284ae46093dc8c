import { EnvelopeVault, type Keyring } from '../../shared/adapters/crypto/envelope-vault.js';
import { LocalKeyring, type LocalKeys } from '../../shared/adapters/crypto/local-keyring.js';
import { createDocumentClient } from '../../shared/adapters/dynamo/table.js';
import { StaticSecretStore } from '../../shared/adapters/secrets/static-secret-store.js';
import { createSnsClient, SnsPublisher } from '../../shared/adapters/sns/sns-publisher.js';
import { SnsTopicSubscriber } from '../../shared/adapters/sns/sns-topic-subscriber.js';
import { type XAccountCredentials, xSecretName } from '../../shared/adapters/x/x-accounts.js';
import { XPoster } from '../../shared/adapters/x/x-poster.js';
import { loadRegistry } from '../../shared/config/load-registry.js';
import { type DeliverySettings, providerTimeoutMs } from '../../shared/domain/delivery-policy.js';
import type { SecretStore } from '../../shared/ports/channels.js';
import type { JobQueue } from '../../shared/ports/repositories.js';
import type { DispatchWarmer } from '../../shared/ports/warm-up.js';
import { tablePorts } from '../../shared/runtime/all-table-ports.js';
import type { AppContext } from '../../shared/runtime/context.js';
import { createLogger } from '../../shared/runtime/logger.js';
import { randomIds, systemClock } from '../../shared/runtime/system.js';
import {
  awsPlaceholders,
  portsPerFunction,
  recordCallsOf,
  recordedKeyring,
  recordedQueue,
  recordedSecrets,
  recordedSiteWrites,
  recordedWarmer,
  recordingAwsCalls,
} from './aws-call-recording.js';
import { demoSignIn } from './demo-sign-in.js';
import { FolderSiteStore } from './site-folder.js';

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
  xCredentials: Record<string, XAccountCredentials>;
  delivery: DeliverySettings;
  /** The local stand-ins for the KMS subscriber keys. */
  subscriberKeys: LocalKeys;
  quiet: boolean;
  /** The folder the public site is rendered into and served from. */
  siteFolder: string;
}

/** Where nothing needs warming (a context that never files a broadcast, a probe). */
export const noWarmUp: DispatchWarmer = { warm: async () => {} };

/**
 * The ports of the local runtime: the real adapters, pointed at dynalite and the fakes. `warmer`
 * is the runtime's own (runtime.ts): it starts the worker threads that are not running (D40).
 */
export function buildLocalContext(
  config: LocalContextConfig,
  queue: JobQueue,
  warmer: DispatchWarmer = noWarmUp,
): AppContext {
  if (!recordingAwsCalls()) return localPorts(config, queue, warmer, false);
  return portsPerFunction(() => localPorts(config, queue, warmer, true));
}

function localPorts(
  config: LocalContextConfig,
  jobs: JobQueue,
  warmer: DispatchWarmer,
  record: boolean,
): AppContext {
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
    const placeholders = awsPlaceholders(TABLE_NAME, config.topicArnPrefix);
    recordCallsOf(db, 'dynamodb', placeholders);
    recordCallsOf(sns, 'sns', placeholders);
    [queue, secrets, keys] = [recordedQueue(jobs), recordedSecrets(staticSecrets), recordedKeyring(keyring)];
    warmer = recordedWarmer(warmer);
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
    site: new FolderSiteStore(config.siteFolder, record ? recordedSiteWrites() : undefined),
    // The console's sign-in is a pick of the demo users here, the user pool's on AWS.
    staffSignIn: demoSignIn(),
    warmer,
  };
}
