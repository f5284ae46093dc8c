import { RemovalPolicy } from 'aws-cdk-lib';
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
  functions: HeraldFunction[];
  userPool: cognito.IUserPool;
  staffClient: cognito.IUserPoolClient;
  /** Every route, unless tighter below. */
  stageThrottle: Throttle;
  /** Each public (unauthenticated) route: the part of the API anyone on the internet can drive. */
  publicRouteThrottle: Throttle;
}

/**
 * The HTTP API with exactly the manifest's routes: `staff` routes behind a JWT authorizer (the
 * Cognito user pool as issuer, the staff client as audience), `public` routes open but throttled.
 */
export class HeraldHttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HeraldHttpApiProps) {
    super(scope, id);
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api = new apigw.HttpApi(this, 'Api', { createDefaultStage: false, description: 'Herald API' });
    const stage = this.api.addStage('Stage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.stageThrottle,
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(this.accessLogs) },
    });
    const authorizer = new HttpUserPoolAuthorizer('Staff', props.userPool, {
      userPoolClients: [props.staffClient],
    });

    const publicRoutes: string[] = [];
    for (const { fn, definition } of props.functions) {
      if (definition.trigger.kind !== 'http') continue;
      const integration = new HttpLambdaIntegration(`${definition.name}-integration`, fn);
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
      }
    }
    (stage.node.defaultChild as apigw.CfnStage).routeSettings = Object.fromEntries(
      publicRoutes.map((key) => [
        key,
        // Raw CloudFormation (the L1 types route settings as `any`): PascalCase keys.
        {
          ThrottlingRateLimit: props.publicRouteThrottle.rateLimit,
          ThrottlingBurstLimit: props.publicRouteThrottle.burstLimit,
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
