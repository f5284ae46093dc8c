import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ForbiddenError } from '../domain/errors.js';

/**
 * Cross-site request forgery protection for the public forms without sessions (docs/architecture.md
 * D26): a signed double-submit token. A GET of a form sets a random value in an HttpOnly,
 * SameSite=Strict `__Host-` cookie (Secure, path /, no domain: no subdomain can set or read it) and
 * puts an HMAC of that value and the time into the form. A post must bring both, and the HMAC must
 * match under the form key, which never leaves the functions. Before that, the browser's own word
 * on where the post came from (`Sec-Fetch-Site`, else `Origin`) must be this site.
 */

export const CSRF_COOKIE = '__Host-herald-csrf';
/** The hidden field of every form. */
export const CSRF_FIELD = 'csrf';
/** A form left open longer than this asks for a reload. */
export const CSRF_TOKEN_LIFETIME_SECONDS = 24 * 3600;
/** Functions' clocks may differ a little: a token "from the future" within this is accepted. */
const CLOCK_SKEW_SECONDS = 300;
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;
const TOKEN = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/** The post failed the forgery checks: a 403 page that says to reload the form. */
export class FormCheckError extends ForbiddenError {}

type Request = Pick<APIGatewayProxyEventV2, 'cookies' | 'headers'>;

export interface CsrfGrant {
  /** For the form's hidden field. */
  token: string;
  /** A Set-Cookie value when the browser had no cookie yet. */
  setCookie?: string;
}

/** The token for a form, and the cookie to set when the browser sent none. */
export function grantCsrf(key: Buffer, request: Request, nowMs: number): CsrfGrant {
  const [existing] = cookieValues(request);
  const value = existing ?? randomBytes(32).toString('base64url');
  const token = sign(key, value, Math.floor(nowMs / 1000));
  if (existing) return { token };
  return { token, setCookie: `${CSRF_COOKIE}=${value}; Path=/; Secure; HttpOnly; SameSite=Strict` };
}

/**
 * Refuses a post that is not from this site's own form: `trustedOrigins` are the public site's
 * origin (the pages are served under it on AWS); the request's own host is trusted too.
 */
export function checkCsrf(
  key: Buffer,
  request: Request,
  submitted: string | undefined,
  nowMs: number,
  trustedOrigins: readonly string[],
): void {
  checkFetchMetadata(request, trustedOrigins);
  checkToken(key, request, submitted, nowMs);
}

/** The token's half of `checkCsrf`: signed for the cookie that came with it, and recent. */
export function checkToken(
  key: Buffer,
  request: Request,
  submitted: string | undefined,
  nowMs: number,
): void {
  if (!submitted) throw new FormCheckError('the form has no anti-forgery token');
  const parts = TOKEN.exec(submitted);
  if (!parts) throw new FormCheckError('the anti-forgery token is malformed');
  const issued = Number(parts[1]);
  const now = Math.floor(nowMs / 1000);
  if (issued > now + CLOCK_SKEW_SECONDS || now - issued > CSRF_TOKEN_LIFETIME_SECONDS)
    throw new FormCheckError('the form is too old');
  const values = cookieValues(request);
  if (values.length === 0) throw new FormCheckError('no anti-forgery cookie came with the form');
  const given = Buffer.from(submitted);
  const matches = values.some((value) => {
    const expected = Buffer.from(sign(key, value, issued));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!matches) throw new FormCheckError('the anti-forgery token does not match its cookie');
}

/**
 * When the form a token came with was served (ms). Only meaningful after `checkToken` accepted the
 * token: the time is inside what the HMAC signs, so a bot cannot date its form back (D34).
 */
export function tokenIssuedAtMs(token: string): number | undefined {
  const parts = TOKEN.exec(token);
  return parts ? Number(parts[1]) * 1000 : undefined;
}

/** Refuses a post the browser says came from another site (checked before the body is read). */
export function checkFetchMetadata(request: Request, trustedOrigins: readonly string[]): void {
  const site = request.headers?.['sec-fetch-site'];
  // `none`: the person did it (a reload that posts again); a page on another site never gets it.
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    throw new FormCheckError(`a ${site} post`);
  const origin = request.headers?.origin;
  // Under Referrer-Policy no-referrer, browsers send `Origin: null` even with a same-origin post,
  // so only a real origin is judged; Sec-Fetch-Site and the token still are.
  if (origin !== undefined && origin !== 'null' && !trusted(origin, request, trustedOrigins))
    throw new FormCheckError('a post from another origin');
}

function trusted(origin: string, request: Request, trustedOrigins: readonly string[]): boolean {
  if (trustedOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers?.host;
  } catch {
    return false;
  }
}

function sign(key: Buffer, value: string, issuedSeconds: number): string {
  const mac = createHmac('sha256', key)
    .update(`herald-csrf/v1|${value}|${issuedSeconds}`)
    .digest('base64url');
  return `${issuedSeconds}.${mac}`;
}

/** Every well-formed value of the cookie (payload 2.0 lists cookies apart from the headers). */
function cookieValues(request: Request): string[] {
  const values: string[] = [];
  for (const cookie of request.cookies ?? []) {
    const at = cookie.indexOf('=');
    if (at < 0 || cookie.slice(0, at).trim() !== CSRF_COOKIE) continue;
    const value = cookie.slice(at + 1).trim();
    if (COOKIE_VALUE.test(value)) values.push(value);
  }
  return values;
}
