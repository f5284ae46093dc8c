import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../functions/manifest.js';
import { PUBLIC_SITE_RENDERER } from '../../infra/aws/gradual-deployment.js';
import { LIVE_ALIAS } from '../../infra/aws/herald-function.js';
import { buildTestApp } from './harness.js';
import { syntheticFunctions } from './synthetic-manifest.js';
import { build, heraldFunction } from './templates.js';

/**
 * Upgrades and rollbacks (docs/architecture.md D37): every function is invoked through its `live`
 * alias only, and CodeDeploy moves that alias to a new version by the function's configuration,
 * back to the old one when the function's errors alarm fires.
 */
const all = [...manifest, ...syntheticFunctions];
type Resource = { Type: string; Properties: any; UpdatePolicy?: any };

let built: ReturnType<typeof build>;
let resources: Record<string, Resource>;
beforeAll(() => {
  built = build(all);
  resources = built.statelessTemplate.toJSON().Resources;
});

const idOf = (element: CfnElement) => built.stateless.getLogicalId(element);
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
/** Whether a template value refers to the resource with this logical id (Ref or GetAtt, however nested). */
const refersTo = (value: unknown, id: string) => {
  const text = JSON.stringify(value);
  return text.includes(JSON.stringify({ Ref: id })) || text.includes(`"Fn::GetAtt":["${id}"`);
};
const ids = (name: string) => {
  const f = heraldFunction(built.stateless, name);
  return {
    fn: idOf(f.fn.node.defaultChild as CfnElement),
    alias: idOf(f.alias.node.defaultChild as CfnElement),
    group: idOf(built.stateless.deployments.groups.get(name)?.node.defaultChild as CfnElement),
    errors: idOf(built.stateless.monitoring.errorAlarms.get(name)?.node.defaultChild as CfnElement),
  };
};

describe('every function is released through its live alias', () => {
  it('has a live alias on a version published from the function itself', () => {
    for (const { name } of all) {
      const { fn, alias } = ids(name);
      const props = resources[alias]?.Properties;
      expect(props.Name).toBe(LIVE_ALIAS);
      expect(props.FunctionName).toEqual({ Ref: fn });
      const versionId = props.FunctionVersion['Fn::GetAtt'][0];
      expect(resources[versionId]?.Type).toBe('AWS::Lambda::Version');
      expect(resources[versionId]?.Properties.FunctionName).toEqual({ Ref: fn });
    }
  });

  it('moves the alias with a CodeDeploy group that rolls back on the function’s own errors alarm', () => {
    for (const { name } of all) {
      const { alias, group, errors } = ids(name);
      // The alias update is CodeDeploy's, through this function's group.
      expect(resources[alias]?.UpdatePolicy.CodeDeployLambdaAliasUpdate.DeploymentGroupName).toEqual({
        Ref: group,
      });
      const props = resources[group]?.Properties;
      expect(props.AlarmConfiguration).toEqual({ Alarms: [{ Name: { Ref: errors } }], Enabled: true });
      expect(props.AutoRollbackConfiguration.Enabled).toBe(true);
      expect(props.AutoRollbackConfiguration.Events).toEqual(
        expect.arrayContaining(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']),
      );
      expect(props.DeploymentStyle).toEqual({
        DeploymentOption: 'WITH_TRAFFIC_CONTROL',
        DeploymentType: 'BLUE_GREEN',
      });
      // The alarm watches that function and fires on its first error.
      const alarm = resources[errors]?.Properties;
      expect(alarm.Threshold).toBe(1);
      const metric = alarm.Metrics?.[0]?.MetricStat?.Metric ?? alarm;
      expect(metric.MetricName).toBe('Errors');
      expect(metric.Dimensions).toEqual([{ Name: 'FunctionName', Value: { Ref: ids(name).fn } }]);
    }
    expect(ofType('AWS::CodeDeploy::DeploymentGroup')).toHaveLength(all.length);
  });

  it('shifts API and queue workers by canary, schedules linearly, and the public-site renderer at once', () => {
    const expected = (definition: (typeof all)[number]) => {
      if (definition.name === PUBLIC_SITE_RENDERER) return 'CodeDeployDefault.LambdaAllAtOnce';
      if (definition.trigger.kind === 'schedule')
        return 'CodeDeployDefault.LambdaLinear10PercentEvery1Minute';
      return 'CodeDeployDefault.LambdaCanary10Percent5Minutes';
    };
    for (const definition of all) {
      expect(resources[ids(definition.name).group]?.Properties.DeploymentConfigName, definition.name).toBe(
        expected(definition),
      );
    }
    expect(all.some((d) => d.name === PUBLIC_SITE_RENDERER)).toBe(true);
  });

  it('with -c releaseAllAtOnce=true, goes live at once without consulting the alarms (an emergency fix)', () => {
    const { stateless } = buildTestApp(manifest, { context: { releaseAllAtOnce: 'true' } });
    const groups = Object.values(
      Template.fromStack(stateless).findResources('AWS::CodeDeploy::DeploymentGroup'),
    ) as Resource[];
    expect(groups).toHaveLength(manifest.length);
    for (const group of groups) {
      expect(group.Properties.DeploymentConfigName).toBe('CodeDeployDefault.LambdaAllAtOnce');
      expect(group.Properties.AlarmConfiguration.Enabled).toBe(false);
    }
  });
});

describe('everything that invokes a function invokes its alias', () => {
  it('API routes integrate the alias, and API Gateway may invoke the alias only', () => {
    for (const definition of all.filter((d) => d.trigger.kind === 'http')) {
      const { fn, alias } = ids(definition.name);
      const integrations = ofType('AWS::ApiGatewayV2::Integration').filter(([, r]) =>
        refersTo(r.Properties.IntegrationUri, alias),
      );
      expect(integrations, definition.name).toHaveLength(1);
      const invokers = ofType('AWS::Lambda::Permission').filter(
        ([, r]) =>
          r.Properties.Principal === 'apigateway.amazonaws.com' && refersTo(r.Properties.FunctionName, fn),
      );
      expect(invokers, `${definition.name}: permission on the unqualified function`).toEqual([]);
    }
    for (const [, integration] of ofType('AWS::ApiGatewayV2::Integration'))
      expect(all.some((d) => refersTo(integration.Properties.IntegrationUri, ids(d.name).alias))).toBe(true);
  });

  it('queue event sources and schedules name the alias, never the function', () => {
    for (const definition of all.filter((d) => d.trigger.kind !== 'http')) {
      const { fn, alias } = ids(definition.name);
      const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) =>
        refersTo(m.Properties.FunctionName, alias),
      );
      const rules = ofType('AWS::Events::Rule').filter(([, r]) => refersTo(r.Properties.Targets, alias));
      expect(mappings.length + rules.length, definition.name).toBe(1);
      for (const [, m] of ofType('AWS::Lambda::EventSourceMapping'))
        expect(m.Properties.FunctionName).not.toEqual({ Ref: fn });
      for (const [, r] of ofType('AWS::Events::Rule')) expect(refersTo(r.Properties.Targets, fn)).toBe(false);
    }
  });
});
