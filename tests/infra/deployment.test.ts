import { readFileSync } from 'node:fs';
import { type CfnElement, Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../functions/manifest.js';
import { REPO_ROOT } from '../../infra/aws/herald-app.js';
import { routeKey } from '../../infra/aws/http-api.js';
import { QUEUE_NAMES } from '../../infra/aws/queues.js';
import { PURGE_AT_ATTRIBUTE } from '../../shared/adapters/dynamo/keys.js';
import { xSecretName } from '../../shared/adapters/x/x-accounts.js';
import { loadRegistry } from '../../shared/config/load-registry.js';
import { allTopics } from '../../shared/domain/topics.js';
import { StaffRole } from '../../shared/domain/vocabulary.js';
import { buildTestApp } from './harness.js';
import { syntheticFunctions } from './synthetic-manifest.js';
import { build, heraldFunction, logicalIdOf, render } from './templates.js';

type Json = Record<string, any>;
const registry = loadRegistry(`${REPO_ROOT}/config/registry.json`);
const all = [...manifest, ...syntheticFunctions];

let built: ReturnType<typeof build>;
beforeAll(() => {
  built = build(all);
});

const resourceOf = (element: CfnElement) =>
  built.statelessTemplate.toJSON().Resources[logicalIdOf(built.stateless, element)];
const idOf = (element: CfnElement) => logicalIdOf(built.stateless, element);
/** The logical id of a function's `live` alias, which every trigger must invoke. */
const aliasIdOf = (name: string) =>
  idOf(heraldFunction(built.stateless, name).alias.node.defaultChild as CfnElement);

const resourcesOfType = (type: string) =>
  Object.entries(
    built.statelessTemplate.toJSON().Resources as Record<string, { Type: string; Properties: any }>,
  )
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => ({ id, ...r }));

describe('stateful stack: data survives mistakes', () => {
  it('the table is KMS-encrypted with a customer key, has point-in-time recovery and deletion protection, and is retained', () => {
    // The table's own customer-managed key, by its logical id: not the AWS-owned or AWS-managed one.
    const tableKeyId = built.stateful.getLogicalId(built.stateful.tableKey.node.defaultChild as CfnElement);
    built.statefulTemplate.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        SSESpecification: {
          SSEEnabled: true,
          SSEType: 'KMS',
          KMSMasterKeyId: { 'Fn::GetAtt': [tableKeyId, 'Arn'] },
        },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      }),
    });
  });

  it('retains exactly what docs/deploy.md section 12 lists as retained, and deletes the rest', () => {
    const policies: Record<string, Set<string>> = {};
    for (const r of Object.values(built.statefulTemplate.toJSON().Resources) as Json[]) {
      policies[r.Type] = (policies[r.Type] ?? new Set()).add(r.DeletionPolicy ?? 'Delete');
    }
    expect(Object.fromEntries(Object.entries(policies).map(([type, set]) => [type, [...set]]))).toEqual({
      'AWS::KMS::Key': ['Retain'],
      'AWS::DynamoDB::Table': ['Retain'],
      // Audience topics retained; the ops topic (no TopicName) deleted.
      'AWS::SNS::Topic': ['Retain', 'Delete'],
      'AWS::SNS::TopicPolicy': ['Delete'],
      'AWS::SecretsManager::Secret': ['Retain'],
      'AWS::Cognito::UserPool': ['Retain'],
      'AWS::Cognito::UserPoolGroup': ['Delete'],
      'AWS::Cognito::UserPoolDomain': ['Delete'],
      'AWS::Cognito::UserPoolClient': ['Delete'],
      'AWS::S3::Bucket': ['Retain'],
    });
    const ops =
      built.statefulTemplate.toJSON().Resources[
        built.stateful.getLogicalId(built.stateful.opsTopic.node.defaultChild as CfnElement)
      ];
    expect(ops.DeletionPolicy ?? 'Delete').toBe('Delete');
    for (const [, topic] of built.stateful.topics)
      expect(
        built.statefulTemplate.toJSON().Resources[
          built.stateful.getLogicalId(topic.node.defaultChild as CfnElement)
        ].DeletionPolicy,
      ).toBe('Retain');
  });

  it('purges housekeeping items by their own TTL attribute, never by a domain field such as expiresAt', () => {
    built.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: PURGE_AT_ATTRIBUTE, Enabled: true },
    });
    expect(PURGE_AT_ATTRIBUTE).not.toBe('expiresAt');
  });

  it('one KMS-encrypted, TLS-only topic per registry topic (live and exercise), plus the ops topic', () => {
    const topics = Object.values(built.statefulTemplate.findResources('AWS::SNS::Topic'));
    const names = topics.map((t) => t.Properties.TopicName).filter(Boolean);
    expect(new Set(names)).toEqual(new Set(allTopics(registry).map((t) => t.name)));
    // Audience topics share the topic key; the ops topic has a key of its own (CloudWatch may use it).
    const keyOf = (topic: { masterKey?: { node: { defaultChild?: unknown } } }) => ({
      'Fn::GetAtt': [built.stateful.getLogicalId(topic.masterKey?.node.defaultChild as CfnElement), 'Arn'],
    });
    const audienceKeys = [...built.stateful.topics.values()].map(keyOf);
    const topicKey = audienceKeys[0];
    expect(topicKey?.['Fn::GetAtt'][0]).toMatch(/^TopicKey/);
    for (const topic of topics) {
      if (topic.Properties.TopicName) expect(topic.Properties.KmsMasterKeyId).toEqual(topicKey);
      else expect(topic.Properties.KmsMasterKeyId).toEqual(keyOf(built.stateful.opsTopic));
    }
    expect(keyOf(built.stateful.opsTopic)).not.toEqual(topicKey);
    for (const [, topic] of built.stateful.topics) {
      expect(
        built.statefulTemplate.toJSON().Resources[
          built.stateful.getLogicalId(topic.node.defaultChild as CfnElement)
        ].DeletionPolicy,
      ).toBe('Retain');
    }
    expect(Object.keys(built.statefulTemplate.findResources('AWS::SNS::TopicPolicy')).length).toBe(
      topics.length,
    );
  });

  it('a retained secret per X account, named the way the X poster reads it, with no credential in the template', () => {
    const secrets = Object.values(built.statefulTemplate.findResources('AWS::SecretsManager::Secret'));
    expect(new Set(secrets.map((s) => s.Properties.Name))).toEqual(
      new Set(registry.accounts.map((a) => xSecretName(a.id))),
    );
    for (const s of secrets) {
      expect(s.DeletionPolicy).toBe('Retain');
      expect(s.Properties.SecretString).toBeUndefined();
    }
  });

  it('five customer-managed keys, each retained: table, audience topics, ops topic, subscriber data, subscriber lookups', () => {
    const keys = built.statefulTemplate.findResources('AWS::KMS::Key');
    const id = (key: { node: { defaultChild?: unknown } }) =>
      built.stateful.getLogicalId(key.node.defaultChild as CfnElement);
    const [anyTopic] = built.stateful.topics.values();
    expect(new Set(Object.keys(keys))).toEqual(
      new Set([
        id(built.stateful.tableKey),
        id(anyTopic?.masterKey as never),
        id(built.stateful.opsTopic.masterKey as never),
        id(built.stateful.subscriberDataKey),
        id(built.stateful.subscriberHmacKey),
      ]),
    );
    for (const key of Object.values(keys)) expect(key.DeletionPolicy).toBe('Retain');
  });

  it('subscriber keys: a rotating symmetric key and an HMAC_256 key for lookups', () => {
    built.statefulTemplate.hasResourceProperties('AWS::KMS::Key', {
      KeySpec: 'HMAC_256',
      KeyUsage: 'GENERATE_VERIFY_MAC',
    });
    const symmetric = Object.values(built.statefulTemplate.findResources('AWS::KMS::Key')).filter(
      (k) => !k.Properties.KeySpec,
    );
    for (const key of symmetric) expect(key.Properties.EnableKeyRotation).toBe(true);
  });

  it('the staff user pool: no self sign-up, TOTP MFA available, strong passwords, one group per role', () => {
    built.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 14, RequireSymbols: true }) },
    });
    const groups = Object.values(built.statefulTemplate.findResources('AWS::Cognito::UserPoolGroup'));
    expect(new Set(groups.map((g) => g.Properties.GroupName))).toEqual(new Set(StaffRole.options));
  });
});

describe('functions: one construct for every manifest entry', () => {
  it('Node.js 24 on arm64, X-Ray active, logs in an own log group with a retention', () => {
    // Besides CDK's deploy-time helpers: the BucketDeployment handler, which copies the stylesheet
    // (public-site.test.ts), and the AwsCustomResource provider, which sets the SMS log attributes.
    const functions = resourcesOfType('AWS::Lambda::Function').filter(
      (f) =>
        !f.id.startsWith('CustomCDKBucketDeployment') &&
        !f.id.startsWith('AWS679f53fac002430cb0da5b7982bd2287'),
    );
    expect(functions).toHaveLength(all.length);
    for (const f of functions) {
      expect(f.Properties.Runtime).toBe('nodejs24.x');
      expect(f.Properties.Architectures).toEqual(['arm64']);
      expect(f.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
    for (const definition of all) {
      const { fn, logGroup } = heraldFunction(built.stateless, definition.name);
      const fnProps = resourceOf(fn.node.defaultChild as CfnElement).Properties;
      const groupId = logicalIdOf(built.stateless, logGroup.node.defaultChild as CfnElement);
      // Its own log group, by reference, kept three months (90 days), deleted with the stack.
      expect(fnProps.LoggingConfig).toEqual({ LogGroup: { Ref: groupId }, LogFormat: 'JSON' });
      const group = built.statelessTemplate.toJSON().Resources[groupId];
      expect(group.Properties.RetentionInDays).toBe(90);
      expect(group.DeletionPolicy).toBe('Delete');
    }
    for (const definition of all) {
      const fn = heraldFunction(built.stateless, definition.name).fn;
      const props =
        built.statelessTemplate.toJSON().Resources[
          logicalIdOf(built.stateless, fn.node.defaultChild as CfnElement)
        ].Properties;
      expect(props.Timeout).toBe(definition.timeoutSeconds);
      expect(props.MemorySize).toBe(definition.memoryMb);
    }
  });
});

describe('queues and schedules match the manifest', () => {
  const consumerOf = (queue: string) =>
    all.find((f) => f.trigger.kind === 'queue' && f.trigger.queue === queue);

  it('every queue name has a queue with a dead-letter queue and visibility >= 6x its consumer timeout', () => {
    const queues = resourcesOfType('AWS::SQS::Queue');
    expect(queues).toHaveLength(2 * QUEUE_NAMES.length);
    for (const name of QUEUE_NAMES) {
      const { queue, deadLetters } = built.stateless.queues.get(name);
      const props =
        built.statelessTemplate.toJSON().Resources[
          logicalIdOf(built.stateless, queue.node.defaultChild as CfnElement)
        ].Properties;
      expect(render(props.RedrivePolicy.deadLetterTargetArn)).toBe(
        `<${logicalIdOf(built.stateless, deadLetters.node.defaultChild as CfnElement)}.Arn>`,
      );
      const consumer = consumerOf(name);
      if (consumer)
        // SQS's advice (QUOTAS.md), written out: the construct's own constant could drift with it.
        expect(props.VisibilityTimeout).toBeGreaterThanOrEqual(6 * consumer.timeoutSeconds);
    }
  });

  it('every queue trigger is an event source with the manifest batch size, MaximumConcurrency and partial batch failures', () => {
    const mappings = resourcesOfType('AWS::Lambda::EventSourceMapping');
    const queueTriggered = all.filter((f) => f.trigger.kind === 'queue');
    expect(mappings).toHaveLength(queueTriggered.length);
    for (const definition of queueTriggered) {
      if (definition.trigger.kind !== 'queue') continue;
      const queueId = logicalIdOf(
        built.stateless,
        built.stateless.queues.get(definition.trigger.queue).queue.node.defaultChild as CfnElement,
      );
      // On the alias (its Ref is the alias ARN): the unqualified function would bypass CodeDeploy.
      // CDK names it `<function name>:live`, taken from the alias ARN.
      const mapping = mappings.find((m) =>
        JSON.stringify(m.Properties.FunctionName).includes(
          JSON.stringify({ Ref: aliasIdOf(definition.name) }),
        ),
      );
      expect(JSON.stringify(mapping?.Properties.FunctionName)).toContain(':live');
      expect(render(mapping?.Properties.EventSourceArn)).toBe(`<${queueId}.Arn>`);
      expect(mapping?.Properties.BatchSize).toBe(definition.trigger.batchSize);
      expect(mapping?.Properties.ScalingConfig).toEqual({
        MaximumConcurrency: definition.trigger.maxConcurrency,
      });
      expect(mapping?.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    }
    const xWorker = manifest.find((f) => f.trigger.kind === 'queue' && f.trigger.queue === 'x-deliveries');
    expect(xWorker?.trigger.kind === 'queue' && xWorker.trigger.maxConcurrency).toBeGreaterThanOrEqual(2);
  });

  it('every schedule trigger is a rule at the manifest rate targeting its function', () => {
    const rules = resourcesOfType('AWS::Events::Rule');
    const scheduled = all.filter((f) => f.trigger.kind === 'schedule');
    expect(rules).toHaveLength(scheduled.length);
    for (const definition of scheduled) {
      if (definition.trigger.kind !== 'schedule') continue;
      const rule = rules.find((r) =>
        r.Properties.Targets.some(
          (t: { Arn: unknown }) => render(t.Arn) === `<${aliasIdOf(definition.name)}>`,
        ),
      );
      expect(rule?.Properties.ScheduleExpression).toBe(
        events.Schedule.rate(Duration.seconds(definition.trigger.everySeconds)).expressionString,
      );
    }
  });

  it('a schedule that is not whole minutes is refused at synth', () => {
    const odd = {
      ...syntheticFunctions[2],
      name: 'synthetic-odd',
      trigger: { kind: 'schedule' as const, everySeconds: 90 },
    };
    expect(() => buildTestApp([odd as (typeof all)[number]])).toThrow(/whole minutes/);
  });
});

describe('HTTP API parity with the manifest', () => {
  const manifestRoutes = all.flatMap((f) => (f.trigger.kind === 'http' ? f.trigger.routes : []));

  it('the API has exactly the manifest routes, nothing more', () => {
    const keys = resourcesOfType('AWS::ApiGatewayV2::Route').map((r) => r.Properties.RouteKey);
    expect(keys.sort()).toEqual(manifestRoutes.map(routeKey).sort());
  });

  it('staff routes use the Cognito JWT authorizer (pool issuer, staff client audience); public routes none', () => {
    const [authorizer] = resourcesOfType('AWS::ApiGatewayV2::Authorizer');
    expect(authorizer?.Properties.AuthorizerType).toBe('JWT');
    expect(render(authorizer?.Properties.JwtConfiguration.Issuer)).toMatch(/^https:\/\/cognito-idp\./);
    expect(authorizer?.Properties.JwtConfiguration.Audience).toHaveLength(1);
    const routes = resourcesOfType('AWS::ApiGatewayV2::Route');
    for (const route of manifestRoutes) {
      const found = routes.find((r) => r.Properties.RouteKey === routeKey(route));
      if (route.auth === 'staff') {
        expect(found?.Properties.AuthorizationType).toBe('JWT');
        expect(found?.Properties.AuthorizerId).toEqual({ Ref: authorizer?.id });
      } else {
        expect(found?.Properties.AuthorizationType ?? 'NONE').toBe('NONE');
      }
    }
  });

  it('public and console routes (no JWT authorizer at the gateway) are throttled per route, below the stage default', () => {
    const [stage] = resourcesOfType('AWS::ApiGatewayV2::Stage');
    const defaults = stage?.Properties.DefaultRouteSettings;
    expect(defaults.ThrottlingRateLimit).toBeGreaterThan(0);
    const publicKeys = manifestRoutes.filter((r) => r.auth !== 'staff').map(routeKey);
    expect(publicKeys).toContain('GET /console');
    expect(Object.keys(stage?.Properties.RouteSettings).sort()).toEqual(publicKeys.sort());
    for (const key of publicKeys) {
      expect(stage?.Properties.RouteSettings[key].ThrottlingRateLimit).toBeLessThanOrEqual(
        defaults.ThrottlingRateLimit,
      );
    }
    const accessLogs = logicalIdOf(
      built.stateless,
      built.stateless.httpApi.accessLogs.node.defaultChild as CfnElement,
    );
    expect(stage?.Properties.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': [accessLogs, 'Arn'] });
    expect(built.statelessTemplate.toJSON().Resources[accessLogs].Properties.RetentionInDays).toBe(90);
  });
});

describe('alarms', () => {
  type Alarm = { id: string; Properties: Json };
  const alarmsOf = (template: Template) =>
    Object.entries(template.findResources('AWS::CloudWatch::Alarm')).map(
      ([id, r]) => ({ id, ...r }) as Alarm,
    );
  // A labelled metric is rendered as a one-metric `Metrics` list instead of `MetricName`.
  const metricName = (a: Alarm) =>
    a.Properties.MetricName ?? a.Properties.Metrics?.[0]?.MetricStat?.Metric?.MetricName;
  const opsTopicExport = () => ({
    'Fn::ImportValue': expect.stringContaining(
      built.stateful.getLogicalId(built.stateful.opsTopic.node.defaultChild as CfnElement),
    ),
  });

  it('has exactly the names docs/deploy.md section 7 lists, each with one action: the ops topic', () => {
    const alarms = alarmsOf(built.statelessTemplate);
    const expected = [
      ...QUEUE_NAMES.map((q) => `herald-${q}-dead-letters`),
      'herald-delivery-failed',
      'herald-exercise-target-refused',
      'herald-sign-up-code-budget',
      'herald-stale-work',
      'herald-x-budget-70',
      'herald-sms-spend-50',
      'herald-sms-spend-80',
      ...all.map((f) => `herald-${f.name}-errors`),
      'herald-api-5xx',
    ];
    expect(alarms.map((a) => a.Properties.AlarmName).sort()).toEqual(expected.sort());
    for (const a of alarms) expect(a.Properties.AlarmActions).toEqual([opsTopicExport()]);
    const guide = readFileSync(`${REPO_ROOT}/docs/deploy.md`, 'utf8');
    for (const name of [
      'herald-delivery-failed',
      'herald-exercise-target-refused',
      'herald-sign-up-code-budget',
      'herald-stale-work',
      'herald-x-budget-70',
      'herald-api-5xx',
    ])
      expect(guide, name).toContain(`\`${name}\``);
    for (const pattern of ['herald-<queue>-dead-letters', 'herald-<function>-errors', 'herald-sms-spend-50'])
      expect(guide, pattern).toContain(pattern);
  });

  it('thresholds by value: dead letters > 0, one failed delivery, stale work 3 of 5 minutes, X budget 70%, one error, five 5xx', () => {
    const byName = new Map(
      alarmsOf(built.statelessTemplate).map((a) => [a.Properties.AlarmName, a.Properties]),
    );
    for (const q of QUEUE_NAMES) {
      const p = byName.get(`herald-${q}-dead-letters`);
      expect([p?.Threshold, p?.ComparisonOperator]).toEqual([0, 'GreaterThanThreshold']);
    }
    expect(byName.get('herald-delivery-failed')).toMatchObject({
      Threshold: 1,
      MetricName: 'DeliveryFailed',
      Period: 60,
    });
    expect(byName.get('herald-exercise-target-refused')).toMatchObject({
      Threshold: 1,
      MetricName: 'ExerciseTargetRefused',
      Period: 60,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(byName.get('herald-stale-work')).toMatchObject({
      Threshold: 1,
      MetricName: 'StaleWork',
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
    });
    expect(byName.get('herald-x-budget-70')).toMatchObject({
      Threshold: 70,
      MetricName: 'XBudgetUsedPercent',
    });
    expect(byName.get('herald-api-5xx')).toMatchObject({ Threshold: 5, Period: 300 });
    for (const f of all) expect(byName.get(`herald-${f.name}-errors`)?.Threshold).toBe(1);
  });

  it("the SMS spend alarms are 50% and 80% of the smsMonthlySpendLimitUsd context (the registry's limit by default)", () => {
    const spend = (template: Template) =>
      Object.fromEntries(
        alarmsOf(template)
          .filter((a) => metricName(a) === 'SMSMonthToDateSpentUSD')
          .map((a) => [a.Properties.AlarmName, a.Properties.Threshold]),
      );
    // The sample registry's sms.monthlySpendLimitUsd is 500.
    expect(spend(built.statelessTemplate)).toEqual({
      'herald-sms-spend-50': 250,
      'herald-sms-spend-80': 400,
    });
    const { stateless } = buildTestApp(manifest, { context: { smsMonthlySpendLimitUsd: '100' } });
    expect(spend(Template.fromStack(stateless))).toEqual({
      'herald-sms-spend-50': 50,
      'herald-sms-spend-80': 80,
    });
  });

  it('one dashboard, Herald-<region>', () => {
    const dashboards = Object.values(built.statelessTemplate.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboards.map((d) => render(d.Properties.DashboardName))).toEqual(['Herald-<AWS::Region>']);
  });
});
