import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { manifest } from '../../../functions/manifest.js';
import type { Access } from '../../../functions/manifest-types.js';
import type { AwsAdapterName } from '../../../shared/runtime/aws/adapter.js';
import { table } from '../../../shared/runtime/aws/library-table.js';
import { snsPublisher } from '../../../shared/runtime/aws/sns-publisher.js';
import { snsSubscriber } from '../../../shared/runtime/aws/sns-subscriber.js';
import { sqsQueue } from '../../../shared/runtime/aws/sqs.js';
import { operationsTable, subscriberTable } from '../../../shared/runtime/aws/table.js';
import { subscriberVault } from '../../../shared/runtime/aws/vault.js';
import { xPoster } from '../../../shared/runtime/aws/x.js';
import { buildAwsContext, type FunctionContext } from '../../../shared/runtime/aws-context.js';
import { ENV } from '../../../shared/runtime/environment.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const TABLE_ADAPTERS: AwsAdapterName[] = ['table', 'operationsTable', 'subscriberTable'];

/**
 * The adapters each kind of manifest access calls for. A mapped type over `Access`, so a new kind
 * of access does not compile here until it says which adapter (if any) serves it.
 */
const adaptersFor: { [K in keyof Required<Access>]: (access: Access) => AwsAdapterName[] } = {
  // One of the table adapters; checked separately, since which one depends on the use cases.
  table: () => [],
  tableKeyPrefixes: () => [],
  sendTo: ({ sendTo = [] }) => (sendTo.length > 0 ? ['sqs'] : []),
  publishToAreaTopics: ({ publishToAreaTopics }) => (publishToAreaTopics ? ['snsPublisher'] : []),
  readXSecrets: ({ readXSecrets }) => (readXSecrets ? ['xPoster'] : []),
  manageTopicSubscriptions: ({ manageTopicSubscriptions }) =>
    manageTopicSubscriptions ? ['snsSubscriber'] : [],
  sendDirectSms: ({ sendDirectSms }) => (sendDirectSms ? ['snsSubscriber'] : []),
  readOptedOutNumbers: ({ readOptedOutNumbers }) => (readOptedOutNumbers ? ['snsSubscriber'] : []),
  subscriberKeys: ({ subscriberKeys }) => (subscriberKeys ? ['vault'] : []),
  writePublicSite: ({ writePublicSite }) => (writePublicSite ? ['siteBucket'] : []),
};

async function declaredAdapters(entry: string): Promise<readonly AwsAdapterName[]> {
  const module = (await import(pathToFileURL(path.join(REPO_ROOT, entry)).href)) as {
    appContext?: FunctionContext;
  };
  if (!module.appContext) throw new Error(`${entry} does not export its appContext (awsContext(...))`);
  return module.appContext.adapters;
}

describe('the AWS adapters each handler declares', () => {
  it.each(manifest.map((definition) => [definition.name, definition] as const))(
    '%s declares exactly what its manifest access grants',
    async (_name, { entry, access }) => {
      const declared = await declaredAdapters(entry);
      expect(new Set(declared).size, 'an adapter declared twice').toBe(declared.length);

      const expected = new Set(
        (Object.keys(adaptersFor) as (keyof typeof adaptersFor)[]).flatMap((field) =>
          adaptersFor[field](access),
        ),
      );
      const nonTable = declared.filter((name) => !TABLE_ADAPTERS.includes(name));
      expect([...nonTable].sort()).toEqual([...expected].sort());

      const tables = declared.filter((name) => TABLE_ADAPTERS.includes(name));
      if (!access.table) expect(tables).toEqual([]);
      // Limited to subscriber items: only the subscription ports, which never leave that prefix.
      else if (access.tableKeyPrefixes) expect(tables).toEqual(['subscriberTable']);
      else expect(tables).toHaveLength(1);
    },
  );
});

/** A built port is an adapter instance; a refused one is a proxy of a plain object. */
const isBuilt = (port: unknown) =>
  typeof port === 'object' && port !== null && Object.getPrototypeOf(port) !== Object.prototype;

describe('buildAwsContext', () => {
  const env = {
    [ENV.tableName]: 'herald',
    [ENV.topicArnPrefix]: 'arn:aws:sns:eu-west-1:123456789012:',
    [ENV.xSecretPrefix]: 'herald/x/',
    [ENV.queueUrlXDeliveries]: 'https://sqs.eu-west-1.amazonaws.com/123456789012/x',
    [ENV.subscriberDataKeyId]: 'data-key',
    [ENV.subscriberHmacKeyId]: 'mac-key',
  };

  it('refuses every port no declared adapter built, and needs no table for none', async () => {
    const context = buildAwsContext({}, []);
    expect(context.registry.version).toBeTruthy();
    expect(context.settings).toEqual({ leaseMs: 60_000, maxAttempts: 5 });
    await expect(context.incidents.get('inc_1')).rejects.toThrow(
      'this function is not configured to read or write incidents',
    );
    await expect(context.poster.post({} as never)).rejects.toThrow(
      'this function is not configured to post to X',
    );
    await expect(context.queue.send('x-deliveries', [])).rejects.toThrow('not configured to send jobs');
    // A refused port is not a thenable: it can pass through a promise.
    await expect(Promise.resolve(context.vault)).resolves.toBe(context.vault);
  });

  it('builds the declared ports only', () => {
    const context = buildAwsContext(env, [subscriberTable, sqsQueue, snsSubscriber, subscriberVault]);
    for (const port of ['subscriptions', 'rateLimiter', 'queue', 'topicSubscriber', 'vault'] as const) {
      expect(isBuilt(context[port]), port).toBe(true);
    }
    for (const port of [
      'templates',
      'resources',
      'incidents',
      'broadcasts',
      'poster',
      'publisher',
    ] as const) {
      expect(isBuilt(context[port]), port).toBe(false);
    }
  });

  it('builds every repository for `table` and all but the library for `operationsTable`', () => {
    const full = buildAwsContext(env, [table]);
    const operations = buildAwsContext(env, [operationsTable, xPoster, snsPublisher]);
    const built = (context: object) =>
      Object.entries(context)
        .filter(([, port]) => isBuilt(port) && port.constructor.name.startsWith('Dynamo'))
        .map(([name]) => name)
        .sort();
    expect(built(full)).toEqual(
      [
        'broadcasts',
        'incidents',
        'ledger',
        'rateLimiter',
        'resources',
        'subscriptions',
        'templates',
        'xBudget',
      ].sort(),
    );
    expect(built(operations)).toEqual(
      ['broadcasts', 'incidents', 'ledger', 'rateLimiter', 'subscriptions', 'xBudget'].sort(),
    );
    expect(operations.poster.constructor.name).toBe('XPoster');
    expect(operations.publisher.constructor.name).toBe('SnsPublisher');
  });

  it.each([
    ['operationsTable', operationsTable, ENV.tableName],
    ['xPoster', xPoster, ENV.xSecretPrefix],
    ['snsPublisher', snsPublisher, ENV.topicArnPrefix],
    ['vault', subscriberVault, ENV.subscriberDataKeyId],
  ] as const)(
    'fails to build a declared %s whose variable is missing, naming the variable',
    (_name, adapter, variable) => {
      const { [variable]: _missing, ...rest } = env;
      expect(() => buildAwsContext(rest, [adapter])).toThrow(`${variable} is not set`);
    },
  );
});
