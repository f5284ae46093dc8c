import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../functions/manifest.js';
import { REPO_ROOT } from '../../infra/aws/herald-app.js';
import { QUEUE_URL_ENV } from '../../infra/aws/queues.js';
import { xSecretName } from '../../shared/adapters/x/x-accounts.js';
import { loadRegistry } from '../../shared/config/load-registry.js';
import { allTopics } from '../../shared/domain/topics.js';
import { ENV } from '../../shared/runtime/environment.js';
import { syntheticFunctions } from './synthetic-manifest.js';
import { allows, build, environmentOf, type Statement, statementsOf } from './templates.js';

const registry = loadRegistry(`${REPO_ROOT}/config/registry.json`);
const all = [...manifest, ...syntheticFunctions];
const SITE_BUCKET_ARN = 'arn:<AWS::Partition>:s3:::herald-site-<AWS::AccountId>-<AWS::Region>';
const TOPIC_ARN = /^arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:([a-z0-9-]+)$/;

let built: ReturnType<typeof build>;
const statements = (name: string) => statementsOf(built.stateless, built.statelessTemplate, name);
const env = (name: string) => environmentOf(built.stateless, built.statelessTemplate, name);
const dynamoStatements = (s: Statement[]) =>
  s.filter((st) => st.actions.some((a) => a.startsWith('dynamodb:')));

beforeAll(() => {
  built = build(all);
});

describe('least privilege: each function gets exactly its manifest access', () => {
  it('the X worker reads the secrets of registry X accounts and nothing else in Secrets Manager', () => {
    const readers = all.filter((f) => f.access.readXSecrets);
    expect(readers.length).toBeGreaterThan(0);
    // By name, with the `-??????` Secrets Manager appends: no export of the stateful stack (D38).
    const secretNameOf = (resource: string) =>
      resource.match(
        /^arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:(.+)-\?{6}$/,
      )?.[1];
    const xSecretNames = new Set(registry.accounts.map((a) => xSecretName(a.id)));
    for (const reader of readers) {
      const secretStatements = statements(reader.name).filter((s) =>
        s.actions.some((a) => a.startsWith('secretsmanager:')),
      );
      const names = secretStatements.flatMap((s) => s.resources.map(secretNameOf));
      expect(new Set(names)).toEqual(xSecretNames);
      for (const s of secretStatements) {
        expect(
          s.actions.every((a) =>
            ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'].includes(a),
          ),
        ).toBe(true);
      }
      expect(env(reader.name)[ENV.xSecretPrefix]).toBeDefined();
    }
  });

  it('a function without readXSecrets has no Secrets Manager access and no secret prefix', () => {
    for (const f of all.filter((d) => !d.access.readXSecrets)) {
      expect(
        statements(f.name).filter((s) => s.actions.some((a) => a.startsWith('secretsmanager:'))),
      ).toEqual([]);
      expect(env(f.name)[ENV.xSecretPrefix]).toBeUndefined();
    }
  });

  it('sns:Publish on "*" only where the manifest says sendDirectSms', () => {
    for (const f of all) {
      const star = allows(statements(f.name), 'sns:Publish').filter((s) => s.resources.includes('*'));
      expect(star.length > 0, f.name).toBe(Boolean(f.access.sendDirectSms));
    }
  });

  it('a direct-SMS function that does not publish to topics is denied every SNS ARN', () => {
    for (const f of all.filter((d) => d.access.sendDirectSms)) {
      const denies = statements(f.name).filter(
        (s) => s.effect === 'Deny' && s.actions.includes('sns:Publish'),
      );
      if (f.access.publishToAreaTopics) expect(denies).toEqual([]);
      else expect(denies.flatMap((s) => s.resources)).toEqual(['arn:<AWS::Partition>:sns:*:*:*']);
    }
  });

  it('topic publishers may publish to exactly the registry topics, by ARN', () => {
    const topicNames = new Set(allTopics(registry).map((t) => t.name));
    for (const f of all.filter((d) => d.access.publishToAreaTopics)) {
      const resources = allows(statements(f.name), 'sns:Publish')
        .flatMap((s) => s.resources)
        .filter((r) => r !== '*');
      expect(new Set(resources.map((r) => r.match(TOPIC_ARN)?.[1]))).toEqual(topicNames);
      expect(env(f.name)[ENV.topicArnPrefix]).toBeDefined();
    }
    for (const f of all.filter((d) => !d.access.publishToAreaTopics && !d.access.sendDirectSms)) {
      expect(allows(statements(f.name), 'sns:Publish'), f.name).toEqual([]);
    }
  });

  it('a function with tableKeyPrefixes has only LeadingKeys-conditioned item access on the table itself', () => {
    const limited = all.filter((f) => f.access.tableKeyPrefixes);
    expect(limited.length).toBeGreaterThan(0);
    for (const f of limited) {
      const table = dynamoStatements(statements(f.name));
      expect(table.length).toBeGreaterThan(0);
      for (const s of table) {
        expect(s.resources).toHaveLength(1);
        expect(s.resources[0]).not.toMatch(/index/);
        expect(s.condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']).toEqual(
          f.access.tableKeyPrefixes?.map((p) => `${p}*`),
        );
        expect(s.actions).not.toContain('dynamodb:Scan');
        if (f.access.table === 'read')
          expect(s.actions.sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
      }
    }
  });

  it('read-only table access never writes; no table access means no DynamoDB at all', () => {
    for (const f of all) {
      const table = dynamoStatements(statements(f.name));
      const writes = table.filter((s) => s.actions.some((a) => /Put|Update|Delete|Write/.test(a)));
      if (!f.access.table) {
        expect(table, f.name).toEqual([]);
        expect(env(f.name)[ENV.tableName]).toBeUndefined();
      } else {
        expect(env(f.name)[ENV.tableName]).toBeDefined();
        if (f.access.table === 'read') expect(writes, f.name).toEqual([]);
      }
    }
  });

  it('subscription management: Subscribe and Unsubscribe on registry topics (and their subscriptions) only', () => {
    for (const f of all.filter((d) => d.access.manageTopicSubscriptions)) {
      const s = statements(f.name);
      for (const action of ['sns:Subscribe', 'sns:Unsubscribe']) {
        const resources = allows(s, action).flatMap((st) => st.resources);
        expect(resources.length).toBeGreaterThan(0);
        for (const r of resources) expect(r.replace(/:\*$/, '')).toMatch(TOPIC_ARN);
      }
    }
    for (const f of all.filter((d) => !d.access.manageTopicSubscriptions)) {
      expect(allows(statements(f.name), 'sns:Subscribe'), f.name).toEqual([]);
    }
  });

  it('opted-out numbers, subscriber keys and queues only where declared, each with its environment', () => {
    for (const f of all) {
      const s = statements(f.name);
      const e = env(f.name);
      expect(allows(s, 'sns:ListPhoneNumbersOptedOut').length > 0, f.name).toBe(
        Boolean(f.access.readOptedOutNumbers),
      );
      expect(allows(s, 'kms:GenerateMac').length > 0, f.name).toBe(Boolean(f.access.subscriberKeys));
      expect(e[ENV.subscriberHmacKeyId] !== undefined, f.name).toBe(Boolean(f.access.subscriberKeys));
      expect(e[ENV.subscriberDataKeyId] !== undefined, f.name).toBe(Boolean(f.access.subscriberKeys));
      const sendsTo = new Set(f.access.sendTo ?? []);
      for (const [queue, variable] of Object.entries(QUEUE_URL_ENV)) {
        expect(e[variable] !== undefined, `${f.name} ${queue}`).toBe(sendsTo.has(queue as never));
      }
      expect(allows(s, 'sqs:SendMessage').length > 0, f.name).toBe(sendsTo.size > 0);
    }
  });

  it('the site bucket only where declared: Get and Put on its objects, List on it, never a delete', () => {
    for (const f of all) {
      const s3 = statements(f.name).filter((st) => st.actions.some((a) => a.startsWith('s3:')));
      if (!f.access.writePublicSite) {
        expect(s3, f.name).toEqual([]);
        expect(env(f.name)[ENV.publicSiteBucket], f.name).toBeUndefined();
        continue;
      }
      expect(s3.flatMap((st) => st.actions).sort()).toEqual([
        's3:GetObject',
        's3:ListBucket',
        's3:PutObject',
      ]);
      for (const st of s3) {
        expect(st.effect).toBe('Allow');
        expect(st.resources).toEqual([
          st.actions.includes('s3:ListBucket') ? SITE_BUCKET_ARN : `${SITE_BUCKET_ARN}/*`,
        ]);
      }
      expect(env(f.name)[ENV.publicSiteBucket]).toBeDefined();
    }
  });
});
