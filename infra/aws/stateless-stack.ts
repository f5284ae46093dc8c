import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as eventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { FunctionDefinition } from '../../functions/manifest-types.js';
import { xSecretName } from '../../shared/adapters/x/x-accounts.js';
import { isDeliveryQueue } from '../../shared/domain/dispatch.js';
import type { Registry } from '../../shared/domain/registry.js';
import type { AccessTargets } from './access-grants.js';
import { ConsoleSignIn } from './console-sign-in.js';
import { GradualDeployments } from './gradual-deployment.js';
import { type FunctionCode, HeraldFunction } from './herald-function.js';
import { HeraldHttpApi, type Throttle } from './http-api.js';
import { Monitoring } from './monitoring.js';
import { PublicSite, type SiteDomain, siteBucketName } from './public-site.js';
import { HeraldQueues } from './queues.js';
import { SmsDeliveryLogs } from './sms-delivery-logs.js';
import { GLOBAL_INDEXES, type StatefulStack } from './stateful-stack.js';

export interface StatelessStackProps extends StackProps {
  manifest: readonly FunctionDefinition[];
  registry: Registry;
  stateful: StatefulStack;
  code: FunctionCode;
  smsMonthlySpendLimitUsd: number;
  stageThrottle?: Throttle;
  publicRouteThrottle?: Throttle;
  /** A custom domain for the public site; without it, the distribution's own domain. */
  siteDomain?: SiteDomain;
  /** A WAF web ACL for the public site's distribution. */
  siteWebAclArn?: string;
  /** Where the console is served besides the API's own URL (a custom domain of the API). */
  consoleBaseUrl?: string;
  /** Every function's new version live at once, alarms not consulted (gradual-deployment.ts). */
  releaseAllAtOnce?: boolean;
}

/**
 * Everything that can be deleted and deployed again without losing data: the functions of the
 * manifest, their queues, schedules and API, and the alarms. Built from the manifest alone: adding
 * a function is one manifest entry, never a change here.
 */
export class StatelessStack extends Stack {
  readonly functions: HeraldFunction[];
  readonly queues: HeraldQueues;
  readonly httpApi: HeraldHttpApi;
  readonly publicSite: PublicSite;
  readonly consoleSignIn: ConsoleSignIn;
  readonly monitoring: Monitoring;
  readonly deployments: GradualDeployments;
  readonly smsDeliveryLogs: SmsDeliveryLogs;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { stateful, manifest } = props;
    this.addStackDependency(stateful, 'reads the table, keys, secrets and topics');
    this.queues = new HeraldQueues(this, 'Queues', manifest);

    // The table, the topics and the X secrets are addressed by name (the publisher builds
    // `<prefix><name>`, the X poster `herald/x/<account>`), so they are imported by name or ARN:
    // no export per topic or secret, so adding or removing a division or an X account never
    // leaves this stack holding an export the stateful one wants to drop (D38). IAM names exactly
    // the ARNs the code will call.
    const topicArnPrefix = `arn:${this.partition}:sns:${this.region}:${this.account}:`;
    // The site bucket too, by its fixed name (public-site.ts).
    const siteBucket = s3.Bucket.fromBucketName(this, 'PublicSiteBucket', siteBucketName(this));
    // The API before the functions: the console's sign-in client names its URL, and the console
    // function is told that client's id.
    this.httpApi = new HeraldHttpApi(this, 'Http', {
      userPool: stateful.userPool,
      staffClient: stateful.staffClient,
      stageThrottle: props.stageThrottle ?? { rateLimit: 100, burstLimit: 200 },
      publicRouteThrottle: props.publicRouteThrottle ?? { rateLimit: 20, burstLimit: 40 },
    });
    this.consoleSignIn = new ConsoleSignIn(this, 'ConsoleSignIn', {
      userPool: stateful.userPool,
      domainPrefix: stateful.staffSignInDomainPrefix,
      consoleOrigins: [this.httpApi.url, ...(props.consoleBaseUrl ? [props.consoleBaseUrl] : [])],
    });
    const targetsOfAccess: AccessTargets = {
      table: dynamodb.Table.fromTableAttributes(this, 'Table', {
        tableName: stateful.tableName,
        encryptionKey: stateful.tableKey,
        globalIndexes: GLOBAL_INDEXES,
      }),
      topics: [...stateful.topics.entries()].map(([name, topic]) => ({
        name,
        topic: sns.Topic.fromTopicAttributes(this, `Topic-${name}`, {
          topicArn: `${topicArnPrefix}${name}`,
          keyArn: topic.masterKey?.keyArn,
        }),
      })),
      topicArnPrefix,
      // By name: grants on `herald/x/<account>-??????`, the suffix Secrets Manager appends.
      xSecrets: props.registry.accounts.map((account) =>
        secretsmanager.Secret.fromSecretNameV2(
          this,
          `XSecret-${account.id}`,
          xSecretName(account.id, stateful.xSecretPrefix),
        ),
      ),
      xSecretPrefix: stateful.xSecretPrefix,
      subscriberDataKey: stateful.subscriberDataKey,
      subscriberHmacKey: stateful.subscriberHmacKey,
      queues: this.queues,
      publicSiteBucket: siteBucket,
      staffSignIn: this.consoleSignIn.settings,
      dispatchWorkers: [],
    };

    // The delivery workers first: the functions that warm them when a broadcast is filed are
    // granted their aliases (D40). `functions` keeps the manifest's order.
    const built = new Map<string, HeraldFunction>();
    const build = (definition: FunctionDefinition) => {
      const made = new HeraldFunction(this, definition.name, {
        definition,
        code: props.code,
        targets: targetsOfAccess,
      });
      built.set(definition.name, made);
      return made;
    };
    for (const definition of manifest) {
      const { trigger } = definition;
      // The consumers of the delivery queues are the workers a filing warms (D40).
      if (trigger.kind !== 'queue' || !isDeliveryQueue(trigger.queue)) continue;
      const { alias } = build(definition);
      // Only warm-ups invoke a worker asynchronously, and a late or failed one is worth nothing.
      alias.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(1) });
      targetsOfAccess.dispatchWorkers.push({
        queue: trigger.queue,
        alias,
        batchSize: trigger.batchSize,
        maxConcurrency: trigger.maxConcurrency,
      });
    }
    this.functions = manifest.map((definition) => built.get(definition.name) ?? build(definition));
    for (const f of this.functions) this.trigger(f);

    this.httpApi.route(this.functions);

    this.publicSite = new PublicSite(this, 'PublicSite', {
      registry: props.registry,
      bucket: siteBucket,
      api: this.httpApi.api,
      ...(props.siteDomain ? { domain: props.siteDomain } : {}),
      ...(props.siteWebAclArn ? { webAclArn: props.siteWebAclArn } : {}),
    });

    this.monitoring = new Monitoring(this, 'Monitoring', {
      functions: this.functions,
      queues: this.queues.byName,
      api: this.httpApi.api,
      opsTopic: stateful.opsTopic,
      smsMonthlySpendLimitUsd: props.smsMonthlySpendLimitUsd,
      codeSmsBudget: props.registry.subscriptions.protection.codeSms,
    });
    this.deployments = new GradualDeployments(this, 'Deployments', {
      functions: this.functions,
      errorAlarms: this.monitoring.errorAlarms,
      ...(props.releaseAllAtOnce ? { allAtOnce: true } : {}),
    });
    this.smsDeliveryLogs = new SmsDeliveryLogs(this, 'SmsDeliveryLogs');

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url });
    new CfnOutput(this, 'UserPoolId', { value: stateful.userPool.userPoolId });
    new CfnOutput(this, 'StaffClientId', { value: stateful.staffClient.userPoolClientId });
    new CfnOutput(this, 'ConsoleClientId', { value: this.consoleSignIn.client.userPoolClientId });
    new CfnOutput(this, 'StaffSignInDomain', { value: this.consoleSignIn.settings.domain });
    new CfnOutput(this, 'OpsTopicArn', { value: stateful.opsTopic.topicArn });
  }

  /**
   * Queue and schedule triggers, on the function's `live` alias (never the unqualified function,
   * which would bypass CodeDeploy's shift); HTTP routes are the API's (http-api.ts).
   */
  private trigger({ alias, definition }: HeraldFunction): void {
    const { trigger } = definition;
    if (trigger.kind === 'queue') {
      alias.addEventSource(
        new eventSources.SqsEventSource(this.queues.get(trigger.queue).queue, {
          batchSize: trigger.batchSize,
          maxConcurrency: trigger.maxConcurrency,
          // Queue handlers answer with `batchItemFailures` (shared/runtime/queue-worker.ts), so
          // one failed job is retried alone.
          reportBatchItemFailures: true,
        }),
      );
    } else if (trigger.kind === 'schedule') {
      if (trigger.everySeconds % 60 !== 0)
        throw new Error(
          `${definition.name}: EventBridge schedules run in whole minutes, not ${trigger.everySeconds} s`,
        );
      new events.Rule(this, `${definition.name}-schedule`, {
        description: `Runs ${definition.name} every ${trigger.everySeconds / 60} min`,
        schedule: events.Schedule.rate(Duration.seconds(trigger.everySeconds)),
        // A missed run is made up by the next one a minute later: no retries piling up.
        targets: [new targets.LambdaFunction(alias, { retryAttempts: 0, maxEventAge: Duration.minutes(1) })],
      });
    }
  }
}
