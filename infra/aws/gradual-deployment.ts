import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { FunctionDefinition } from '../../functions/manifest-types.js';
import type { HeraldFunction } from './herald-function.js';
import { acknowledge } from './nag.js';

/**
 * How a new release of a function takes over its `live` alias (docs/architecture.md D37):
 *
 * - **API and console routes, delivery and subscription workers**: 10% of invocations for
 *   5 minutes, then all. A request that fails on the canary is one staff retry; a job that fails
 *   there goes back to its queue and is retried (deliveries are claimed with conditional writes,
 *   so a retry never sends twice). This is where a bad release would hurt most.
 * - **Schedules** (reconciler, opt-out sync) run once a minute: 10% of five runs is half a run,
 *   no signal. 10% more every minute for 10 minutes sends about five of those runs to the new
 *   version while the alarm watches.
 * - **The public-site renderer**: all at once. Two versions rendering the same site would flip
 *   pages between two layouts and race on the renderer's index of hashes; its output is right
 *   only when one version writes it. Its errors alarm still stops a deployment that is under way.
 */
export function deploymentConfigOf(definition: FunctionDefinition): codedeploy.ILambdaDeploymentConfig {
  if (definition.name === PUBLIC_SITE_RENDERER) return codedeploy.LambdaDeploymentConfig.ALL_AT_ONCE;
  if (definition.trigger.kind === 'schedule')
    return codedeploy.LambdaDeploymentConfig.LINEAR_10PERCENT_EVERY_1MINUTE;
  return codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES;
}

/** The function that renders the public site (functions/manifest.ts). */
export const PUBLIC_SITE_RENDERER = 'public-site';

export interface GradualDeploymentsProps {
  functions: readonly HeraldFunction[];
  /** Each function's errors alarm, by manifest name: it rolls its function's deployment back. */
  errorAlarms: ReadonlyMap<string, cloudwatch.IAlarm>;
  /**
   * Every function all at once, alarms not consulted (`-c releaseAllAtOnce=true`): for a fix that
   * must be live now, while the errors alarms are already firing for the fault it fixes (a
   * deployment would otherwise stop at once). docs/deploy.md, "Upgrades and rollbacks".
   */
  allAtOnce?: boolean;
}

/**
 * One CodeDeploy deployment group per function, on its `live` alias: a deploy publishes a
 * version, CodeDeploy shifts the alias to it by the function's configuration, and moves it back
 * to the previous version if the function's errors alarm fires before the shift completes.
 */
export class GradualDeployments extends Construct {
  readonly application: codedeploy.LambdaApplication;
  readonly groups = new Map<string, codedeploy.LambdaDeploymentGroup>();

  constructor(scope: Construct, id: string, props: GradualDeploymentsProps) {
    super(scope, id);
    this.application = new codedeploy.LambdaApplication(this, 'Application');
    // One service role for every group instead of one each.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('codedeploy.amazonaws.com'),
      description: 'Herald: CodeDeploy shifts the live alias of each function',
    });
    acknowledge(
      role,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
      "CodeDeploy's own managed policy for Lambda deployments (read alarms, get and update aliases): what LambdaDeploymentGroup attaches, and the narrowest AWS keeps for it.",
    );
    for (const { definition, alias } of props.functions) {
      const alarm = props.errorAlarms.get(definition.name);
      if (!alarm) throw new Error(`${definition.name} has no errors alarm to roll its deployments back`);
      const group = new codedeploy.LambdaDeploymentGroup(this, definition.name, {
        application: this.application,
        alias,
        role,
        deploymentConfig: props.allAtOnce
          ? codedeploy.LambdaDeploymentConfig.ALL_AT_ONCE
          : deploymentConfigOf(definition),
        alarms: [alarm],
        ignoreAlarmConfiguration: props.allAtOnce ?? false,
        autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
      });
      this.groups.set(definition.name, group);
    }
  }
}
