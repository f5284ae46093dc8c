import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { manifest } from '../../../functions/manifest.js';
import type { Access } from '../../../functions/manifest-types.js';
import type { AwsAdapter, AwsAdapterName } from '../../../shared/runtime/aws/adapter.js';
import { snsPublisher } from '../../../shared/runtime/aws/sns-publisher.js';
import { snsSubscriber } from '../../../shared/runtime/aws/sns-subscriber.js';
import { sqsQueue } from '../../../shared/runtime/aws/sqs.js';
import { staffSignIn } from '../../../shared/runtime/aws/staff-sign-in.js';
import { table } from '../../../shared/runtime/aws/table.js';
import { subscriberVault } from '../../../shared/runtime/aws/vault.js';
import { xPoster } from '../../../shared/runtime/aws/x.js';
import { buildAwsContext, type FunctionContext } from '../../../shared/runtime/aws-context.js';
import { ENV } from '../../../shared/runtime/environment.js';
import { resourceRepository, templateRepository } from '../../../shared/runtime/library-ports.js';
import {
  broadcastRepository,
  deliveryLedger,
  incidentRepository,
  rateLimiter,
  sessionStore,
  signInAttempts,
  subscriptionStore,
  xPostBudget,
} from '../../../shared/runtime/table-ports.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
/** The ports kept under the subscriber key prefix: all a prefix-limited function may name. */
const SUBSCRIBER_ITEM_PORTS = ['subscriptions', 'rateLimiter'];

/**
 * The adapters each kind of manifest access calls for. A mapped type over `Access`, so a new kind
 * of access does not compile here until it says which adapter (if any) serves it.
 */
const adaptersFor: { [K in keyof Required<Access>]: (access: Access) => AwsAdapterName[] } = {
  table: ({ table }) => (table ? ['table'] : []),
  // Narrows `table`: checked below against the repositories the table adapter names.
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
  staffSignIn: ({ staffSignIn }) => (staffSignIn ? ['staffSignIn'] : []),
  warmDispatchWorkers: ({ warmDispatchWorkers }) => (warmDispatchWorkers ? ['dispatchWarmer'] : []),
};

async function declaredAdapters(entry: string): Promise<readonly AwsAdapter[]> {
  const module = (await import(pathToFileURL(path.join(REPO_ROOT, entry)).href)) as {
    appContext?: FunctionContext<unknown>;
  };
  if (!module.appContext) throw new Error(`${entry} does not export its appContext (awsContext(...))`);
  return module.appContext.adapters;
}

describe('the AWS adapters each handler declares', () => {
  it.each(manifest.map((definition) => [definition.name, definition] as const))(
    '%s declares exactly what its manifest access grants',
    async (_name, { entry, access }) => {
      const declared = await declaredAdapters(entry);
      const names = declared.map((adapter) => adapter.name);
      expect(new Set(names).size, 'an adapter declared twice').toBe(names.length);

      const expected = new Set(
        (Object.keys(adaptersFor) as (keyof typeof adaptersFor)[]).flatMap((field) =>
          adaptersFor[field](access),
        ),
      );
      expect([...names].sort()).toEqual([...expected].sort());

      // Limited to subscriber items: only the repositories that never leave that prefix.
      const tablePorts = declared.find((adapter) => adapter.name === 'table')?.ports ?? [];
      if (access.tableKeyPrefixes) {
        expect(tablePorts.filter((port) => !SUBSCRIBER_ITEM_PORTS.includes(port))).toEqual([]);
      }
    },
  );
});

const env = {
  [ENV.tableName]: 'herald',
  [ENV.topicArnPrefix]: 'arn:aws:sns:eu-west-1:123456789012:',
  [ENV.xSecretPrefix]: 'herald/x/',
  [ENV.queueUrlXDeliveries]: 'https://sqs.eu-west-1.amazonaws.com/123456789012/x',
  [ENV.subscriberDataKeyId]: 'data-key',
  [ENV.subscriberHmacKeyId]: 'mac-key',
  [ENV.staffSignInDomain]: 'herald-staff-123456789012.auth.eu-west-1.amazoncognito.com',
  [ENV.consoleClientId]: 'console-client',
  [ENV.staffUserPoolId]: 'eu-west-1_AbC123',
};
const BASE_PORTS = ['clock', 'ids', 'log', 'registry', 'settings'];

describe('buildAwsContext', () => {
  it('gives a function that declared nothing the base alone, and needs no variable for it', () => {
    const context = buildAwsContext({}, []);

    expect(Object.keys(context).sort()).toEqual(BASE_PORTS);
    expect(context.registry.version).toBeTruthy();
    expect(context.settings).toEqual({ leaseMs: 60_000, maxAttempts: 5 });
  });

  it('holds the declared ports and no other', () => {
    const context = buildAwsContext(env, [
      table(subscriptionStore, rateLimiter),
      sqsQueue,
      snsSubscriber,
      subscriberVault,
    ]);

    expect(Object.keys(context).sort()).toEqual(
      [...BASE_PORTS, 'queue', 'rateLimiter', 'subscriptions', 'topicSubscriber', 'vault'].sort(),
    );
    expect(context.subscriptions.constructor.name).toBe('DynamoSubscriptionStore');
    expect('incidents' in context || 'poster' in context).toBe(false);
  });

  it('builds exactly the repositories the table adapter names', () => {
    const repositories = [
      templateRepository,
      resourceRepository,
      incidentRepository,
      broadcastRepository,
      deliveryLedger,
      xPostBudget,
      subscriptionStore,
      rateLimiter,
      sessionStore,
      signInAttempts,
    ] as const;
    const context = buildAwsContext(env, [table(...repositories)]);

    for (const { port } of repositories) {
      expect(context[port].constructor.name, port).toMatch(/^Dynamo/);
    }
    expect(Object.keys(context)).toHaveLength(BASE_PORTS.length + repositories.length);
  });

  it.each([
    ['table', table(broadcastRepository), ENV.tableName],
    ['xPoster', xPoster, ENV.xSecretPrefix],
    ['snsPublisher', snsPublisher, ENV.topicArnPrefix],
    ['vault', subscriberVault, ENV.subscriberDataKeyId],
    ['sqs', sqsQueue, ENV.queueUrlXDeliveries],
    ['staffSignIn', staffSignIn, ENV.staffSignInDomain],
    ['staffSignIn', staffSignIn, ENV.consoleClientId],
    ['staffSignIn', staffSignIn, ENV.staffUserPoolId],
  ] as const)(
    'fails to build a declared %s whose variable is missing, naming the variable',
    (_name, adapter, variable) => {
      const { [variable]: _missing, ...rest } = env;
      expect(() => buildAwsContext(rest, [adapter])).toThrow(variable);
    },
  );

  it('builds the staff sign-in as the user pool’s OIDC one, never a demo one', () => {
    const context = buildAwsContext(env, [staffSignIn]);

    expect(context.staffSignIn.kind).toBe('oidc');
    expect(context.staffSignIn.constructor.name).toBe('OidcStaffSignIn');
  });

  it('builds an SNS subscriber without a topic prefix: only managing subscriptions needs one', () => {
    const { [ENV.topicArnPrefix]: _missing, ...rest } = env;

    expect(buildAwsContext(rest, [snsSubscriber]).topicSubscriber.constructor.name).toBe(
      'SnsTopicSubscriber',
    );
  });

  it.each([
    ['table', table(incidentRepository, xPostBudget, rateLimiter)],
    ['sqs', sqsQueue],
    ['xPoster', xPoster],
    ['snsPublisher', snsPublisher],
    ['snsSubscriber', snsSubscriber],
    ['vault', subscriberVault],
    ['staffSignIn', staffSignIn],
  ] as const)('%s lists exactly the ports it builds', (_name, adapter) => {
    const built = adapter.build(env, buildAwsContext({}, []));

    expect(Object.keys(built).sort()).toEqual([...adapter.ports].sort());
  });
});
