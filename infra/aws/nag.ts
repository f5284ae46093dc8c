import { type App, Stack, Validations } from 'aws-cdk-lib';
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

/**
 * A value as cdk-nag prints it inside a finding id: literal text as is, a `Ref` as `<Name>`
 * (`herald-site-<AWS::AccountId>-<AWS::Region>` for a name built from the stack's account and
 * Region), a `GetAtt` as `<Id.Attribute>`.
 */
export function nagText(scope: IConstruct, value: string): string {
  const render = (resolved: unknown): string => {
    if (typeof resolved === 'string') return resolved;
    const v = resolved as Record<string, unknown>;
    if (v && 'Ref' in v) return `<${v.Ref}>`;
    if (v && 'Fn::GetAtt' in v) return `<${(v['Fn::GetAtt'] as string[]).join('.')}>`;
    if (v && 'Fn::Join' in v) {
      const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(render).join(separator);
    }
    throw new Error(`cannot render ${JSON.stringify(resolved)} as cdk-nag does`);
  };
  return render(Stack.of(scope).resolve(value));
}
