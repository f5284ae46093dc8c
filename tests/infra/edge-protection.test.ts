import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../functions/manifest.js';
import {
  CLOUDFRONT_REGION,
  FORM_REQUESTS_PER_5_MINUTES_PER_IP,
  MANAGED_RULE_GROUPS,
} from '../../infra/aws/edge-protection.js';
import { buildTestApp } from './harness.js';

type Json = Record<string, any>;
const ACL_ARN =
  'arn:aws:wafv2:us-east-1:111122223333:global/webacl/herald-edge/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

const onlyOf = (template: Template, type: string): Json => {
  const found = Object.values(template.findResources(type));
  expect(found).toHaveLength(1);
  return found[0] as Json;
};

describe('the edge protection (AWS WAF)', () => {
  let edge: ReturnType<typeof buildTestApp>['edge'];
  let acl: Json;
  beforeAll(() => {
    ({ edge } = buildTestApp(manifest));
    acl = onlyOf(Template.fromStack(edge), 'AWS::WAFv2::WebACL').Properties;
  });

  it('is a CLOUDFRONT-scope web ACL in a stack of its own in us-east-1', () => {
    expect(edge.region).toBe(CLOUDFRONT_REGION);
    expect(acl.Scope).toBe('CLOUDFRONT');
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    expect(Object.keys(Template.fromStack(edge).findOutputs('PublicSiteWebAclArn'))).toHaveLength(1);
  });

  it('blocks a client IP past the form-request rate, counting only the form paths in every language', () => {
    const rule = acl.Rules.find((r: Json) => r.Statement.RateBasedStatement);
    const rate = rule.Statement.RateBasedStatement;

    expect(rule.Priority).toBe(0);
    expect(rule.Action).toEqual({ Block: {} });
    expect(rate.AggregateKeyType).toBe('IP');
    expect(rate.Limit).toBe(FORM_REQUESTS_PER_5_MINUTES_PER_IP);
    expect(rate.EvaluationWindowSec).toBe(300);
    const prefixes = rate.ScopeDownStatement.OrStatement.Statements.map(
      (s: Json) => s.ByteMatchStatement.SearchString,
    );
    expect(prefixes.sort()).toEqual(['/fr/subscribe', '/subscribe']);
    for (const s of rate.ScopeDownStatement.OrStatement.Statements)
      expect(s.ByteMatchStatement).toMatchObject({
        PositionalConstraint: 'STARTS_WITH',
        FieldToMatch: { UriPath: {} },
      });
  });

  it('runs the AWS managed common-exploit and known-bad-input rule groups after the rate rule', () => {
    const groups = acl.Rules.filter((r: Json) => r.Statement.ManagedRuleGroupStatement);

    expect(groups.map((r: Json) => r.Statement.ManagedRuleGroupStatement)).toEqual(
      MANAGED_RULE_GROUPS.map((name) => ({ VendorName: 'AWS', Name: name })),
    );
    expect(groups.map((r: Json) => r.Priority)).toEqual([1, 2]);
    for (const rule of groups) expect(rule.OverrideAction).toEqual({ None: {} });
    for (const rule of acl.Rules) expect(rule.VisibilityConfig.CloudWatchMetricsEnabled).toBe(true);
  });

  it('is attached to the public site distribution by the ARN the operator passes', () => {
    const { stateless } = buildTestApp(manifest, { context: { publicSiteWebAclArn: ACL_ARN } });
    const distribution = onlyOf(Template.fromStack(stateless), 'AWS::CloudFront::Distribution');

    expect(distribution.Properties.DistributionConfig.WebACLId).toBe(ACL_ARN);
  });
});
