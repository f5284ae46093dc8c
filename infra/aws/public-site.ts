// Over 250 lines: the public site's bucket, distribution, policies and edge function depend on each other and are read together.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Annotations, CfnOutput, DefaultStackSynthesizer, Duration, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { HASH_INDEX_KEY } from '../../shared/adapters/s3/site-bucket.js';
import { contentTypes, publicPaths } from '../../shared/domain/public-paths.js';
import type { Registry } from '../../shared/domain/registry.js';
import { SITE_SECURITY_HEADERS } from '../../shared/domain/site-headers.js';
import { STYLESHEET_NAME } from '../../web/assets/stylesheet.js';
import { acknowledge, nagText } from './nag.js';

/**
 * The site bucket's name, the same in both stacks: the stateful stack creates the bucket with it
 * and the stateless one imports it by it, so no export ties the two (the "export in use" trap of a
 * strong cross-stack reference). S3 names are global, hence the account and Region in it; one
 * Herald per account and Region, like the table.
 */
export function siteBucketName(stack: Stack): string {
  return `herald-site-${stack.account}-${stack.region}`;
}

/** A year, immutable: the stylesheet's name carries its hash, so a new stylesheet is a new name. */
export const STYLESHEET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * Runs at the edge on every request for a file (CloudFront Functions, not Lambda): a path ending in
 * `/` is the `index.html` under it, as `objectKey` maps it when the renderer writes it and as the
 * local server reads it. The default root object covers `/` alone, not `/fr/`.
 */
export const INDEX_REWRITE_FUNCTION = `function handler(event) {
  var request = event.request;
  if (request.uri.charAt(request.uri.length - 1) === '/') request.uri += 'index.html';
  return request;
}`;

/** A custom domain for the site, from the CDK context (`docs/deploy.md`). */
export interface SiteDomain {
  domainName: string;
  /** An ACM certificate in us-east-1 covering `domainName` (CloudFront reads certificates only there). */
  certificateArn: string;
}

export interface PublicSiteProps {
  registry: Registry;
  /** The stateful stack's bucket, imported by `siteBucketName`. */
  bucket: s3.IBucket;
  /** The HTTP API that serves the subscription forms. */
  api: apigw.IHttpApi;
  domain?: SiteDomain;
  /** A WAF web ACL (scope CLOUDFRONT, so in us-east-1) to attach, if the operator runs one. */
  webAclArn?: string;
}

/**
 * The form pages the API serves on the site's own domain: sign-up, code, manage and unsubscribe,
 * in every language of the registry (`/subscribe`, `/subscribe/...`, `/fr/subscribe`, ...).
 * Everything else on the site is a file in the bucket.
 */
export function formPathPatterns(registry: Registry): string[] {
  const site = { codes: registry.languages.map((l) => l.code) };
  return site.codes.flatMap((code) => {
    const form = publicPaths.subscribe(site, code);
    return [form, `${form}/*`];
  });
}

/**
 * The public site on AWS: the rendered files in the stateful stack's bucket, served by CloudFront
 * through origin access control with the same security headers as the local server, and the
 * subscription forms passed through to the HTTP API uncached. It lives in the stateless stack
 * because the forms' origin is the API, created here: in the stateful stack the distribution would
 * need the API and the API's stack needs the stateful one, a cycle. So this stack also owns the
 * bucket's policy (a bucket has one, and it must name the distribution), with the TLS-only rule.
 */
export class PublicSite extends Construct {
  readonly bucket: s3.IBucket;
  readonly bucketPolicy: s3.BucketPolicy;
  readonly distribution: cloudfront.Distribution;
  readonly responseHeaders: cloudfront.ResponseHeadersPolicy;
  readonly cachePolicy: cloudfront.CachePolicy;
  readonly stylesheet: s3deploy.BucketDeployment;
  /** `https://<domain or the distribution's domain>`: what `publicBaseUrl` should be. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: PublicSiteProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.bucket = props.bucket;
    this.bucketPolicy = new s3.BucketPolicy(this, 'BucketPolicy', { bucket: this.bucket });
    // The origin below adds CloudFront's read to this policy: an imported bucket has none to add to.
    this.bucket.policy = this.bucketPolicy;
    this.bucketPolicy.document.addStatements(
      new iam.PolicyStatement({
        sid: 'TlsOnly',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:*'],
        resources: [this.bucket.bucketArn, this.bucket.arnForObjects('*')],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
      // The renderer's hash index lists every file it wrote: an internal record, not a page.
      new iam.PolicyStatement({
        sid: 'NotTheRenderersIndex',
        effect: iam.Effect.DENY,
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects(`${HASH_INDEX_KEY.split('/')[0]}/*`)],
      }),
    );

    // CloudFront policies and origin access controls are named per account, not per Region: the
    // Region in each name lets a second Herald run in another Region of the same account.
    this.responseHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: `herald-site-headers-${stack.region}`,
      comment: 'Herald public site: the headers of shared/domain/site-headers.ts',
      ...responseHeadersOf(SITE_SECURITY_HEADERS),
    });
    // The renderer sets each file's lifetime (30 s pages and feeds, an hour for CAP, a year for the
    // hashed stylesheet): CloudFront keeps what the origin says, between 0 and a year. Nothing of the
    // request is in the key, so `?anything` cannot bypass the cache during a surge.
    this.cachePolicy = new cloudfront.CachePolicy(this, 'FileCache', {
      cachePolicyName: `herald-site-files-${stack.region}`,
      comment: 'Herald public site: the Cache-Control of each object, no query, header or cookie in the key',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(60),
      maxTtl: Duration.days(365),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const indexRewrite = new cloudfront.Function(this, 'IndexRewrite', {
      functionName: `herald-site-index-${stack.region}`,
      comment: 'A path ending in / is the index.html under it',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(INDEX_REWRITE_FUNCTION),
    });

    const apiOrigin = new origins.HttpOrigin(
      `${props.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`,
      {
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      },
    );
    const formBehavior: cloudfront.BehaviorOptions = {
      origin: apiOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      // Cookies, the form body's headers and the query reach the API; Host stays the API's own, or
      // API Gateway would not recognize the request.
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: this.responseHeaders,
      compress: true,
    };

    const { domain } = props;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Herald public site',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // North America and Europe: the readers are the city's; elsewhere is served, from further away.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket, {
          originAccessControl: new cloudfront.S3OriginAccessControl(this, 'OriginAccess', {
            originAccessControlName: `herald-site-${stack.region}`,
            description: 'Herald public site: CloudFront reads the site bucket, signed with SigV4',
          }),
          // LIST lets S3 answer a missing page 404 rather than 403 to CloudFront; a request never
          // lists the bucket, since no query string reaches the origin (cache policy above).
          originAccessLevels: [cloudfront.AccessLevel.READ, cloudfront.AccessLevel.LIST],
        }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
        cachePolicy: this.cachePolicy,
        responseHeadersPolicy: this.responseHeaders,
        compress: true,
        functionAssociations: [
          { function: indexRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
      },
      additionalBehaviors: Object.fromEntries(
        formPathPatterns(props.registry).map((pattern) => [pattern, formBehavior]),
      ),
      ...(domain
        ? {
            domainNames: [domain.domainName],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    });
    this.url = `https://${domain?.domainName ?? this.distribution.distributionDomainName}`;
    Annotations.of(this.distribution).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      'The default root object is index.html, and no query string reaches the bucket, so no request lists it.',
    );

    this.stylesheet = new s3deploy.BucketDeployment(this, 'Stylesheet', {
      sources: [s3deploy.Source.data(STYLESHEET_NAME, readStylesheet())],
      destinationBucket: this.bucket,
      destinationKeyPrefix: publicPaths.asset('').replace(/^\//, ''),
      // Only adds: the rendered pages, feeds and CAP documents in the bucket stay.
      prune: false,
      retainOnDelete: true,
      contentType: contentTypes.css,
      cacheControl: [s3deploy.CacheControl.fromString(STYLESHEET_CACHE_CONTROL)],
      memoryLimit: 256,
    });

    this.acknowledgeFindings(domain !== undefined, props.webAclArn !== undefined);
    new CfnOutput(stack, 'PublicSiteUrl', {
      value: this.url,
      description: "Set config/registry.json service.publicBaseUrl to this (docs/deploy.md, 'Public site')",
    });
    new CfnOutput(stack, 'PublicSiteDistributionId', { value: this.distribution.distributionId });
    new CfnOutput(stack, 'PublicSiteDistributionDomain', {
      value: this.distribution.distributionDomainName,
      description: 'The CNAME target of a custom domain',
    });
    new CfnOutput(stack, 'PublicSiteBucketName', { value: this.bucket.bucketName });
  }

  private acknowledgeFindings(customDomain: boolean, waf: boolean): void {
    const distribution = this.distribution;
    acknowledge(
      distribution,
      'AwsSolutions-CFR1',
      'Public alerts are for anyone, wherever they read from (travellers, family abroad, media): no geo restriction.',
    );
    if (!waf)
      acknowledge(
        distribution,
        'AwsSolutions-CFR2',
        'Until HeraldEdge is deployed: its web ACL (us-east-1, CLOUDFRONT scope, infra/aws/edge-protection.ts) is attached with -c publicSiteWebAclArn=<its output> (docs/deploy.md). Meanwhile the files are static and cached, and the form routes are throttled per route at the API and limited per sign-up.',
      );
    acknowledge(
      distribution,
      'AwsSolutions-CFR3',
      "No CloudFront access logs: each line would be a reader's IP address next to the police alert they read, personal data with no operational use. CloudFront's request and error-rate metrics cover operations, and the form requests are in the API's access log.",
    );
    if (!customDomain)
      acknowledge(
        distribution,
        'AwsSolutions-CFR4',
        "On CloudFront's default domain (*.cloudfront.net) the TLS policy is CloudFront's and cannot be set; with a custom domain (docs/deploy.md) the distribution requires TLSv1.2_2021.",
      );
    acknowledge(
      this.bucketPolicy,
      'AwsSolutions-S10',
      "The policy's first statement denies every request without TLS; cdk-nag does not recognize it on a bucket imported by name (tested in tests/infra/public-site.test.ts).",
    );
    this.acknowledgeStylesheetDeployment();
  }

  /** CDK's BucketDeployment handler: a singleton function at the stack's root, run at deploy only. */
  private acknowledgeStylesheetDeployment(): void {
    const stack = Stack.of(this);
    const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!handler) throw new Error('the BucketDeployment handler was not where CDK puts it');
    const qualifier =
      (stack.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') as string | undefined) ??
      DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const during = 'It runs only during a deploy, to copy the stylesheet into the site bucket.';
    const findings: [`AwsSolutions-${string}`, string][] = [
      [
        'AwsSolutions-L1',
        `The runtime of CDK's BucketDeployment handler is chosen by aws-cdk-lib and moves with its upgrades. ${during}`,
      ],
      [
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        `CDK's BucketDeployment handler writes its logs with AWSLambdaBasicExecutionRole. ${during}`,
      ],
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map(
        (action): [`AwsSolutions-${string}`, string] => [
          `AwsSolutions-IAM5[Action::${action}]`,
          `CDK's BucketDeployment grants its handler read on the CDK asset bucket and read-write on the site bucket, in these wildcard forms. ${during}`,
        ],
      ),
      [
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-${nagText(stack, `${stack.account}-${stack.region}`)}/*]`,
        `The handler reads the stylesheet's zip from CDK's asset bucket. ${during}`,
      ],
      [
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${nagText(stack, this.bucket.bucketName)}/*]`,
        `The handler writes the stylesheet under assets/ of the site bucket. ${during}`,
      ],
    ];
    for (const [rule, reason] of findings) acknowledge(handler, rule, reason);
  }
}

/** The stylesheet the pages link to, as `scripts/build-css.ts` compiled it. */
function readStylesheet(): string {
  return readFileSync(fileURLToPath(new URL('../../web/assets/herald.css', import.meta.url)), 'utf8');
}

/**
 * SITE_SECURITY_HEADERS as a CloudFront response headers policy. CloudFront takes the standard
 * security headers only in its own typed fields (not as custom headers), so each is parsed into
 * its field; anything else is a custom header. A header this cannot express fails the synth, so
 * the policy is always exactly the constant, which the local server also sends.
 */
export function responseHeadersOf(
  headers: Readonly<Record<string, string>>,
): Pick<cloudfront.ResponseHeadersPolicyProps, 'securityHeadersBehavior' | 'customHeadersBehavior'> {
  const set: {
    -readonly [K in keyof cloudfront.ResponseSecurityHeadersBehavior]: cloudfront.ResponseSecurityHeadersBehavior[K];
  } = {};
  const custom: cloudfront.ResponseCustomHeader[] = [];
  for (const [name, value] of Object.entries(headers)) {
    switch (name.toLowerCase()) {
      case 'content-security-policy':
        set.contentSecurityPolicy = { contentSecurityPolicy: value, override: true };
        break;
      case 'x-content-type-options':
        if (value !== 'nosniff') throw new Error(`x-content-type-options can only be nosniff, not ${value}`);
        set.contentTypeOptions = { override: true };
        break;
      case 'x-frame-options': {
        const option = Object.values(cloudfront.HeadersFrameOption).find((o) => o === value.toUpperCase());
        if (!option) throw new Error(`x-frame-options ${value} is not one CloudFront can send`);
        set.frameOptions = { frameOption: option, override: true };
        break;
      }
      case 'referrer-policy': {
        const policy = Object.values(cloudfront.HeadersReferrerPolicy).find((p) => p === value);
        if (!policy) throw new Error(`referrer-policy ${value} is not one CloudFront can send`);
        set.referrerPolicy = { referrerPolicy: policy, override: true };
        break;
      }
      case 'strict-transport-security': {
        const parts = value.split(';').map((p) => p.trim());
        const maxAge = /^max-age=(\d+)$/.exec(parts[0] ?? '')?.[1];
        const rest = new Set(parts.slice(1));
        const known = ['includeSubDomains', 'preload'];
        if (!maxAge || [...rest].some((p) => !known.includes(p)))
          throw new Error(`strict-transport-security ${value} is not one CloudFront can send`);
        set.strictTransportSecurity = {
          accessControlMaxAge: Duration.seconds(Number(maxAge)),
          includeSubdomains: rest.has('includeSubDomains'),
          preload: rest.has('preload'),
          override: true,
        };
        break;
      }
      case 'x-xss-protection':
        throw new Error(
          'x-xss-protection: say it with CloudFront xssProtection, or drop it (CSP replaces it)',
        );
      default:
        custom.push({ header: name, value, override: true });
    }
  }
  return {
    securityHeadersBehavior: set,
    ...(custom.length > 0 ? { customHeadersBehavior: { customHeaders: custom } } : {}),
  };
}
