/**
 * Where the staff sign-in lives. All of it is configuration, none of it secret: the client is
 * public (PKCE, no client secret), and the URLs are what any browser is sent to.
 */
export interface OidcSettings {
  /** The hosted sign-in's origin, `https://<domain>`: `/oauth2/authorize`, `/oauth2/token`, `/logout`. */
  signInOrigin: string;
  clientId: string;
  /** The id token's `iss`. */
  issuer: string;
  /** The provider's signing keys (JWKS). */
  jwksUrl: string;
  /** How long the token endpoint and the key set may take. @default 5000 */
  timeoutMs?: number;
}

const POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d+)_[A-Za-z0-9]+$/;
const DOMAIN = /^[a-z0-9.-]+$/i;

/**
 * A Cognito user pool's hosted sign-in: the domain serves the OAuth endpoints, and the id tokens
 * are issued by `https://cognito-idp.<region>.amazonaws.com/<poolId>`, which publishes its keys
 * under `/.well-known/jwks.json`. The pool id names its Region (`eu-west-1_AbC123`).
 */
export function cognitoSettings(config: {
  domain: string;
  clientId: string;
  userPoolId: string;
}): OidcSettings {
  const region = POOL_ID.exec(config.userPoolId)?.[1];
  if (!region) throw new Error(`not a Cognito user pool id (<region>_<id>): ${config.userPoolId}`);
  if (!DOMAIN.test(config.domain))
    throw new Error(
      `the hosted sign-in domain must be a bare host name, without scheme or path: ${config.domain}`,
    );
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${config.userPoolId}`;
  return {
    signInOrigin: `https://${config.domain}`,
    clientId: config.clientId,
    issuer,
    jwksUrl: `${issuer}/.well-known/jwks.json`,
  };
}
