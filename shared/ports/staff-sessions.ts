import type { Principal } from '../domain/principal.js';
import type { SignInAttempt, StaffSession } from '../domain/staff-session.js';

/**
 * Console sessions (docs/architecture.md D30). The browser holds a random 256-bit value in an
 * HttpOnly cookie; the store only ever sees its SHA-256 (`key`), so a read of the table cannot be
 * replayed as a session. Every change is conditional on the state the caller saw.
 */
export interface SessionStore {
  /** Writes a new session; a key that exists already is a ConflictError (never overwritten). */
  create(session: StaffSession): Promise<void>;
  get(key: string): Promise<StaffSession | undefined>;
  /**
   * Records activity: moves `lastActiveAt` and `idleExpiresAt`, only while `lastActiveAt` is still
   * the one the caller saw. False when another request touched it first (that request's write is
   * as good) or the session is gone.
   */
  touch(key: string, seenLastActiveAt: string, lastActiveAt: string, idleExpiresAt: string): Promise<boolean>;
  /** Signs out: the session is deleted; ending an ended session changes nothing. */
  end(key: string): Promise<void>;
}

/**
 * A sign-in in progress with the identity provider (authorization code with PKCE): kept under the
 * SHA-256 of its `state` until the provider sends the browser back. `take` is one-time: it
 * deletes the attempt and returns it, so a replayed callback finds nothing.
 */
export interface SignInAttemptStore {
  /** Keeps a new attempt; a key that exists already is a ConflictError (never overwritten). */
  start(stateKey: string, attempt: SignInAttempt): Promise<void>;
  /**
   * Deletes the attempt and returns it, to one caller only. An attempt past its `expiresAt` is
   * absent: the table's TTL deletes it some time later (dynalite never), so the store checks.
   */
  take(stateKey: string): Promise<SignInAttempt | undefined>;
}

/** Who may sign in, and how: demo users locally, the Cognito hosted sign-in on AWS. */
export type StaffSignIn = DemoSignIn | OidcSignIn;

/** Local only: a list of demo users to pick from; no password, nothing leaves the machine. */
export interface DemoSignIn {
  kind: 'demo';
  users(): readonly (Principal & { name: string })[];
}

/** An OpenID Connect provider (the Cognito user pool's hosted sign-in) with PKCE. */
export interface OidcSignIn {
  kind: 'oidc';
  /** Where to send the browser: the provider's authorize endpoint with this state and challenge. */
  authorizationUrl(request: { state: string; codeChallenge: string; redirectUri: string }): string;
  /**
   * Trades the code for tokens at the token endpoint and verifies the id token's signature and
   * claims. A refused code or token is an UnauthenticatedError; a provider that cannot answer is
   * an UnavailableError.
   */
  exchangeCode(request: {
    code: string;
    codeVerifier: string;
    redirectUri: string;
  }): Promise<Principal & { name: string }>;
  /**
   * Where to send the browser to end the provider's own session too; `returnTo` is an absolute URL
   * the provider has registered as a sign-out URL.
   */
  signOutUrl(request: { returnTo: string }): string;
}
