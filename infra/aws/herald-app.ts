import path from 'node:path';
import { App, type Environment } from 'aws-cdk-lib';
import type { FunctionDefinition } from '../../functions/manifest-types.js';
import { loadRegistry, refuseSampleOriginationNumber } from '../../shared/config/load-registry.js';
import type { Registry } from '../../shared/domain/registry.js';
import { REPO_ROOT } from './bundling.js';
import { CLOUDFRONT_REGION, EdgeProtectionStack } from './edge-protection.js';
import type { FunctionCode } from './herald-function.js';
import { addNagChecks } from './nag.js';
import type { SiteDomain } from './public-site.js';
import { StatefulStack } from './stateful-stack.js';
import { StatelessStack } from './stateless-stack.js';

export { REPO_ROOT };

export interface HeraldAppOptions {
  manifest: readonly FunctionDefinition[];
  registry?: Registry;
  /** Bundled with esbuild unless a test passes prebuilt code. */
  code?: FunctionCode;
  app?: App;
  env?: Environment;
  /** cdk-nag at synth (default on); tests that only read templates turn it off for speed. */
  nag?: boolean;
  /**
   * CDK's built-in CloudFormation schema validation at synth (default on). Its WASM engine takes
   * about 6 s to start, so the infra tests, which build several apps, turn it off.
   */
  cfnValidation?: boolean;
  /** Context values, as `-c key=value` gives them (`publicSiteDomain`, ...). */
  context?: Record<string, string>;
}

/**
 * The whole deployment: the stateful stack, then the stateless one built from the manifest, with
 * cdk-nag checking both at synth. `app.ts` runs it; tests build it with prebuilt code.
 */
export function buildHeraldApp(options: HeraldAppOptions) {
  const app =
    options.app ??
    new App({
      builtinCloudFormationValidation: options.cfnValidation ?? true,
      // Many topic grants on one role: merged statements keep the role policy far below IAM's size limit.
      context: {
        '@aws-cdk/aws-iam:minimizePolicies': true,
        // Today's behaviour, stated: the stateful stack cannot drop an output the stateless one uses.
        // So nothing the registry adds or removes (topics, X secrets) crosses as an export: the
        // stateless stack names them (D38); only fixed resources (keys, user pool, ops topic) do.
        '@aws-cdk/core:defaultCrossStackReferences': 'strong',
        ...options.context,
      },
    });
  const registry = options.registry ?? loadRegistry(path.join(REPO_ROOT, 'config/registry.json'));
  // The sample number would go on every SMS and none would arrive: refused before a deploy. The
  // infra tests and `npm run synth` (an offline check of the sample city) say it is meant.
  if (app.node.tryGetContext('allowSampleOriginationNumber') !== 'true')
    refuseSampleOriginationNumber(
      registry,
      'config/registry.json (give -c allowSampleOriginationNumber=true to synthesize the sample city anyway; never to deploy it)',
    );
  const limitContext = app.node.tryGetContext('smsMonthlySpendLimitUsd');
  // The registry's limit is the one the sign-up code budget was checked against (D34).
  const smsMonthlySpendLimitUsd =
    limitContext === undefined ? registry.sms.monthlySpendLimitUsd : Number(limitContext);
  if (!(smsMonthlySpendLimitUsd > 0)) throw new Error('smsMonthlySpendLimitUsd must be a positive number');

  // Environment-agnostic unless told otherwise: synth needs no account, no lookups, no network.
  const env = options.env ?? {};
  const staffSignInDomainPrefix = signInDomainPrefixOf(app);
  const table = tableOf(app);
  const stateful = new StatefulStack(app, 'HeraldStateful', {
    registry,
    env,
    ...table,
    ...(staffSignInDomainPrefix ? { staffSignInDomainPrefix } : {}),
  });
  const siteDomain = siteDomainOf(app, registry);
  const consoleBaseUrl = consoleBaseUrlOf(app);
  const siteWebAclArn = app.node.tryGetContext('publicSiteWebAclArn') as string | undefined;
  const stateless = new StatelessStack(app, 'HeraldStateless', {
    env,
    manifest: options.manifest,
    registry,
    stateful,
    ...(siteDomain ? { siteDomain } : {}),
    ...(siteWebAclArn ? { siteWebAclArn } : {}),
    ...(consoleBaseUrl ? { consoleBaseUrl } : {}),
    code: options.code ?? { kind: 'bundle', repoRoot: REPO_ROOT },
    smsMonthlySpendLimitUsd,
    ...(app.node.tryGetContext('releaseAllAtOnce') === 'true' ? { releaseAllAtOnce: true } : {}),
  });
  // The distribution's web ACL must be in us-east-1: a stack of its own, attached by its ARN (D34).
  const edge = new EdgeProtectionStack(app, 'HeraldEdge', {
    registry,
    env: { ...(env.account ? { account: env.account } : {}), region: CLOUDFRONT_REGION },
  });
  if (options.nag ?? true) addNagChecks(app);
  return { app, stateful, stateless, edge };
}

/**
 * The public site's custom domain from the context (`-c publicSiteDomain=alerts.example.org
 * -c publicSiteCertificateArn=arn:aws:acm:us-east-1:...`), or none: the distribution's own domain.
 * Every post and SMS links to the registry's `publicBaseUrl`, so a domain that is not its host
 * would publish links to pages nobody serves: refused here, before a deploy.
 */
export function siteDomainOf(app: App, registry: Registry): SiteDomain | undefined {
  const domainName = app.node.tryGetContext('publicSiteDomain') as string | undefined;
  const certificateArn = app.node.tryGetContext('publicSiteCertificateArn') as string | undefined;
  if (!domainName && !certificateArn) return undefined;
  if (!domainName || !certificateArn)
    throw new Error('publicSiteDomain and publicSiteCertificateArn go together: give both, or neither');
  if (!/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(certificateArn))
    throw new Error(
      `publicSiteCertificateArn must be an ACM certificate in us-east-1 (CloudFront reads certificates only there): ${certificateArn}`,
    );
  const linked = new URL(registry.service.publicBaseUrl).host;
  if (linked !== domainName)
    throw new Error(
      `publicSiteDomain ${domainName} is not the host of the registry's publicBaseUrl (${registry.service.publicBaseUrl}), which every post and SMS links to: set service.publicBaseUrl in config/registry.json to https://${domainName}`,
    );
  return { domainName, certificateArn };
}

/**
 * The prefix of the staff hosted sign-in's domain (`-c staffSignInDomainPrefix=herald-staff-city`),
 * or none: `herald-staff-<account id>`. Prefixes are unique across every AWS account in a Region,
 * so Cognito refuses one already taken at deploy; the rules it checks at once are checked here.
 */
export function signInDomainPrefixOf(app: App): string | undefined {
  const prefix = app.node.tryGetContext('staffSignInDomainPrefix') as string | undefined;
  if (prefix === undefined) return undefined;
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix))
    throw new Error(
      `staffSignInDomainPrefix must be 1 to 63 lowercase letters, digits and inner hyphens: ${prefix}`,
    );
  if (/aws|amazon|cognito/.test(prefix))
    throw new Error(
      `staffSignInDomainPrefix may not contain aws, amazon or cognito (Cognito refuses it): ${prefix}`,
    );
  return prefix;
}

/**
 * Where the duty console is served if not (only) on the API's own URL: `-c
 * consoleBaseUrl=https://duty.example.org` when a custom domain fronts the API. The sign-in
 * client registers its callback and signed-out pages there as well; the API's own URL always.
 */
export function consoleBaseUrlOf(app: App): string | undefined {
  const raw = app.node.tryGetContext('consoleBaseUrl') as string | undefined;
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`consoleBaseUrl must be an https origin such as https://duty.example.org: ${raw}`);
  }
  if (url.protocol !== 'https:' || url.origin !== raw)
    throw new Error(
      `consoleBaseUrl must be an https origin with no path, query or trailing slash (https://duty.example.org): ${raw}`,
    );
  return raw;
}

/**
 * The table's name (`-c tableName=herald-restored-20261204`, default `herald`) and whether the
 * stateful stack leaves it out for one deploy (`-c detachTable=true`): the two steps that put a
 * point-in-time restore, which always makes a new table, in the old one's place (docs/deploy.md,
 * "Restoring the table"). DynamoDB's own rules for a name are checked here, before a deploy.
 */
export function tableOf(app: App): { tableName?: string; detachTable?: boolean } {
  const tableName = app.node.tryGetContext('tableName') as string | undefined;
  if (tableName !== undefined && !/^[A-Za-z0-9_.-]{3,255}$/.test(tableName))
    throw new Error(`tableName must be 3 to 255 letters, digits, _, - or .: ${tableName}`);
  const detach = app.node.tryGetContext('detachTable') === 'true';
  return { ...(tableName ? { tableName } : {}), ...(detach ? { detachTable: true } : {}) };
}
