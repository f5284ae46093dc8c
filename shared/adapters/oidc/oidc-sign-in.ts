import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import * as z from 'zod';
import { errorMessage, UnauthenticatedError, UnavailableError } from '../../domain/errors.js';
import { lazySchema } from '../../domain/lazy-schema.js';
import type { Principal } from '../../domain/principal.js';
import { namedPrincipalFromClaims } from '../../domain/principal-from-claims.js';
import type { OidcSignIn } from '../../ports/staff-sessions.js';
import type { Clock } from '../../ports/system.js';
import type { OidcSettings } from './oidc-settings.js';

const DEFAULT_TIMEOUT_MS = 5_000;
const SCOPES = 'openid profile email';
const SIGN_IN_AGAIN = 'sign in again';

const TokenResponse = lazySchema(() => z.object({ id_token: z.string().min(1) }));
const TokenError = lazySchema(() => z.object({ error: z.string() }));

/**
 * The console's sign-in with an OpenID Connect provider (the Cognito user pool's hosted sign-in):
 * authorization code with PKCE, as a public client (no secret to keep). The id token is verified
 * here, signature against the provider's published keys, issuer, audience (this client), expiry
 * and `token_use: id`, before anyone is let in; the tokens themselves are dropped, never stored
 * or sent to the browser (docs/architecture.md D30).
 */
export class OidcStaffSignIn implements OidcSignIn {
  readonly kind = 'oidc';
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;
  private readonly timeoutMs: number;

  constructor(
    private readonly settings: OidcSettings,
    private readonly clock: Clock,
  ) {
    this.timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // Fetched at the first sign-in and cached by jose for the life of the process; a token signed
    // with a key it does not know makes it fetch again (key rotation).
    this.keys = createRemoteJWKSet(new URL(settings.jwksUrl), { timeoutDuration: this.timeoutMs });
  }

  authorizationUrl(request: { state: string; codeChallenge: string; redirectUri: string }): string {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: this.settings.clientId,
      redirect_uri: request.redirectUri,
      scope: SCOPES,
      state: request.state,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
    });
    return `${this.settings.signInOrigin}/oauth2/authorize?${query}`;
  }

  signOutUrl(request: { returnTo: string }): string {
    const query = new URLSearchParams({ client_id: this.settings.clientId, logout_uri: request.returnTo });
    return `${this.settings.signInOrigin}/logout?${query}`;
  }

  async exchangeCode(request: {
    code: string;
    codeVerifier: string;
    redirectUri: string;
  }): Promise<Principal & { name: string }> {
    const idToken = await this.redeem(request);
    return this.verify(idToken);
  }

  private async redeem(request: {
    code: string;
    codeVerifier: string;
    redirectUri: string;
  }): Promise<string> {
    let response: Response;
    try {
      response = await fetch(`${this.settings.signInOrigin}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: this.settings.clientId,
          code: request.code,
          redirect_uri: request.redirectUri,
          code_verifier: request.codeVerifier,
        }),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      throw new UnavailableError(`the sign-in service did not answer: ${errorMessage(error)}`, {
        cause: error,
      });
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok) {
      const tokens = TokenResponse.safeParse(body);
      if (tokens.success) return tokens.data.id_token;
      throw new UnavailableError('the sign-in service answered without an id token');
    }
    if (response.status >= 500 || response.status === 429)
      throw new UnavailableError(`the sign-in service is unavailable (HTTP ${response.status})`);
    // The OAuth error code (invalid_grant, ...) says what was refused; the code itself is never repeated.
    const refused = TokenError.safeParse(body);
    const reason = refused.success ? refused.data.error : `HTTP ${response.status}`;
    throw new UnauthenticatedError(`the sign-in service refused the sign-in (${reason}); ${SIGN_IN_AGAIN}`);
  }

  private async verify(idToken: string): Promise<Principal & { name: string }> {
    try {
      const { payload } = await jwtVerify(idToken, this.keys, {
        issuer: this.settings.issuer,
        audience: this.settings.clientId,
        algorithms: ['RS256'],
        currentDate: this.clock.now(),
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      // An access token is signed by the same keys; only an id token says who signed in.
      if (payload.token_use !== 'id')
        throw new UnauthenticatedError(`the sign-in token is not an id token; ${SIGN_IN_AGAIN}`);
      return namedPrincipalFromClaims(payload);
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (keysUnreachable(error))
        throw new UnavailableError("the sign-in service's keys could not be read", { cause: error });
      throw new UnauthenticatedError(
        `the sign-in token was refused (${tokenFault(error)}); ${SIGN_IN_AGAIN}`,
        {
          cause: error,
        },
      );
    }
  }
}

/** A key set that timed out, answered other than 200, or could not be reached at all. */
function keysUnreachable(error: unknown): boolean {
  if (error instanceof joseErrors.JWKSTimeout) return true;
  if (error instanceof joseErrors.JOSEError) return error.code === joseErrors.JOSEError.code;
  return true;
}

/** Which check failed, in words safe to show: never a claim's value. */
function tokenFault(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `bad ${error.claim}`;
  if (
    error instanceof joseErrors.JWSSignatureVerificationFailed ||
    error instanceof joseErrors.JWKSNoMatchingKey
  )
    return 'not signed by the provider';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'wrong algorithm';
  return 'malformed';
}
