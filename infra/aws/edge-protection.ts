import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { Registry } from '../../shared/domain/registry.js';
import { formPathPatterns } from './public-site.js';

/**
 * AWS WAF in front of everything anyone on the internet can reach (docs/architecture.md D34).
 *
 * - The public site's CloudFront distribution, which also carries the sign-up forms to the API:
 *   a web ACL of scope CLOUDFRONT, which AWS keeps only in us-east-1, so it lives in a small stack
 *   of its own there (`HeraldEdge`) and is attached with `-c publicSiteWebAclArn=<its output>`.
 *   The stacks are environment-agnostic (synth needs no account), and a cross-region reference
 *   needs both stacks' account and a custom resource in each; a parameter does not.
 * - The API is an API Gateway HTTP API, which WAF cannot be associated with (only REST APIs,
 *   ALB, AppSync, Cognito, App Runner, Verified Access and Amplify can). Its public routes keep
 *   their per-route throttle and the sign-up limits; the forms reach it through the distribution,
 *   under this ACL.
 *
 * Rules, in order: a rate-based rule per client IP on the form paths only (the alert pages are
 * cached files read by a whole city, many readers behind one carrier NAT address, and must never
 * be blocked), then AWS's managed common-exploit and known-bad-input rule groups on everything.
 */

/** Requests to the form paths per client IP in any 5 minutes before WAF blocks that IP. */
export const FORM_REQUESTS_PER_5_MINUTES_PER_IP = 100;

/** The AWS managed rule groups the ACL runs (vendor AWS), in priority order after the rate rule. */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
] as const;

/** The Region CloudFront-scope web ACLs (and ACM certificates) live in. */
export const CLOUDFRONT_REGION = 'us-east-1';

export interface EdgeWebAclProps {
  registry: Registry;
  /** @default FORM_REQUESTS_PER_5_MINUTES_PER_IP */
  formRequestsPer5MinutesPerIp?: number;
}

/** The web ACL of the public site's distribution (scope CLOUDFRONT). */
export class EdgeWebAcl extends Construct {
  readonly acl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeWebAclProps) {
    super(scope, id);
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    this.acl = new wafv2.CfnWebACL(this, 'Acl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      description: 'Herald public site and sign-up forms: per-IP rate on the forms, AWS managed rules',
      visibilityConfig: visibility('HeraldEdge'),
      rules: [
        {
          name: 'FormRequestsPerIp',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: props.formRequestsPer5MinutesPerIp ?? FORM_REQUESTS_PER_5_MINUTES_PER_IP,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: formPathsStatement(props.registry),
            },
          },
          visibilityConfig: visibility('HeraldFormRequestsPerIp'),
        },
        ...MANAGED_RULE_GROUPS.map((name, i) => ({
          name,
          priority: i + 1,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
          visibilityConfig: visibility(`Herald${name}`),
        })),
      ],
    });
  }
}

/** Requests whose path starts with one of the form prefixes (`/subscribe`, `/fr/subscribe`, ...). */
function formPathsStatement(registry: Registry): wafv2.CfnWebACL.StatementProperty {
  // `/subscribe` also starts `/subscribe/code/...`: the `/*` patterns add nothing.
  const prefixes = formPathPatterns(registry).filter((pattern) => !pattern.endsWith('/*'));
  const startsWith = (prefix: string): wafv2.CfnWebACL.StatementProperty => ({
    byteMatchStatement: {
      fieldToMatch: { uriPath: {} },
      positionalConstraint: 'STARTS_WITH',
      searchString: prefix,
      textTransformations: [{ priority: 0, type: 'NONE' }],
    },
  });
  const [first, ...more] = prefixes;
  if (!first) throw new Error('the registry gives no form paths to protect');
  return more.length === 0 ? startsWith(first) : { orStatement: { statements: prefixes.map(startsWith) } };
}

export interface EdgeProtectionStackProps extends StackProps {
  registry: Registry;
}

/**
 * The us-east-1 stack of the CLOUDFRONT-scope web ACL. Deployed first; its `PublicSiteWebAclArn`
 * output is what `-c publicSiteWebAclArn=` attaches to the distribution (docs/deploy.md).
 */
export class EdgeProtectionStack extends Stack {
  readonly webAcl: EdgeWebAcl;

  constructor(scope: Construct, id: string, props: EdgeProtectionStackProps) {
    super(scope, id, props);
    this.webAcl = new EdgeWebAcl(this, 'PublicSite', { registry: props.registry });
    new CfnOutput(this, 'PublicSiteWebAclArn', {
      value: this.webAcl.acl.attrArn,
      description:
        'Deploy HeraldStateless with -c publicSiteWebAclArn=<this> (docs/deploy.md, "SMS abuse protection")',
    });
  }
}
