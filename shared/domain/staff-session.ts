import { UnauthenticatedError } from './errors.js';
import type { Principal } from './principal.js';

/**
 * How long a console session lasts (docs/architecture.md D30). A long incident keeps a session
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

/**
 * The console's own paths that sign-in depends on. The CDK app registers the callback and the
 * signed-out page with the user pool client from these, so the two cannot drift apart.
 */
export const CONSOLE_PATHS = {
  home: '/console',
  /** Where the identity provider sends the browser back with `code` and `state`. */
  signInCallback: '/console/auth/callback',
  /** Where the provider's sign-out sends the browser (registered as the client's logout URL). */
  signedOut: '/console/signed-out',
} as const;

/**
 * Where to go after sign-in: only a path of the console itself, so a crafted sign-in link cannot
 * send a freshly signed-in officer to another site (an open redirect). `//host` and `/\host` are
 * read by browsers as another host, hence no `//` and no backslash anywhere; anything else is the
 * console's home.
 */
export function consoleReturnPath(raw: string | undefined): string {
  // Visible ASCII only: URL parsers drop a tab or a newline, so `/\t/host` would become `//host`.
  const local =
    raw !== undefined &&
    /^\/console(?:[/?#][\x21-\x7e]*)?$/.test(raw) &&
    !raw.includes('//') &&
    !raw.includes('\\');
  return local ? raw : CONSOLE_PATHS.home;
}

/** Why a request has no session, in words the sign-in page can show. */
export type SessionEndReason = 'signed-out' | 'idle' | 'expired';

/** No live session: none was sent or it was ended (`signed-out`), or it ran out (`idle`, `expired`). */
export class SessionEndedError extends UnauthenticatedError {
  constructor(readonly reason: SessionEndReason) {
    super(SESSION_END_MESSAGES[reason]);
  }
}

const SESSION_END_MESSAGES: Record<SessionEndReason, string> = {
  'signed-out': 'you are not signed in',
  idle: `you were signed out after ${SESSION_POLICY.idleMs / 60_000} minutes without activity`,
  expired: `sessions last ${SESSION_POLICY.absoluteMs / 3_600_000} hours; sign in again`,
};
