import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { HttpRoute } from '../../functions/manifest-types.js';
import type { HeraldFunction } from './herald-function.js';
import { LOG_RETENTION } from './herald-function.js';
import { acknowledge } from './nag.js';

/** Requests per second (steady, burst) for one route key. */
export interface Throttle {
  rateLimit: number;
  burstLimit: number;
}

export interface HeraldHttpApiProps {
  userPool: cognito.IUserPool;
  staffClient: cognito.IUserPoolClient;
  /** Every route, unless tighter below. */
  stageThrottle: Throttle;
  /** Each public (unauthenticated) route: the part of the API anyone on the internet can drive. */
  publicRouteThrottle: Throttle;
}

/**
 * One JSON line per request. The route is its route key (`PUT /subscriptions/manage/{token}`),
 * never the path (`$context.path`), which carries a subscriber's management token. CDK's default
 * for an HTTP API is the Common Log Format, whose `$context.resourcePath` is a REST API variable
 * absent from HTTP API's documented ones; its `caller` and `user` are IAM-only and always empty.
 *
 * `sourceIp` stays: the public routes are open to the internet and their throttle is shared by
 * everyone, so the address is the only handle for blocking a client that floods sign-ups (a WAF
 * IP set), and the same address is what the per-client sign-up limit counts. The log group keeps
 * it for LOG_RETENTION only. No header, query string, claim or user agent is logged.
 */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLatency: '$context.responseLatency',
  responseLength: '$context.responseLength',
  integrationStatus: '$context.integrationStatus',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
  authorizerError: '$context.authorizer.error',
  sourceIp: '$context.identity.sourceIp',
});

/**
 * The HTTP API with exactly the manifest's routes: `staff` routes behind a JWT authorizer (the
 * Cognito user pool as issuer, the staff client as audience), `public` routes open but throttled.
 */
export class HeraldHttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly accessLogs: logs.LogGroup;
  private readonly stage: apigw.HttpStage;
  private readonly authorizer: HttpUserPoolAuthorizer;
  private readonly publicRouteThrottle: Throttle;

  constructor(scope: Construct, id: string, props: HeraldHttpApiProps) {
    super(scope, id);
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api = new apigw.HttpApi(this, 'Api', { createDefaultStage: false, description: 'Herald API' });
    this.stage = this.api.addStage('Stage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.stageThrottle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(ACCESS_LOG_FORMAT),
      },
    });
    this.authorizer = new HttpUserPoolAuthorizer('Staff', props.userPool, {
      userPoolClients: [props.staffClient],
    });
    this.publicRouteThrottle = props.publicRouteThrottle;
  }

  /**
   * The manifest's routes, to their functions. Apart from the constructor because a function's
   * environment may need the API's URL (the console's sign-in client names it), so the API exists
   * before the functions and they are routed after.
   */
  route(functions: readonly HeraldFunction[]): void {
    const { authorizer } = this;
    const publicRoutes: string[] = [];
    for (const { alias, definition } of functions) {
      if (definition.trigger.kind !== 'http') continue;
      // The alias, never the function: a route follows CodeDeploy's shift between versions.
      const integration = new HttpLambdaIntegration(`${definition.name}-integration`, alias);
      for (const route of definition.trigger.routes) {
        const [created] = this.api.addRoutes({
          path: route.path,
          methods: [apigw.HttpMethod[route.method]],
          integration,
          ...(route.auth === 'staff' ? { authorizer } : {}),
        });
        if (route.auth === 'public' && created) {
          publicRoutes.push(routeKey(route));
          acknowledge(
            created,
            'AwsSolutions-APIG4',
            `${routeKey(route)} is public by design (manifest auth: public): it serves what anyone may read or do, and is throttled per route.`,
          );
        }
        if (route.auth === 'session' && created) {
          publicRoutes.push(routeKey(route));
          acknowledge(
            created,
            'AwsSolutions-APIG4',
            `${routeKey(route)} is a duty console page: the console function checks its own server-side session cookie on every page but sign-in (docs/architecture.md D30, D31); a browser cannot send the bearer token a JWT authorizer needs.`,
          );
        }
      }
    }
    (this.stage.node.defaultChild as apigw.CfnStage).routeSettings = Object.fromEntries(
      publicRoutes.map((key) => [
        key,
        // Raw CloudFormation (the L1 types route settings as `any`): PascalCase keys.
        {
          ThrottlingRateLimit: this.publicRouteThrottle.rateLimit,
          ThrottlingBurstLimit: this.publicRouteThrottle.burstLimit,
        },
      ]),
    );
  }

  get url(): string {
    return this.api.apiEndpoint;
  }
}

export function routeKey(route: Pick<HttpRoute, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
