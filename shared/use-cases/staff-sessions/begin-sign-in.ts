import { consoleReturnPath, SESSION_POLICY } from '../../domain/staff-session.js';
import type { OidcSignIn, SignInAttemptStore } from '../../ports/staff-sessions.js';
import type { Clock } from '../../ports/system.js';
import { newSecret, pkceChallenge, secretKey } from './session-secrets.js';

export interface SignInPorts {
  attempts: SignInAttemptStore;
  clock: Clock;
  signIn: OidcSignIn;
}

/**
 * Starts a sign-in with the identity provider: authorization code with PKCE (RFC 7636, S256).
 * The verifier stays in the table under the SHA-256 of a random `state`; only its challenge goes
 * to the provider. `returnTo` is kept only if it is a console path (no open redirect).
 *
 * The caller must also hand `state` to the browser in the sign-in cookie
 * (shared/http/console-session-cookie.ts) and pass it back to completeSignIn: the attempt lives
 * on the server, so without that tie anyone could send an officer a callback link of their own
 * sign-in and have the officer work, unknowingly, as them (login CSRF; RFC 9700 4.7.1).
 */
export async function beginSignIn(
  ports: SignInPorts,
  request: { returnTo: string | undefined; redirectUri: string },
): Promise<{ redirectTo: string; state: string }> {
  const state = newSecret();
  // 43 characters of the base64url alphabet: within RFC 7636's 43 to 128 unreserved characters.
  const codeVerifier = newSecret();
  const expiresAt = new Date(ports.clock.now().getTime() + SESSION_POLICY.signInAttemptMs).toISOString();
  await ports.attempts.start(secretKey(state), {
    codeVerifier,
    returnTo: consoleReturnPath(request.returnTo),
    expiresAt,
  });
  const redirectTo = ports.signIn.authorizationUrl({
    state,
    codeChallenge: pkceChallenge(codeVerifier),
    redirectUri: request.redirectUri,
  });
  return { redirectTo, state };
}
