import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * The browser's secrets of a console session and a sign-in (docs/architecture.md D30). They come
 * from node:crypto's CSPRNG, not from the Ids port: an id names a record and may be guessable
 * from the time (randomIds is time-ordered), while these are bearer secrets whose whole worth is
 * that nobody can guess them.
 */

/** 256 random bits, base64url (43 characters): a cookie value, a CSRF token, a state, a PKCE verifier. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** Whether a value from the browser has the shape `newSecret` makes (anything else is not ours). */
export function isSecret(value: string | undefined): value is string {
  return value !== undefined && SECRET.test(value);
}

/**
 * What a secret is stored under: its SHA-256, base64url. A plain digest, not a keyed hash: the
 * value carries 256 bits of entropy, so no table export can be searched back to it, and no key
 * has to be kept for it.
 */
export function secretKey(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64url');
}

/** RFC 7636 S256: BASE64URL(SHA256(ASCII(code_verifier))). */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** Equality of two secrets that does not tell, by its timing, how much of a guess was right. */
export function sameSecret(a: string, b: string): boolean {
  const [left, right] = [Buffer.from(a), Buffer.from(b)];
  return left.length === right.length && timingSafeEqual(left, right);
}
