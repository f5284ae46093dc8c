import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag v3 runs as a CDK validation plugin: synthesis fails on any finding that is not
 * acknowledged. The old `Aspects.of(app).add(...)` form throws with v3.
 */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}

/**
 * Acknowledges one AwsSolutions finding on `scope` (and everything under it) with the reason.
 * `rule` is the id cdk-nag prints, with its bracketed finding where it has one
 * (`AwsSolutions-IAM5[Resource::*]`). The plugin-qualified form is what CDK's validation report
 * matches against the AwsSolutions plugin.
 */
export function acknowledge(scope: IConstruct, rule: `AwsSolutions-${string}`, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions::${rule}`, reason });
}

/**
 * An ARN of this account and region as cdk-nag prints it inside a finding id, for resources the
 * stateless stack addresses by name (`nagArn('sns', 'area-14-en:*')`).
 */
export function nagArn(service: string, resource: string): string {
  return `arn:<AWS::Partition>:${service}:<AWS::Region>:<AWS::AccountId>:${resource}`;
}
