import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../functions/manifest.js';
import { ENV } from '../../shared/runtime/environment.js';
import { buildTestApp } from './harness.js';
import { syntheticFunctions } from './synthetic-manifest.js';
import { build, environmentOf, logicalIdOf, render } from './templates.js';

type Json = Record<string, any>;
const all = [...manifest, ...syntheticFunctions];

const ofType = (template: Json, type: string): Json[] =>
  Object.values(template.Resources as Record<string, Json>).filter((r) => r.Type === type);
const only = <T>(items: T[]): T => {
  expect(items).toHaveLength(1);
  return items[0] as T;
};

let built: ReturnType<typeof build>;
/** The API's own URL as the template renders it (its endpoint attribute). */
let API_URL: string;
beforeAll(() => {
  built = build(all);
  const api = built.stateless.httpApi.api.node.defaultChild as CfnElement;
  API_URL = `<${logicalIdOf(built.stateless, api)}.ApiEndpoint>`;
});

const templateOf = (stack: Stack): Json => Template.fromStack(stack).toJSON();
const consoleClient = (template: Json) =>
  only(ofType(template, 'AWS::Cognito::UserPoolClient')).Properties as Json;

describe('the staff hosted sign-in', () => {
  it('is a Cognito prefix domain of the staff pool, herald-staff-<account> unless the context names one', () => {
    const domain = only(ofType(built.statefulTemplate.toJSON(), 'AWS::Cognito::UserPoolDomain')).Properties;

    expect(render(domain.Domain)).toBe('herald-staff-<AWS::AccountId>');
    expect(domain.UserPoolId).toEqual({ Ref: expect.stringMatching(/^Staff/) });
    expect(domain.CustomDomainConfig).toBeUndefined();
  });

  it('gives the console a public client with the code grant only, and no secret', () => {
    const client = consoleClient(built.statelessTemplate.toJSON());

    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect([...client.AllowedOAuthScopes].sort()).toEqual(['email', 'openid', 'profile']);
    expect(client.GenerateSecret).toBe(false);
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
    expect(client.ExplicitAuthFlows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
    expect(render(client.UserPoolId)).toMatch(/^import\(HeraldStateful:.*Staff/);
  });

  it("sends the browser back only to the console's callback and signed-out pages on the API's URL", () => {
    const client = consoleClient(built.statelessTemplate.toJSON());

    expect(client.CallbackURLs.map(render)).toEqual([`${API_URL}/console/auth/callback`]);
    expect(client.LogoutURLs.map(render)).toEqual([`${API_URL}/console/signed-out`]);
  });

  it('tells a function with staff sign-in the domain, the console client and the pool, and no other function', () => {
    const env = (name: string) => environmentOf(built.stateless, built.statelessTemplate, name);
    const signIn = env('synthetic-console');

    expect(render(signIn[ENV.staffSignInDomain])).toBe(
      'herald-staff-<AWS::AccountId>.auth.<AWS::Region>.amazoncognito.com',
    );
    expect(signIn[ENV.consoleClientId]).toEqual({ Ref: expect.stringMatching(/^ConsoleSignInClient/) });
    expect(render(signIn[ENV.staffUserPoolId])).toMatch(/^import\(HeraldStateful:.*Staff/);
    for (const f of all.filter((d) => !d.access.staffSignIn)) {
      expect(env(f.name)[ENV.consoleClientId], f.name).toBeUndefined();
    }
  });
});

describe('the sign-in settings from the context', () => {
  it('registers a custom console domain beside the API URL, and takes a domain prefix of its own', () => {
    const { stateful, stateless } = buildTestApp(all, {
      context: { consoleBaseUrl: 'https://duty.example.org', staffSignInDomainPrefix: 'herald-staff-city' },
    });
    const client = consoleClient(templateOf(stateless));
    const domain = only(ofType(templateOf(stateful), 'AWS::Cognito::UserPoolDomain')).Properties;

    expect(client.CallbackURLs.map(render)).toEqual([
      `${API_URL}/console/auth/callback`,
      'https://duty.example.org/console/auth/callback',
    ]);
    expect(client.LogoutURLs.map(render)).toContain('https://duty.example.org/console/signed-out');
    expect(domain.Domain).toBe('herald-staff-city');
  });

  it.each([
    ['consoleBaseUrl', 'http://duty.example.org', /https origin/],
    ['consoleBaseUrl', 'https://duty.example.org/console', /no path/],
    ['consoleBaseUrl', 'duty.example.org', /https origin/],
    ['staffSignInDomainPrefix', 'Herald_Staff', /lowercase letters/],
    ['staffSignInDomainPrefix', 'herald-cognito', /may not contain/],
  ])('refuses %s %s at synth, saying why', (key, value, message) => {
    expect(() => buildTestApp(all, { context: { [key]: value } })).toThrow(message);
  });
});
