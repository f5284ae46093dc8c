import { UnauthenticatedError } from '../../domain/errors.js';
import type { Principal } from '../../domain/principal.js';
import { SESSION_POLICY } from '../../domain/staff-session.js';
import type { SignInPorts } from './begin-sign-in.js';
import { isSecret, sameSecret, secretKey } from './session-secrets.js';

export interface SignInCallback {
  /** The callback's `state` and `code` query parameters, as they came. */
  state: string | undefined;
  code: string | undefined;
  /** The same redirect URI beginSignIn gave the provider (the token endpoint compares them). */
  redirectUri: string;
  /** The state the sign-in cookie holds: proof this browser started this sign-in. */
  browserState: string | undefined;
}

/**
 * Finishes a sign-in when the provider sends the browser back: the attempt is taken (one-time,
 * so a replayed callback finds nothing), then the code is traded, with its PKCE verifier, for a
 * verified identity. The caller then starts a session and sends the browser to `returnTo`.
 */
export async function completeSignIn(
  ports: SignInPorts,
  callback: SignInCallback,
): Promise<{ principal: Principal & { name: string }; returnTo: string }> {
  const { state, code } = callback;
  if (!isSecret(state) || !code)
    throw new UnauthenticatedError('the sign-in came back without its code; sign in again');
  // Before the attempt is taken: a callback link from someone else's sign-in is refused, and
  // the attempt of that sign-in stays for the browser that started it.
  if (!isSecret(callback.browserState) || !sameSecret(callback.browserState, state))
    throw new UnauthenticatedError('this sign-in was started in another browser or tab; sign in again');
  const attempt = await ports.attempts.take(secretKey(state));
  // The store treats an expired attempt as absent; checked again so no store can get it wrong.
  if (!attempt || Date.parse(attempt.expiresAt) <= ports.clock.now().getTime())
    throw new UnauthenticatedError(
      `this sign-in has expired or was already used (a sign-in must finish within ${SESSION_POLICY.signInAttemptMs / 60_000} minutes); sign in again`,
    );
  const principal = await ports.signIn.exchangeCode({
    code,
    codeVerifier: attempt.codeVerifier,
    redirectUri: callback.redirectUri,
  });
  return { principal, returnTo: attempt.returnTo };
}
