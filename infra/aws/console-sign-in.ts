import { Aws, Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { CONSOLE_PATHS } from '../../shared/domain/staff-session.js';
import type { StaffSignInSettings } from './access-grants.js';

/** The hosted sign-in's domain prefix when the context gives none: one Herald per account (D19). */
export const DEFAULT_SIGN_IN_DOMAIN_PREFIX = `herald-staff-${Aws.ACCOUNT_ID}`;

/**
 * The hosted sign-in's host for a Cognito prefix domain, in the Region being deployed to. Built
 * from the prefix in both stacks rather than read from the domain resource across them, so no
 * export ties the two (renaming the domain would otherwise be blocked by the export in use).
 */
export function signInHost(domainPrefix: string): string {
  return `${domainPrefix}.auth.${Aws.REGION}.amazoncognito.com`;
}

export interface ConsoleSignInProps {
  userPool: cognito.IUserPool;
  /** The prefix of the pool's hosted sign-in domain (the stateful stack creates the domain). */
  domainPrefix: string;
  /** Every origin the console is served on (`https://host`, no path): the API's own, a custom one. */
  consoleOrigins: string[];
}

/**
 * The duty console's user pool client: authorization code with PKCE as a public client (no
 * secret: nothing to keep in the Lambda, and the verifier does a secret's job), through the pool's
 * hosted sign-in only, with the console's callback and signed-out pages as its only redirects.
 *
 * It lives in the stateless stack, beside the API whose URL it must name: in the stateful stack it
 * would need that URL before the API exists, and a first deploy could not sign anyone in. A
 * client holds no data; replaced, it gets a new id, which this stack hands the console function.
 */
export class ConsoleSignIn extends Construct {
  readonly client: cognito.UserPoolClient;
  readonly settings: StaffSignInSettings;

  constructor(scope: Construct, id: string, props: ConsoleSignInProps) {
    super(scope, id);
    const urls = (path: string) => props.consoleOrigins.map((origin) => `${origin}${path}`);
    this.client = new cognito.UserPoolClient(this, 'Client', {
      userPool: props.userPool,
      userPoolClientName: 'herald-console',
      generateSecret: false,
      // The hosted sign-in's own password step (SRP); no USER_PASSWORD_AUTH, which the API's
      // client keeps for operators' CLI tokens: this client signs people in through the browser only.
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: urls(CONSOLE_PATHS.signInCallback),
        logoutUrls: urls(CONSOLE_PATHS.signedOut),
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      // The console reads the id token once, at the callback, and keeps a session of its own
      // (D30); the shortest lifetimes Cognito allows, since no token outlives that moment.
      idTokenValidity: Duration.minutes(5),
      accessTokenValidity: Duration.minutes(5),
      refreshTokenValidity: Duration.minutes(60),
      enableTokenRevocation: true,
    });
    this.settings = {
      domain: signInHost(props.domainPrefix),
      clientId: this.client.userPoolClientId,
      userPoolId: props.userPool.userPoolId,
    };
  }
}
