import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionDefinition } from '../../functions/manifest-types.js';
import { type AccessTargets, applyAccess, type Unavoidable } from './access-grants.js';
import { bundleSettings, filesBesideBundle, polyfillAliases } from './bundling.js';
import { acknowledge } from './nag.js';

export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;
export const LOG_RETENTION = logs.RetentionDays.THREE_MONTHS;
/**
 * The alias every trigger invokes (API routes, queue event sources, schedules), never the
 * unqualified function: CodeDeploy moves it from one published version to the next, gradually,
 * and back on an alarm (gradual-deployment.ts, docs/architecture.md D37).
 */
export const LIVE_ALIAS = 'live';

/**
 * Where a function's code comes from. `bundle` (the default) builds it with esbuild through
 * `NodejsFunction`; tests pass `prebuilt` so they do not bundle every handler for every run.
 */
export type FunctionCode =
  | { kind: 'bundle'; repoRoot: string }
  | { kind: 'prebuilt'; code: (definition: FunctionDefinition) => lambda.Code };

export interface HeraldFunctionProps {
  definition: FunctionDefinition;
  code: FunctionCode;
  targets: AccessTargets;
}

/**
 * One manifest entry as a Lambda function: Node.js 24 on arm64, its own role holding exactly the
 * manifest's access (access-grants.ts), its own log group with a retention, X-Ray tracing, and a
 * version published per change behind the `live` alias that its triggers invoke.
 */
export class HeraldFunction extends Construct {
  readonly fn: lambda.Function;
  /** What triggers invoke: the published version CodeDeploy has shifted traffic to. */
  readonly alias: lambda.Alias;
  readonly logGroup: logs.LogGroup;
  readonly definition: FunctionDefinition;

  constructor(scope: Construct, id: string, props: HeraldFunctionProps) {
    super(scope, id);
    const { definition } = props;
    this.definition = definition;
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An own role instead of the default one, which carries the AWSLambdaBasicExecutionRole
    // managed policy (logs on every log group): this one may write to its own log group only.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Herald ${definition.name}`,
    });
    this.logGroup.grantWrite(role);

    const common = {
      description: definition.description,
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      timeout: Duration.seconds(definition.timeoutSeconds),
      memorySize: definition.memoryMb,
      role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    };
    this.fn =
      props.code.kind === 'bundle'
        ? new nodejs.NodejsFunction(this, 'Function', {
            ...common,
            entry: path.join(props.code.repoRoot, definition.entry),
            handler: 'handler',
            projectRoot: props.code.repoRoot,
            depsLockFilePath: path.join(props.code.repoRoot, 'package-lock.json'),
            bundling: {
              ...bundleSettings,
              mainFields: [...bundleSettings.mainFields],
              externalModules: [...bundleSettings.externalModules],
              format: nodejs.OutputFormat.ESM,
              forceDockerBundling: false,
              // twitter-text's core-js polyfills, bundled as an empty module (as in `npm run bundles`).
              esbuildArgs: {
                '--alias': Object.entries(polyfillAliases(props.code.repoRoot)).map(
                  ([name, replacement]) => `${name}=${replacement}`,
                ),
              },
              // The registry (and the console's stylesheet) ship beside index.mjs (D29).
              commandHooks: filesBesideBundle(definition.name),
            },
          })
        : new lambda.Function(this, 'Function', {
            ...common,
            code: props.code.code(definition),
            handler: 'index.handler',
          });

    const unavoidable: Unavoidable[] = [
      {
        rule: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permission.',
      },
      ...applyAccess(this.fn, definition.access, props.targets),
    ];
    // One acknowledgement per finding; several grants can explain the same one.
    const reasons = new Map<Unavoidable['rule'], string[]>();
    for (const { rule, reason } of unavoidable) reasons.set(rule, [...(reasons.get(rule) ?? []), reason]);
    for (const [rule, why] of reasons) acknowledge(role, rule, why.join(' '));

    // After the grants and their environment: `currentVersion` publishes a new version whenever the
    // code or the configuration changes, and the alias starts on it (CodeDeploy shifts it later).
    this.alias = new lambda.Alias(this, 'Live', { aliasName: LIVE_ALIAS, version: this.fn.currentVersion });
  }
}
