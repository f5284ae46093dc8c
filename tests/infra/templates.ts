import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { FunctionDefinition } from '../../functions/manifest-types.js';
import type { StatelessStack } from '../../infra/aws/stateless-stack.js';
import { buildTestApp } from './harness.js';

/**
 * Reading the synthesized templates by meaning, never by literal logical id: a function is found
 * through its construct (the manifest name), and intrinsic functions are rendered as readable
 * strings (`arn:<AWS::Partition>:sns:...`, `import(<export>)`).
 */

export interface Statement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  resources: string[];
  condition?: Record<string, Record<string, unknown>>;
}

type Json = Record<string, unknown>;

export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Json;
    if ('Ref' in v) return `<${v.Ref}>`;
    if ('Fn::Join' in v) {
      const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(render).join(separator);
    }
    if ('Fn::ImportValue' in v) return `import(${render(v['Fn::ImportValue'])})`;
    if ('Fn::GetAtt' in v) return `<${(v['Fn::GetAtt'] as string[]).join('.')}>`;
  }
  return JSON.stringify(value);
}

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export function build(manifest: readonly FunctionDefinition[]) {
  const { app, stateful, stateless } = buildTestApp(manifest);
  const statefulTemplate = Template.fromStack(stateful);
  const statelessTemplate = Template.fromStack(stateless);
  return { app, stateful, stateless, statefulTemplate, statelessTemplate };
}

export function logicalIdOf(stack: StatelessStack, element: CfnElement): string {
  return stack.getLogicalId(element);
}

export function heraldFunction(stack: StatelessStack, name: string) {
  const found = stack.functions.find((f) => f.definition.name === name);
  if (!found) throw new Error(`no function ${name}`);
  return found;
}

/** Every IAM statement attached to the function's role. */
export function statementsOf(stack: StatelessStack, template: Template, name: string): Statement[] {
  const role = heraldFunction(stack, name).fn.role;
  if (!role) throw new Error(`${name} has no role`);
  const roleId = logicalIdOf(stack, role.node.defaultChild as CfnElement);
  // Inline policies, and the managed "overflow" policies CDK splits a large role policy into.
  return Object.values(template.toJSON().Resources as Record<string, Json & { Properties: Json }>)
    .filter((r) => r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy')
    .filter((policy) => list(policy.Properties.Roles as Json[]).some((r) => r.Ref === roleId))
    .map((policy) => policy.Properties as { PolicyDocument: { Statement: Json[] } })
    .flatMap((policy) => list(policy.PolicyDocument.Statement))
    .map((s) => ({
      effect: s.Effect as Statement['effect'],
      actions: list(s.Action as string | string[]),
      resources: list(s.Resource).map(render),
      ...(s.Condition ? { condition: s.Condition as Statement['condition'] } : {}),
    }));
}

export function environmentOf(
  stack: StatelessStack,
  template: Template,
  name: string,
): Record<string, unknown> {
  const fnId = logicalIdOf(stack, heraldFunction(stack, name).fn.node.defaultChild as CfnElement);
  const resource = template.toJSON().Resources[fnId];
  return resource.Properties.Environment?.Variables ?? {};
}

export function resourceOf(template: Template, stack: StatelessStack, element: CfnElement): Json {
  return template.toJSON().Resources[logicalIdOf(stack, element)];
}

export const allows = (statements: Statement[], action: string) =>
  statements.filter(
    (s) => s.effect === 'Allow' && s.actions.some((a) => a === action || matchesWildcard(a, action)),
  );

function matchesWildcard(pattern: string, action: string): boolean {
  if (!pattern.includes('*')) return false;
  return new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`).test(action);
}
const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
