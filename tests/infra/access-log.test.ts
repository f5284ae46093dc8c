import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../functions/manifest.js';
import { build } from './templates.js';

/** The access log format of the API's stage, as synthesized. */
let format: string;
beforeAll(() => {
  const stages = Object.values(build(manifest).statelessTemplate.findResources('AWS::ApiGatewayV2::Stage'));
  expect(stages).toHaveLength(1);
  format = stages[0]?.Properties.AccessLogSettings.Format;
});

describe("the API's access log names routes, never paths", () => {
  it('is one JSON object per request', () => {
    expect(() => JSON.parse(format)).not.toThrow();
  });

  it('records the route key, the request id, the status and the latencies', () => {
    expect(JSON.parse(format)).toMatchObject({
      routeKey: '$context.routeKey',
      requestId: '$context.requestId',
      status: '$context.status',
      responseLatency: '$context.responseLatency',
      integrationLatency: '$context.integrationLatency',
      integrationError: '$context.integrationErrorMessage',
    });
  });

  it('is exactly these twelve fields, each the HTTP API variable it names, and nothing else', () => {
    expect(JSON.parse(format)).toEqual({
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
  });

  it('has no raw path, which would carry management tokens', () => {
    expect(format).not.toContain('$context.path');
    // A REST API variable, not an HTTP API one: what CDK's default format logged.
    expect(format).not.toContain('$context.resourcePath');
  });

  it('has no header, query string, claim or user agent', () => {
    expect(format).not.toMatch(/\$request\.|\$context\.authorizer\.claims|userAgent|\$input/);
  });
});
