import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import type { OidcSettings } from '../../../shared/adapters/oidc/oidc-settings.js';
import { listen, readBody, sendJson, sendText } from './http-kit.js';

/**
 * A stand-in for the Cognito user pool's hosted sign-in, as a real HTTP server on 127.0.0.1, so
 * the OIDC adapter is tested against a peer that checks what Cognito checks: `/oauth2/authorize`
 * signs a chosen user in at once and redirects back with a code; `/oauth2/token` takes each code
 * once, for its client and redirect URI, with the PKCE verifier of its S256 challenge, and
 * answers an RS256 id token shaped as Cognito's; the key set is served where Cognito serves it
 * (`<issuer>/.well-known/jwks.json`), the key generated at start.
 */

export interface FakeOidcUser {
  /** The token's `sub`. */
  sub: string;
  username: string;
  name?: string;
  /** `cognito:groups`; absent when the user is in no group, as Cognito leaves it out. */
  groups?: string[];
}

/** Ways to make the provider misbehave, to see the adapter refuse what it sends. */
export interface FakeOidcTampering {
  /** The id token's `aud` instead of the client id. */
  audience?: string;
  /** Sign the id token with a key that is not in the key set. */
  foreignKey?: boolean;
  /** `token_use` other than `id` (Cognito's access tokens say `access`). */
  tokenUse?: string;
  /** Keep the token request unanswered. */
  hangToken?: boolean;
}

export interface FakeOidc {
  url: string;
  issuer: string;
  clientId: string;
  /** The adapter's settings for this provider. */
  settings(overrides?: Partial<OidcSettings>): OidcSettings;
  /** Who the next authorization signs in (the first user by default). */
  signInAs(sub: string): void;
  tamper: FakeOidcTampering;
  /** Logout requests received, with their `logout_uri`. */
  logouts: string[];
  close(): Promise<void>;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  user: FakeOidcUser;
}

const TOKEN_LIFETIME_S = 3600;
const POOL_PATH = '/eu-west-1_FakePool';
const b64sha256 = (value: string) => createHash('sha256').update(value, 'ascii').digest('base64url');

export async function startFakeOidc(options: {
  clientId: string;
  users: FakeOidcUser[];
  /** The client's registered callback URLs; any redirect URI is taken when absent. */
  callbackUrls?: string[];
}): Promise<FakeOidc> {
  const { clientId, users, callbackUrls } = options;
  const keys = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(keys.publicKey)), kid: 'fake-1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, IssuedCode>();
  const tamper: FakeOidcTampering = {};
  const logouts: string[] = [];
  let current = users[0];
  let issuer = '';

  const server = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'GET' && url.pathname === '/oauth2/authorize') return authorize(url, res);
    if (req.method === 'POST' && url.pathname === '/oauth2/token') return token(req, res);
    if (req.method === 'GET' && url.pathname === `${POOL_PATH}/.well-known/jwks.json`)
      return sendJson(res, 200, { keys: [jwk] });
    if (req.method === 'GET' && url.pathname === '/logout') {
      const logoutUri = url.searchParams.get('logout_uri') ?? '';
      if (url.searchParams.get('client_id') !== clientId || !logoutUri)
        return sendText(res, 400, 'bad logout');
      logouts.push(logoutUri);
      res.writeHead(302, { location: logoutUri }).end();
      return;
    }
    sendText(res, 404, 'not found');
  });
  issuer = `${server.url}${POOL_PATH}`;

  async function authorize(url: URL, res: ServerResponse): Promise<void> {
    const query = url.searchParams;
    const redirectUri = query.get('redirect_uri');
    const challenge = query.get('code_challenge');
    if (
      query.get('response_type') !== 'code' ||
      query.get('client_id') !== clientId ||
      !redirectUri ||
      (callbackUrls && !callbackUrls.includes(redirectUri)) ||
      !query.get('state') ||
      query.get('code_challenge_method') !== 'S256' ||
      !challenge ||
      !current
    )
      return sendText(res, 400, 'bad authorization request');
    const code = randomBytes(16).toString('hex');
    codes.set(code, { clientId, redirectUri, challenge, user: current });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', query.get('state') ?? '');
    res.writeHead(302, { location: back.href }).end();
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (tamper.hangToken) return server.hang(res, 30_000);
    const form = new URLSearchParams(await readBody(req));
    const code = form.get('code') ?? '';
    const issued = codes.get(code);
    // Every code is spent by its first redemption, whether or not that one succeeds.
    codes.delete(code);
    if (form.get('grant_type') !== 'authorization_code')
      return sendJson(res, 400, { error: 'unsupported_grant_type' });
    if (form.get('client_id') !== clientId) return sendJson(res, 400, { error: 'invalid_client' });
    if (
      !issued ||
      issued.redirectUri !== form.get('redirect_uri') ||
      b64sha256(form.get('code_verifier') ?? '') !== issued.challenge
    )
      return sendJson(res, 400, { error: 'invalid_grant' });
    sendJson(res, 200, {
      id_token: await idToken(issued.user),
      access_token: randomBytes(16).toString('hex'),
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_S,
    });
  }

  function idToken(user: FakeOidcUser): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      'cognito:username': user.username,
      ...(user.name ? { name: user.name } : {}),
      ...(user.groups ? { 'cognito:groups': user.groups } : {}),
      token_use: tamper.tokenUse ?? 'id',
      auth_time: now,
    })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid ?? '' })
      .setSubject(user.sub)
      .setIssuer(issuer)
      .setAudience(tamper.audience ?? clientId)
      .setIssuedAt(now)
      .setExpirationTime(now + TOKEN_LIFETIME_S)
      .sign(tamper.foreignKey ? foreign.privateKey : keys.privateKey);
  }

  return {
    url: server.url,
    issuer,
    clientId,
    settings: (overrides = {}) => ({
      signInOrigin: server.url,
      clientId,
      issuer,
      jwksUrl: `${issuer}/.well-known/jwks.json`,
      ...overrides,
    }),
    signInAs(sub) {
      const user = users.find((candidate) => candidate.sub === sub);
      if (!user) throw new Error(`the fake provider has no user ${sub}`);
      current = user;
    },
    tamper,
    logouts,
    close: () => server.close(),
  };
}
