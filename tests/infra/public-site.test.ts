import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../functions/manifest.js';
import { REPO_ROOT } from '../../infra/aws/herald-app.js';
import { routeKey } from '../../infra/aws/http-api.js';
import {
  formPathPatterns,
  INDEX_REWRITE_FUNCTION,
  responseHeadersOf,
  STYLESHEET_CACHE_CONTROL,
} from '../../infra/aws/public-site.js';
import type { AwsCall } from '../../infra/local/aws-call-recording.js';
import { HASH_INDEX_KEY, objectKey } from '../../shared/adapters/s3/site-bucket.js';
import { loadRegistry } from '../../shared/config/load-registry.js';
import { contentTypes, publicPaths } from '../../shared/domain/public-paths.js';
import { SITE_SECURITY_HEADERS } from '../../shared/domain/site-headers.js';
import { contract } from '../../shared/http/contract.js';
import { ENV } from '../../shared/runtime/environment.js';
import { STYLESHEET_NAME } from '../../web/assets/stylesheet.js';
import { buildTestApp } from './harness.js';
import { checkAwsCalls } from './iam-check.js';
import { buildIamModel, type IamModel, MODEL_ENVIRONMENT } from './iam-model.js';
import { build, environmentOf, render, statementsOf } from './templates.js';

type Json = Record<string, any>;
const registry = loadRegistry(`${REPO_ROOT}/config/registry.json`);
const BUCKET_NAME = 'herald-site-<AWS::AccountId>-<AWS::Region>';
const BUCKET_ARN = `arn:<AWS::Partition>:s3:::${BUCKET_NAME}`;
const CERTIFICATE = 'arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

let built: ReturnType<typeof build>;
const ofType = (template: Json, type: string): Json[] =>
  Object.entries(template.Resources as Record<string, Json>)
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => ({ ...r, id }));
const stateless = () => built.statelessTemplate.toJSON();
const stateful = () => built.statefulTemplate.toJSON();
const only = <T>(items: T[]): T => {
  expect(items).toHaveLength(1);
  return items[0] as T;
};
const distributionOf = (template: Json) => only(ofType(template, 'AWS::CloudFront::Distribution'));
const configOf = (template: Json) => distributionOf(template).Properties.DistributionConfig as Json;
const behaviorsOf = (config: Json): Json[] => [config.DefaultCacheBehavior, ...(config.CacheBehaviors ?? [])];

beforeAll(() => {
  built = build(manifest);
});

describe('the site bucket: private, retained, reachable only through the distribution', () => {
  it('blocks all public access, is versioned, encrypted at rest and retained, under its fixed name', () => {
    const bucket = only(ofType(stateful(), 'AWS::S3::Bucket'));
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
    ]);
    expect(bucket.Properties.LifecycleConfiguration.Rules[0].NoncurrentVersionExpiration.NoncurrentDays).toBe(
      90,
    );
    expect(render(bucket.Properties.BucketName)).toBe(BUCKET_NAME);
    expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();
  });

  it('is tied to the stateless stack by its name, not by an export', () => {
    const bucketId = only(ofType(stateful(), 'AWS::S3::Bucket')).id;
    const outputs = Object.values((stateful().Outputs ?? {}) as Record<string, Json>);
    expect(outputs.filter((o) => JSON.stringify(o.Value).includes(bucketId))).toEqual([]);
    expect(JSON.stringify(stateless())).not.toContain(bucketId);
  });

  it('has one policy, in the stateless stack: TLS only, and a read for CloudFront on behalf of this distribution alone', () => {
    expect(ofType(stateful(), 'AWS::S3::BucketPolicy')).toEqual([]);
    const policy = only(ofType(stateless(), 'AWS::S3::BucketPolicy'));
    expect(render(policy.Properties.Bucket)).toBe(BUCKET_NAME);
    const statements = policy.Properties.PolicyDocument.Statement as Json[];
    const resources = (s: Json) => [s.Resource].flat().map(render).sort();

    const tls = only(statements.filter((s) => s.Condition?.Bool?.['aws:SecureTransport'] === 'false'));
    expect(tls).toMatchObject({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*' });
    expect(resources(tls)).toEqual([BUCKET_ARN, `${BUCKET_ARN}/*`]);

    const allows = statements.filter((s) => s.Effect === 'Allow');
    const distribution = distributionOf(stateless());
    for (const allow of allows) {
      expect(allow.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
      expect(render(allow.Condition.StringEquals['AWS:SourceArn'])).toBe(
        `arn:<AWS::Partition>:cloudfront::<AWS::AccountId>:distribution/<${distribution.id}>`,
      );
      expect([allow.Action].flat().sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
      expect(resources(allow)).toEqual([BUCKET_ARN, `${BUCKET_ARN}/*`]);
    }
    expect(allows).toHaveLength(1);

    // The renderer's hash index is not a page.
    const hidden = only(statements.filter((s) => s.Effect === 'Deny' && s.Principal?.Service));
    expect(hidden).toMatchObject({
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
    });
    expect(resources(hidden)).toEqual([`${BUCKET_ARN}/${path.dirname(HASH_INDEX_KEY)}/*`]);
  });

  it('is read through origin access control (SigV4, always), with no origin access identity', () => {
    expect(ofType(stateless(), 'AWS::CloudFront::CloudFrontOriginAccessIdentity')).toEqual([]);
    const oac = only(ofType(stateless(), 'AWS::CloudFront::OriginAccessControl'));
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const s3Origin = only((configOf(stateless()).Origins as Json[]).filter((o) => o.S3OriginConfig));
    expect(render(s3Origin.OriginAccessControlId)).toBe(`<${oac.id}.Id>`);
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    expect(render(s3Origin.DomainName)).toBe(`${BUCKET_NAME}.s3.<AWS::Region>.<AWS::URLSuffix>`);
  });
});

describe('the distribution', () => {
  it('redirects HTTP to HTTPS on every path, speaks HTTP/2 and 3, compresses, and serves index.html at the root', () => {
    const config = configOf(stateless());
    expect(config.HttpVersion).toBe('http2and3');
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.Enabled).toBe(true);
    for (const behavior of behaviorsOf(config)) {
      expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
      expect(behavior.Compress).toBe(true);
    }
    // No custom domain in the context: CloudFront's own domain and certificate.
    expect(config.Aliases).toBeUndefined();
    expect(config.ViewerCertificate).toBeUndefined();
    expect(config.Logging).toBeUndefined();
  });

  it('names its account-wide CloudFront parts with the Region, so another Region of the account can run a Herald too', () => {
    const names = [
      ['AWS::CloudFront::ResponseHeadersPolicy', 'ResponseHeadersPolicyConfig'],
      ['AWS::CloudFront::CachePolicy', 'CachePolicyConfig'],
      ['AWS::CloudFront::OriginAccessControl', 'OriginAccessControlConfig'],
    ].map(([type, config]) =>
      render(only(ofType(stateless(), type as string)).Properties[config as string].Name),
    );
    names.push(render(only(ofType(stateless(), 'AWS::CloudFront::Function')).Properties.Name));
    for (const name of names) expect(name).toMatch(/^herald-site-.*<AWS::Region>$/);
  });

  it('sends exactly the site security headers on every path, pages and forms alike', () => {
    const policy = only(ofType(stateless(), 'AWS::CloudFront::ResponseHeadersPolicy'));
    expect(headersOf(policy.Properties.ResponseHeadersPolicyConfig)).toEqual(SITE_SECURITY_HEADERS);
    expect(SITE_SECURITY_HEADERS['content-security-policy']).toMatch(/default-src 'none'/);
    for (const behavior of behaviorsOf(configOf(stateless())))
      expect(behavior.ResponseHeadersPolicyId).toEqual({ Ref: policy.id });
  });

  it("keeps each file as long as its Cache-Control says (up to the stylesheet's year), keyed on the path alone", () => {
    const config = configOf(stateless());
    const policy = only(ofType(stateless(), 'AWS::CloudFront::CachePolicy'));
    expect(config.DefaultCacheBehavior.CachePolicyId).toEqual({ Ref: policy.id });
    const cache = policy.Properties.CachePolicyConfig;
    expect(cache.MinTTL).toBe(0);
    expect(cache.MaxTTL).toBeGreaterThanOrEqual(365 * 86_400);
    expect(cache.DefaultTTL).toBeLessThanOrEqual(60);
    expect(cache.ParametersInCacheKeyAndForwardedToOrigin).toEqual({
      CookiesConfig: { CookieBehavior: 'none' },
      HeadersConfig: { HeaderBehavior: 'none' },
      QueryStringsConfig: { QueryStringBehavior: 'none' },
      EnableAcceptEncodingGzip: true,
      EnableAcceptEncodingBrotli: true,
    });
    expect(config.DefaultCacheBehavior.OriginRequestPolicyId).toBeUndefined();
    expect(config.DefaultCacheBehavior.AllowedMethods).toEqual(['GET', 'HEAD']);
  });

  it('serves a path ending in / from the index.html under it, as the renderer writes it and the local server reads it', () => {
    const fn = only(ofType(stateless(), 'AWS::CloudFront::Function'));
    expect(fn.Properties.FunctionCode).toBe(INDEX_REWRITE_FUNCTION);
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    const config = configOf(stateless());
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fn.id, 'FunctionARN'] } },
    ]);
    for (const behavior of config.CacheBehaviors as Json[])
      expect(behavior.FunctionAssociations).toBeUndefined();
    const handler = new Function(`${INDEX_REWRITE_FUNCTION}; return handler;`)() as (event: Json) => Json;
    for (const uri of ['/', '/fr/', '/b/bc_1', '/divisions/14', '/fr/b/bc_1', '/cap/bc_1.xml', '/feeds/']) {
      const key = handler({ request: { uri } }).uri.replace(/^\//, '');
      expect(key, uri).toBe(objectKey(uri));
    }
  });

  it('passes the subscription forms of every language to the HTTP API: uncached, every viewer header but Host, POST allowed', () => {
    const patterns = formPathPatterns(registry);
    expect(patterns).toEqual(['/subscribe', '/subscribe/*', '/fr/subscribe', '/fr/subscribe/*']);
    const config = configOf(stateless());
    const api = only(ofType(stateless(), 'AWS::ApiGatewayV2::Api'));
    const apiOrigin = only((config.Origins as Json[]).filter((o) => o.CustomOriginConfig));
    expect(render(apiOrigin.DomainName)).toBe(`<${api.id}>.execute-api.<AWS::Region>.<AWS::URLSuffix>`);
    expect(apiOrigin.CustomOriginConfig).toEqual({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    const forms = config.CacheBehaviors as Json[];
    expect(forms.map((b) => b.PathPattern)).toEqual(patterns);
    for (const behavior of forms) {
      expect(behavior.TargetOriginId).toBe(apiOrigin.Id);
      expect(behavior.CachePolicyId).toBe(cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId);
      expect(behavior.OriginRequestPolicyId).toBe(
        cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
      );
      expect(behavior.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'POST']));
    }
    expect(config.DefaultCacheBehavior.TargetOriginId).not.toBe(apiOrigin.Id);
  });

  describe('the form paths and the pages the manifest routes', () => {
    const patterns = formPathPatterns(registry);
    const matches = (p: string, pattern: string) =>
      pattern.endsWith('/*') ? p.startsWith(pattern.slice(0, -1)) : p === pattern;
    const otherLanguages = registry.languages.slice(1).map((l) => l.code);
    /** A route's path as readers request it: `/{lang}/...` in each language but the first. */
    const requested = (routePath: string) =>
      routePath.startsWith('/{lang}/')
        ? otherLanguages.map((code) => routePath.replace('{lang}', code))
        : [routePath];
    /** Public routes that are not the JSON API's: the HTML pages, which readers reach on the site's domain. */
    const pages = manifest
      .flatMap((f) => (f.trigger.kind === 'http' ? f.trigger.routes : []))
      .filter((r) => !(routeKey(r) in contract) && r.auth !== 'session');
    /** The duty console's pages: staff pages on the API's own domain, never behind the public site. */
    const consolePages = manifest
      .flatMap((f) => (f.trigger.kind === 'http' ? f.trigger.routes : []))
      .filter((r) => r.auth === 'session');

    it("no console page is reached through the public site's distribution", () => {
      expect(consolePages.length).toBeGreaterThan(10);
      for (const route of consolePages) {
        const p = route.path.replace(/\{[^}]+\}/g, 'x');
        expect(
          patterns.some((pattern) => matches(p, pattern)),
          routeKey(route),
        ).toBe(false);
      }
    });

    it('every page is public and reached through a form path', () => {
      for (const route of pages) {
        expect(route.auth, routeKey(route)).toBe('public');
        for (const p of requested(route.path).map((q) => q.replace(/\{[^}]+\}/g, 'x')))
          expect(
            patterns.some((pattern) => matches(p, pattern)),
            `${routeKey(route)} as ${p}`,
          ).toBe(true);
      }
    });

    it('once the manifest routes pages, every form path leads to one', () => {
      if (pages.length === 0) return;
      const served = pages.flatMap((r) => requested(r.path).map((p) => p.replace(/\{[^}]+\}/g, 'x')));
      for (const pattern of patterns)
        expect(
          served.some((p) => matches(p, pattern)),
          pattern,
        ).toBe(true);
    });
  });
});

describe('the stylesheet', () => {
  it('is deployed at assets/<hashed name> with a year-long immutable lifetime, and the deployment never prunes the rendered pages', () => {
    const deployment = only(ofType(stateless(), 'Custom::CDKBucketDeployment'));
    expect(deployment.Properties).toMatchObject({
      Prune: false,
      RetainOnDelete: true,
      DestinationBucketKeyPrefix: 'assets/',
      SystemMetadata: { 'cache-control': STYLESHEET_CACHE_CONTROL, 'content-type': contentTypes.css },
    });
    expect(render(deployment.Properties.DestinationBucketName)).toBe(BUCKET_NAME);
    expect(`/${deployment.Properties.DestinationBucketKeyPrefix}${STYLESHEET_NAME}`).toBe(
      publicPaths.asset(STYLESHEET_NAME),
    );
    expect(STYLESHEET_CACHE_CONTROL).toMatch(/max-age=31536000/);
    expect(STYLESHEET_CACHE_CONTROL).toMatch(/immutable/);
  });

  it('the deployed file is the compiled stylesheet, under the name the pages link to', () => {
    const { app } = buildTestApp(manifest);
    const outdir = app.synth().directory;
    const staged = readdirSync(outdir)
      .filter((entry) => entry.startsWith('asset.'))
      .map((entry) => path.join(outdir, entry, STYLESHEET_NAME))
      .filter((file) => existsSync(file));
    const file = only(staged);
    expect(readFileSync(file, 'utf8')).toBe(
      readFileSync(path.join(REPO_ROOT, 'web/assets/herald.css'), 'utf8'),
    );
  });
});

describe("the public-site function's grant", () => {
  const s3Statements = (name: string) =>
    statementsOf(built.stateless, built.statelessTemplate, name).filter((s) =>
      s.actions.some((a) => a.startsWith('s3:')),
    );

  it("is GetObject and PutObject on the site bucket's objects, and ListBucket on the bucket, nothing else in S3", () => {
    expect(s3Statements('public-site')).toEqual([
      { effect: 'Allow', actions: ['s3:GetObject', 's3:PutObject'], resources: [`${BUCKET_ARN}/*`] },
      { effect: 'Allow', actions: ['s3:ListBucket'], resources: [BUCKET_ARN] },
    ]);
    expect(
      environmentOf(built.stateless, built.statelessTemplate, 'public-site')[ENV.publicSiteBucket],
    ).toSatisfy((value: unknown) => render(value) === BUCKET_NAME);
  });

  it('no other function of the manifest reaches S3 or knows the bucket', () => {
    for (const f of manifest.filter((d) => !d.access.writePublicSite)) {
      expect(s3Statements(f.name), f.name).toEqual([]);
      expect(
        environmentOf(built.stateless, built.statelessTemplate, f.name)[ENV.publicSiteBucket],
      ).toBeUndefined();
    }
  });

  describe('as IAM evaluates it', () => {
    let model: IamModel;
    beforeAll(() => {
      model = buildIamModel(manifest);
    });
    const bucket = `\${${ENV.publicSiteBucket}}`;
    const s3 = (command: string, input: Json, extra: Partial<AwsCall> = {}): AwsCall => ({
      fn: 'public-site',
      service: 's3',
      command,
      input: { Bucket: bucket, ...input },
      ...extra,
    });
    const refused = (calls: AwsCall[]) =>
      checkAwsCalls(calls, model, manifest).filter((line) => line.includes(' sent '));

    it('allows what S3SiteStore sends: the index read (404 when missing), the pages, the index', () => {
      expect(
        refused([
          s3('GetObject', { Key: HASH_INDEX_KEY }, { notFoundIsAnAnswer: true }),
          s3('PutObject', {
            Key: 'b/bc_1',
            ContentType: contentTypes.html,
            CacheControl: 'public, max-age=30',
          }),
          s3('PutObject', { Key: 'fr/index.html' }),
          s3('PutObject', { Key: HASH_INDEX_KEY, ContentType: 'application/json' }),
        ]),
      ).toEqual([]);
    });

    it('refuses a delete, and any other bucket', () => {
      const name = `herald-site-${MODEL_ENVIRONMENT.account}-${MODEL_ENVIRONMENT.region}`;
      expect(refused([s3('DeleteObject', { Key: 'b/bc_1' })])).toEqual([
        `public-site sent S3 DeleteObject of arn:aws:s3:::${name}/b/bc_1: no Allow for s3:DeleteObject`,
      ]);
      expect(refused([s3('PutObject', { Bucket: 'someone-elses-bucket', Key: 'index.html' })])).toHaveLength(
        1,
      );
    });
  });
});

describe('a custom domain from the context', () => {
  const withDomain = (context: Record<string, string>) => {
    const { stateless: stack } = buildTestApp(manifest, { context });
    return stack;
  };

  it('is served with its ACM certificate (SNI, TLS 1.2 at least) and becomes the site URL', () => {
    const stack = withDomain({
      publicSiteDomain: 'alerts.example.org',
      publicSiteCertificateArn: CERTIFICATE,
    });
    const json = Template.fromStack(stack).toJSON();
    const config = configOf(json);
    expect(config.Aliases).toEqual(['alerts.example.org']);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: CERTIFICATE,
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
    expect(json.Outputs.PublicSiteUrl.Value).toBe('https://alerts.example.org');
  });

  it("must be the host of the registry's publicBaseUrl, which every post links to", () => {
    expect(() =>
      withDomain({ publicSiteDomain: 'alerts.example.com', publicSiteCertificateArn: CERTIFICATE }),
    ).toThrow(/not the host of the registry's publicBaseUrl/);
  });

  it('needs its certificate, in us-east-1', () => {
    expect(() => withDomain({ publicSiteDomain: 'alerts.example.org' })).toThrow(/go together/);
    expect(() =>
      withDomain({
        publicSiteDomain: 'alerts.example.org',
        publicSiteCertificateArn: CERTIFICATE.replace('us-east-1', 'ca-central-1'),
      }),
    ).toThrow(/us-east-1/);
  });

  it("without one, the site URL is the distribution's own domain", () => {
    const output = stateless().Outputs.PublicSiteUrl.Value;
    expect(render(output)).toBe(`https://<${distributionOf(stateless()).id}.DomainName>`);
  });
});

describe('responseHeadersOf', () => {
  it('refuses a header CloudFront cannot send as given, rather than sending another', () => {
    expect(() => responseHeadersOf({ 'x-frame-options': 'ALLOW-FROM https://example.org' })).toThrow();
    expect(() => responseHeadersOf({ 'strict-transport-security': 'max-age=1; preload; bogus' })).toThrow();
    expect(() => responseHeadersOf({ 'referrer-policy': 'no-referrer, strict-origin' })).toThrow();
  });
});

/** The headers a response headers policy makes CloudFront send, as the local server writes them. */
function headersOf(config: Json): Record<string, string> {
  const security = config.SecurityHeadersConfig ?? {};
  const headers: Record<string, string> = {};
  const overriding = (part: Json | undefined) => {
    if (part) expect(part.Override).toBe(true);
    return part;
  };
  const csp = overriding(security.ContentSecurityPolicy);
  if (csp) headers['content-security-policy'] = csp.ContentSecurityPolicy;
  if (overriding(security.ContentTypeOptions)) headers['x-content-type-options'] = 'nosniff';
  const frame = overriding(security.FrameOptions);
  if (frame) headers['x-frame-options'] = frame.FrameOption;
  const referrer = overriding(security.ReferrerPolicy);
  if (referrer) headers['referrer-policy'] = referrer.ReferrerPolicy;
  const hsts = overriding(security.StrictTransportSecurity);
  if (hsts)
    headers['strict-transport-security'] = [
      `max-age=${hsts.AccessControlMaxAgeSec}`,
      ...(hsts.IncludeSubdomains ? ['includeSubDomains'] : []),
      ...(hsts.Preload ? ['preload'] : []),
    ].join('; ');
  expect(security.XSSProtection).toBeUndefined();
  for (const custom of (config.CustomHeadersConfig?.Items ?? []) as Json[]) {
    overriding(custom);
    headers[String(custom.Header).toLowerCase()] = custom.Value;
  }
  expect(config.RemoveHeadersConfig).toBeUndefined();
  return headers;
}
