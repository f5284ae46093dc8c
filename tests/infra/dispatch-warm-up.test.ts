import type { CfnElement } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../functions/manifest.js';
import type { FunctionDefinition, QueueName } from '../../functions/manifest-types.js';
import { LIVE_ALIAS } from '../../infra/aws/herald-function.js';
import { ENV } from '../../shared/runtime/environment.js';
import { syntheticFunctions } from './synthetic-manifest.js';
import { allows, build, environmentOf, heraldFunction, render, statementsOf } from './templates.js';

/**
 * Warming the delivery workers when a broadcast is filed (docs/architecture.md D40), as deployed:
 * the functions that file may invoke the workers' `live` aliases and nothing else in Lambda, they
 * are told each alias and its trigger's scaling, and an unaccepted or late warm-up is never retried.
 */
const all = [...manifest, ...syntheticFunctions];
const DELIVERY_QUEUES: readonly QueueName[] = ['x-deliveries', 'sns-deliveries'];
const WARMERS = ['api-incidents', 'console'];
type Resource = { Type: string; Properties: any };

let built: ReturnType<typeof build>;
let resources: Record<string, Resource>;
beforeAll(() => {
  built = build(all);
  resources = built.statelessTemplate.toJSON().Resources;
});

const idOf = (element: CfnElement) => built.stateless.getLogicalId(element);

/** The manifest's consumer of a delivery queue, with its trigger's scaling. */
function workerOf(queue: QueueName) {
  const definition = manifest.find((f) => f.trigger.kind === 'queue' && f.trigger.queue === queue);
  if (definition?.trigger.kind !== 'queue') throw new Error(`no consumer of ${queue}`);
  return {
    definition,
    batchSize: definition.trigger.batchSize,
    maxConcurrency: definition.trigger.maxConcurrency,
  };
}

/** The worker's function and live alias by logical id, the alias read back from the template. */
function aliasOf(definition: FunctionDefinition) {
  const f = heraldFunction(built.stateless, definition.name);
  const fnId = idOf(f.fn.node.defaultChild as CfnElement);
  const aliasId = idOf(f.alias.node.defaultChild as CfnElement);
  const alias = resources[aliasId];
  expect(alias?.Type).toBe('AWS::Lambda::Alias');
  expect(alias?.Properties.Name).toBe(LIVE_ALIAS);
  expect(alias?.Properties.FunctionName).toEqual({ Ref: fnId });
  // A Ref to an AWS::Lambda::Alias is its ARN, `arn:...:function:<name>:live`; `render` writes it `<id>`.
  return { fnId, aliasId, aliasRef: render({ Ref: aliasId }) };
}

/**
 * A template value with each alias Ref replaced by the ARN CloudFormation would give it, then
 * evaluated (Fn::Select over Fn::Split, Fn::Join), so `Qualifier` reads as what AWS stores.
 */
function evaluate(value: unknown, aliases: Record<string, string>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const v = value as Record<string, any>;
  if ('Ref' in v && aliases[v.Ref]) return aliases[v.Ref];
  if ('Fn::Split' in v) {
    const [separator, text] = v['Fn::Split'];
    return String(evaluate(text, aliases)).split(separator);
  }
  if ('Fn::Select' in v) {
    const [index, items] = v['Fn::Select'];
    return (evaluate(items, aliases) as unknown[])[index];
  }
  if ('Fn::Join' in v) {
    const [separator, parts] = v['Fn::Join'];
    return parts.map((p: unknown) => evaluate(p, aliases)).join(separator);
  }
  return value;
}

describe('warming the delivery workers on AWS (D40)', () => {
  it('the manifest lets exactly api-incidents and console warm the delivery workers', () => {
    expect(all.filter((f) => f.access.warmDispatchWorkers).map((f) => f.name)).toEqual(WARMERS);
  });

  it('api-incidents and console may invoke exactly the live aliases of x-worker and sns-worker', () => {
    const expected = DELIVERY_QUEUES.map((queue) => aliasOf(workerOf(queue).definition).aliasRef).sort();
    expect(DELIVERY_QUEUES.map((queue) => workerOf(queue).definition.name)).toEqual([
      'x-worker',
      'sns-worker',
    ]);
    for (const name of WARMERS) {
      const invoking = allows(
        statementsOf(built.stateless, built.statelessTemplate, name),
        'lambda:InvokeFunction',
      );
      expect(invoking.length, name).toBeGreaterThan(0);
      for (const statement of invoking) {
        expect(statement.actions, name).toEqual(['lambda:InvokeFunction']);
        expect(statement.condition, name).toBeUndefined();
      }
      // Neither the unqualified function, nor `:*`, nor any other function's alias.
      expect(invoking.flatMap((s) => s.resources).sort(), name).toEqual(expected);
    }
  });

  it('no other function’s role may invoke any Lambda function', () => {
    for (const f of all.filter((d) => !WARMERS.includes(d.name))) {
      const statements = statementsOf(built.stateless, built.statelessTemplate, f.name);
      expect(allows(statements, 'lambda:InvokeFunction'), f.name).toEqual([]);
      expect(
        environmentOf(built.stateless, built.statelessTemplate, f.name)[ENV.dispatchWorkers],
        f.name,
      ).toBeUndefined();
    }
  });

  it('in the whole stack, only the roles of api-incidents and console are granted lambda:InvokeFunction', () => {
    const warmerRoles = WARMERS.map((name) => {
      const role = heraldFunction(built.stateless, name).fn.role;
      return idOf(role?.node.defaultChild as CfnElement);
    });
    const invokes = (statement: { Action: string | string[] }) =>
      allows(
        [{ effect: 'Allow', actions: [statement.Action].flat(), resources: [] }],
        'lambda:InvokeFunction',
      ).length > 0;
    const policies = Object.values(resources).filter(
      (r) => r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy',
    );
    const granted = policies
      .filter((r) =>
        [r.Properties.PolicyDocument.Statement]
          .flat()
          .some((s: { Effect: string; Action: string | string[] }) => s.Effect === 'Allow' && invokes(s)),
      )
      .flatMap((r) => (r.Properties.Roles ?? []).map((role: { Ref: string }) => role.Ref));
    expect(granted.sort()).toEqual([...warmerRoles].sort());
    // Nor through a role's own inline policies.
    const inline = Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Role')
      .flatMap((r) => r.Properties.Policies ?? [])
      .flatMap((p: { PolicyDocument: { Statement: unknown } }) => [p.PolicyDocument.Statement].flat())
      .filter((s: any) => s.Effect === 'Allow' && invokes(s));
    expect(inline).toEqual([]);
  });

  it('tells api-incidents and console each delivery queue’s worker alias and its trigger’s batch size and concurrency', () => {
    const expected = Object.fromEntries(
      DELIVERY_QUEUES.map((queue) => {
        const { definition, batchSize, maxConcurrency } = workerOf(queue);
        return [queue, { functionArn: aliasOf(definition).aliasRef, batchSize, maxConcurrency }];
      }),
    );
    for (const name of WARMERS) {
      const value = environmentOf(built.stateless, built.statelessTemplate, name)[ENV.dispatchWorkers];
      expect(value, name).toBeDefined();
      // The alias ARNs are Refs inside an Fn::Join; rendered, the value is JSON with `<id>` for each ARN.
      expect(JSON.parse(render(value)), name).toEqual(expected);
    }
  });

  it('gives each delivery worker’s live alias an asynchronous-invocation config that never retries', () => {
    const configs = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::EventInvokeConfig');
    expect(configs).toHaveLength(DELIVERY_QUEUES.length);
    for (const queue of DELIVERY_QUEUES) {
      const { definition } = workerOf(queue);
      const { fnId, aliasId } = aliasOf(definition);
      const arn = `arn:aws:lambda:ca-central-1:123456789012:function:${definition.name}:${LIVE_ALIAS}`;
      const mine = configs.filter((c) => JSON.stringify(c.Properties).includes(`"Ref":"${aliasId}"`));
      expect(mine, definition.name).toHaveLength(1);
      const props = mine[0]?.Properties;
      expect(props.FunctionName, definition.name).toEqual({ Ref: fnId });
      expect(evaluate(props.Qualifier, { [aliasId]: arn }), definition.name).toBe(LIVE_ALIAS);
      expect(props.MaximumRetryAttempts, definition.name).toBe(0);
      expect(props.MaximumEventAgeInSeconds, definition.name).toBe(60);
    }
  });
});
