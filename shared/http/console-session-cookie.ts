import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { SESSION_POLICY } from '../domain/staff-session.js';

/*
 * The duty console's cookies (docs/architecture.md D30). `__Host-`: Secure, path `/`, no Domain,
 * so no other host (a subdomain included) can set or overwrite them. HttpOnly: no script reads
 * them. Both are random 256-bit values; the server keeps only their SHA-256.
 *
 * SameSite=Lax, not Strict. Signing in ends with a top-level navigation from the provider's site
 * to the callback, which redirects to the console page: Strict cookies are not sent on a request
 * a cross-site navigation started (redirects included), so the sign-in state would never reach
 * the callback and the first page after signing in, or any console link opened from mail or chat,
 * would look signed out. Lax still keeps both cookies off every cross-site POST and every
 * cross-site sub-request (an image, a frame, a fetch); the console's GETs change nothing but the
 * session's last activity, and its forms also carry the session's synchronizer token.
 */

export const CONSOLE_SESSION_COOKIE = '__Host-herald-console';
/** Holds a sign-in's `state` from its start to the provider's callback (login CSRF). */
export const CONSOLE_SIGN_IN_COOKIE = '__Host-herald-console-signin';

const ATTRIBUTES = 'Path=/; Secure; HttpOnly; SameSite=Lax';
const VALUE = /^[A-Za-z0-9_-]{43}$/;
const seconds = (ms: number) => Math.floor(ms / 1000);

type Request = Pick<APIGatewayProxyEventV2, 'cookies'>;

/**
 * Set-Cookie for a new session. It lasts as long as the session's absolute limit at most; the
 * server refuses it sooner when the session ends or idles.
 */
export function sessionCookie(cookieValue: string): string {
  return `${CONSOLE_SESSION_COOKIE}=${cookieValue}; ${ATTRIBUTES}; Max-Age=${seconds(SESSION_POLICY.absoluteMs)}`;
}

/** Set-Cookie that removes the session cookie (sign-out, or a session that has ended). */
export function clearSessionCookie(): string {
  return `${CONSOLE_SESSION_COOKIE}=; ${ATTRIBUTES}; Max-Age=0`;
}

/** The session cookie's value from an API Gateway payload 2.0 event, if it has a well-formed one. */
export function readSessionCookie(request: Request): string | undefined {
  return cookieValue(request, CONSOLE_SESSION_COOKIE);
}

/** Set-Cookie for a sign-in's `state` (beginSignIn's), for as long as the attempt lives. */
export function signInStateCookie(state: string): string {
  return `${CONSOLE_SIGN_IN_COOKIE}=${state}; ${ATTRIBUTES}; Max-Age=${seconds(SESSION_POLICY.signInAttemptMs)}`;
}

/** Set-Cookie that removes the sign-in cookie once the callback has used it. */
export function clearSignInStateCookie(): string {
  return `${CONSOLE_SIGN_IN_COOKIE}=; ${ATTRIBUTES}; Max-Age=0`;
}

/** The sign-in cookie's `state`, for completeSignIn's `browserState`. */
export function readSignInState(request: Request): string | undefined {
  return cookieValue(request, CONSOLE_SIGN_IN_COOKIE);
}

/**
 * The first well-formed value of a cookie. Payload 2.0 lists the Cookie header's pairs in
 * `cookies`; a `__Host-` cookie cannot be planted by another host, so more than one is not expected.
 */
function cookieValue(request: Request, name: string): string | undefined {
  for (const cookie of request.cookies ?? []) {
    const at = cookie.indexOf('=');
    if (at < 0 || cookie.slice(0, at).trim() !== name) continue;
    const value = cookie.slice(at + 1).trim();
    if (VALUE.test(value)) return value;
  }
  return undefined;
}
