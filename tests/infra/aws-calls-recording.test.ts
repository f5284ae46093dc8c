import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DecryptCommand, GenerateDataKeyCommand, GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AwsCall, attributed, recordedAwsCalls } from '../../infra/local/aws-call-recording.js';
import { buildLocalContext, type LocalContextConfig } from '../../infra/local/local-context.js';
import { newLocalKeys } from '../../shared/adapters/crypto/local-keyring.js';
import { HASH_INDEX_KEY } from '../../shared/adapters/s3/site-bucket.js';
import { SecretsManagerStore } from '../../shared/adapters/secrets/secrets-manager-store.js';
import { XPoster } from '../../shared/adapters/x/x-poster.js';
import type { SiteFile } from '../../shared/domain/public-site.js';
import type { QueueJobs } from '../../shared/ports/repositories.js';
import type { AwsBase } from '../../shared/runtime/aws/adapter.js';
import { siteBucket } from '../../shared/runtime/aws/site-bucket.js';
import { sqsQueue } from '../../shared/runtime/aws/sqs.js';
import { subscriberVault } from '../../shared/runtime/aws/vault.js';
import type { AwsEnvironment } from '../../shared/runtime/environment.js';

/*
 * The record the IAM check of the flows reads (D22, infra/local/local-context.ts). If it stopped
 * recording, that check would pass on nothing; if a stand-in recorded other commands than its AWS
 * adapter sends, it would check the wrong ones.
 */

const placeholder = (name: string) => `\${${name}}`;
/** Every environment value the AWS adapters read, as the placeholder the local record writes. */
const environment = new Proxy({}, { get: (_t, name) => placeholder(String(name)) }) as AwsEnvironment;
const CLOSED_PORT = 'http://127.0.0.1:9';

const config: LocalContextConfig = {
  registryFile: fileURLToPath(new URL('../../config/registry.json', import.meta.url)),
  dynamoEndpoint: CLOSED_PORT,
  fakeXUrl: CLOSED_PORT,
  fakeSnsUrl: CLOSED_PORT,
  topicArnPrefix: 'arn:aws:sns:us-east-1:000000000000:',
  xCredentials: { hq: { appKey: 'k', appSecret: 's', accessToken: 't', accessSecret: 'a' } },
  delivery: { leaseMs: 60_000, maxAttempts: 5 },
  subscriberKeys: newLocalKeys(),
  quiet: true,
  // Never written: these tests build contexts and check what their adapters record.
  siteFolder: CLOSED_PORT,
};

/** The stand-in's record of `use` run on a local context, as (command, input) pairs. */
async function recordedLocally(
  use: (context: ReturnType<typeof buildLocalContext>) => Promise<unknown>,
  overrides: Partial<LocalContextConfig> = {},
) {
  const before = recordedAwsCalls().length;
  const context = buildLocalContext({ ...config, ...overrides }, { send: async () => {} });
  await attributed('stand-in', () => use(context).catch(() => undefined))();
  return recordedAwsCalls()
    .slice(before)
    .map((call: AwsCall) => [call.command, call.input]);
}

/** What the mocked client of an AWS adapter was sent, as (command, input) pairs. */
const sent = (mock: { calls(): { args: unknown[] }[] }) =>
  mock.calls().map((c) => {
    const command = c.args[0] as { constructor: { name: string }; input: Record<string, unknown> };
    return [command.constructor.name.replace(/Command$/, ''), command.input];
  });

const jobs = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ broadcastId: `b${i}` })) as unknown as QueueJobs['x-deliveries'][];

beforeAll(() => vi.stubEnv('HERALD_RECORD_AWS_CALLS', '1'));
afterAll(() => vi.unstubAllEnvs());

describe('what the local runtime records', () => {
  it('a DynamoDB command as sent, the local table name standing for HERALD_TABLE_NAME', async () => {
    const local = await recordedLocally(({ subscriptions }) => subscriptions.get('sub_1'));
    expect(local).toEqual([
      [
        'GetItem',
        {
          TableName: placeholder('HERALD_TABLE_NAME'),
          Key: { pk: 'SUBSCRIBER#sub_1', sk: 'SUBSCRIPTION' },
          ConsistentRead: true,
        },
      ],
    ]);
  });

  it('an SNS publish with the local topic ARN prefix standing for HERALD_TOPIC_ARN_PREFIX', async () => {
    const local = await recordedLocally(({ topicSubscriber }) =>
      topicSubscriber.subscribe('area-14-en', 'sms', '+15145550100'),
    );
    expect(local.map(([command, input]) => [command, (input as { TopicArn?: string }).TopicArn])).toEqual([
      ['Subscribe', `${placeholder('HERALD_TOPIC_ARN_PREFIX')}area-14-en`],
    ]);
  });

  it('nothing outside an invocation: a test reading the table is no function', async () => {
    const before = recordedAwsCalls().length;
    await buildLocalContext(config, { send: async () => {} }).vault.hash('+15145550100');
    expect(recordedAwsCalls().length).toBe(before);
  });

  it('nothing at all, and no wrapping of handlers, unless HERALD_RECORD_AWS_CALLS is 1', () => {
    vi.stubEnv('HERALD_RECORD_AWS_CALLS', '');
    const handler = async () => 'done';
    expect(attributed('api-meta', handler)).toBe(handler);
    vi.stubEnv('HERALD_RECORD_AWS_CALLS', '1');
  });
});

describe('the local record of calls that have stand-ins matches what the AWS adapter sends', () => {
  it('the vault: GenerateMac for a hash, GenerateDataKey to seal, Decrypt to open, each on its key', async () => {
    const kms = mockClient(KMSClient);
    const key = Buffer.alloc(32, 7);
    kms.on(GenerateDataKeyCommand).resolves({ Plaintext: key, CiphertextBlob: Buffer.from('wrapped') });
    kms.on(DecryptCommand).resolves({ Plaintext: key });
    kms.on(GenerateMacCommand).resolves({ Mac: Buffer.from('mac') });
    const run = async ({ vault }: { vault: ReturnType<typeof buildLocalContext>['vault'] }) => {
      await vault.hash('+15145550100');
      await vault.open(await vault.seal('+15145550100'));
    };
    const { vault } = subscriberVault.build(environment, {} as AwsBase);
    if (!vault) throw new Error('the vault adapter built no vault');
    await run({ vault });
    const keyIds = (pairs: unknown[][]) =>
      pairs.map(([command, input]) => [command, (input as { KeyId?: string }).KeyId]);
    expect(keyIds(await recordedLocally(run))).toEqual(keyIds(sent(kms)));
    expect(sent(kms).map(([command]) => command)).toEqual(['GenerateMac', 'GenerateDataKey', 'Decrypt']);
    kms.restore();
  });

  it('the queue: one SendMessageBatch per ten jobs, to the URL of the queue its environment names', async () => {
    const sqs = mockClient(SQSClient);
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const { queue } = sqsQueue.build(environment, {} as AwsBase);
    await queue?.send('x-deliveries', jobs(12));
    const local = await recordedLocally(({ queue }) => queue.send('x-deliveries', jobs(12)));
    const urls = (pairs: unknown[][]) =>
      pairs.map(([command, input]) => [command, (input as { QueueUrl?: string }).QueueUrl]);
    expect(urls(local)).toEqual(urls(sent(sqs)));
    expect(sent(sqs)).toHaveLength(2);
    sqs.restore();
  });

  it("the X poster's credentials: GetSecretValue on <prefix from the environment><account>", async () => {
    const secrets = mockClient(SecretsManagerClient);
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(config.xCredentials.hq) });
    const poster = new XPoster({
      secrets: new SecretsManagerStore(new SecretsManagerClient({})),
      secretPrefix: environment.HERALD_X_SECRET_PREFIX,
      baseUrl: CLOSED_PORT,
    });
    await poster.post({ accountId: 'hq', text: 'x' }).catch(() => undefined);
    const local = await recordedLocally(({ poster }) => poster.post({ accountId: 'hq', text: 'x' }));
    expect(local).toEqual(sent(secrets));
    expect(sent(secrets)).toEqual([
      ['GetSecretValue', { SecretId: `${placeholder('HERALD_X_SECRET_PREFIX')}hq` }],
    ]);
    secrets.restore();
  });
});

describe('the public site: the local folder records what S3SiteStore sends', () => {
  const page = (path: string, body: string): SiteFile => ({
    path,
    body,
    contentType: 'text/html; charset=utf-8',
    cacheControl: 'public, max-age=30',
  });
  /** A first render, one that changes a page, and one that changes nothing. */
  const renders: SiteFile[][] = [
    [page('/', 'front'), page('/fr/', 'accueil'), page('/b/bc_1', 'alert')],
    [page('/', 'front'), page('/fr/', 'accueil'), page('/b/bc_1', 'alert, updated')],
    [page('/', 'front'), page('/fr/', 'accueil'), page('/b/bc_1', 'alert, updated')],
  ];
  /** What IAM reads of an S3 call: the command, the bucket and key, and the metadata sent. */
  const shape = (pairs: unknown[][]) =>
    pairs.map(([command, input]) => {
      const { Bucket, Key, ContentType, CacheControl } = input as Record<string, unknown>;
      return [command, Bucket, Key, ContentType, CacheControl];
    });

  it('GetObject of the hash index, PutObject per changed file with its metadata, the index last; nothing when nothing changed', async () => {
    const s3 = mockClient(S3Client);
    let index: string | undefined;
    s3.on(GetObjectCommand).callsFake(() => {
      if (index === undefined)
        throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
      const text = index;
      return { Body: { transformToString: async () => text } };
    });
    s3.on(PutObjectCommand).callsFake((input: { Key: string; Body: string }) => {
      if (input.Key === HASH_INDEX_KEY) index = input.Body;
      return {};
    });
    const { site } = siteBucket.build(environment, {} as AwsBase);
    if (!site) throw new Error('the site bucket adapter built no store');
    const sentByRender: unknown[][][] = [];
    for (const files of renders) {
      const before = s3.calls().length;
      await site.write(files);
      sentByRender.push(sent(s3).slice(before));
    }
    s3.restore();

    const folder = await mkdtemp(join(tmpdir(), 'herald-site-record-'));
    try {
      for (const [i, files] of renders.entries()) {
        const local = await recordedLocally(({ site }) => site.write(files), { siteFolder: folder });
        expect(shape(local), `render ${i + 1}`).toEqual(shape(sentByRender[i] ?? []));
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    const bucket = placeholder('HERALD_PUBLIC_SITE_BUCKET');
    const html = ['text/html; charset=utf-8', 'public, max-age=30'];
    expect(shape(sentByRender[0] ?? [])).toEqual([
      ['GetObject', bucket, HASH_INDEX_KEY, undefined, undefined],
      ['PutObject', bucket, 'index.html', ...html],
      ['PutObject', bucket, 'fr/index.html', ...html],
      ['PutObject', bucket, 'b/bc_1', ...html],
      ['PutObject', bucket, HASH_INDEX_KEY, 'application/json', undefined],
    ]);
    expect(shape(sentByRender[1] ?? []).map(([command, , key]) => [command, key])).toEqual([
      ['GetObject', HASH_INDEX_KEY],
      ['PutObject', 'b/bc_1'],
      ['PutObject', HASH_INDEX_KEY],
    ]);
    expect(shape(sentByRender[2] ?? []).map(([command]) => command)).toEqual(['GetObject']);
  });

  it('the read of the hash index is marked as one that may find nothing (it needs s3:ListBucket for a 404)', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'herald-site-record-'));
    try {
      const before = recordedAwsCalls().length;
      await recordedLocally(({ site }) => site.write(renders[0] ?? []), { siteFolder: folder });
      const calls = recordedAwsCalls().slice(before);
      expect(
        calls.filter((c) => c.notFoundIsAnAnswer).map((c) => [c.service, c.command, c.input.Key]),
      ).toEqual([['s3', 'GetObject', HASH_INDEX_KEY]]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
