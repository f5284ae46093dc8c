import type { Principal } from './principal.js';

/**
 * How long a console session lasts (docs/architecture.md D29). A long incident keeps a session
 * alive as long as someone uses it; an unattended screen signs itself out.
 * - Idle: 30 minutes without a page or a form post (NIST SP 800-63B, AAL2 reauthentication).
 * - Absolute: 12 hours from sign-in, a long shift; then sign in again.
 * - The page warns 5 minutes before the idle end, and a form post or "stay signed in" renews it.
 * - Activity is written at most once a minute: a burst of pages costs one write.
 * Live-status refreshes are not activity: a board left open must still time out.
 */
export const SESSION_POLICY = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 3600_000,
  warnBeforeIdleMs: 5 * 60_000,
  touchEveryMs: 60_000,
  /** A sign-in with the provider must come back within this. */
  signInAttemptMs: 10 * 60_000,
} as const;

export interface StaffSession {
  /** SHA-256 (base64url) of the cookie's value; the value itself is never stored. */
  key: string;
  principal: Principal & { name: string };
  /** The forms' anti-forgery token for this session (synchronizer token). */
  csrfToken: string;
  createdAt: string;
  lastActiveAt: string;
  idleExpiresAt: string;
  /** The absolute end, 12 hours after sign-in. */
  expiresAt: string;
}

export interface SignInAttempt {
  /** The PKCE verifier whose challenge went to the provider. */
  codeVerifier: string;
  /** The console path to return to after sign-in (always a local path). */
  returnTo: string;
  expiresAt: string;
}
