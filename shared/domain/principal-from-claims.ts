import { UnauthenticatedError } from './errors.js';
import type { Principal } from './principal.js';
import { StaffRole } from './vocabulary.js';

/*
 * A Cognito id token's claims as a staff member, in one place for both ways staff arrive: the API's
 * JWT authorizer (shared/http/http-api.ts) and the console's own sign-in (the OIDC adapter), so a
 * group means the same role in both.
 */

/**
 * Reads the staff member from the JWT authorizer's claims. API Gateway HTTP APIs pass array claims
 * flattened to a string such as "[inspector comms]"; an array is accepted too.
 */
export function principalFromClaims(claims: Record<string, unknown> | undefined): Principal {
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub.length === 0)
    throw new UnauthenticatedError('a staff token is required');
  const name = displayNameFromClaims(claims);
  return { id: sub, ...(name ? { name } : {}), roles: rolesFromGroups(claims?.['cognito:groups']) };
}

/**
 * The console needs a name to show on every page: the display name when the token gives one, else
 * the subject id.
 */
export function namedPrincipalFromClaims(
  claims: Record<string, unknown> | undefined,
): Principal & { name: string } {
  const principal = principalFromClaims(claims);
  return { ...principal, name: principal.name ?? principal.id };
}

/** Claims that may name a staff member, best first. `email` is never one: staff see names, not addresses. */
const NAME_CLAIMS = ['name', 'preferred_username', 'cognito:username'] as const;

/** Anything with an `@` between two non-blank parts reads as an address, whatever the claim. */
const LOOKS_LIKE_ADDRESS = /\S@\S/;

/**
 * The name shown for a staff member and kept in audit entries beside the `sub` (D36): the `name`
 * attribute (optional in the pool), else `preferred_username`, else the Cognito user name, which
 * always exists. A claim that holds an e-mail address is skipped (a pool may sign in by e-mail,
 * making the user name an address), so the answer may be undefined.
 */
export function displayNameFromClaims(claims: Record<string, unknown> | undefined): string | undefined {
  for (const claim of NAME_CLAIMS) {
    const value = claims?.[claim];
    if (typeof value !== 'string') continue;
    const name = value.trim();
    if (name && !LOOKS_LIKE_ADDRESS.test(name)) return name.slice(0, 128);
  }
  return undefined;
}

/** Staff roles from `cognito:groups`; a group that is not a role, or no group at all, gives none. */
export function rolesFromGroups(raw: unknown): StaffRole[] {
  const values = Array.isArray(raw)
    ? raw
    : typeof raw === 'string'
      ? raw.replace(/^\[|\]$/g, '').split(/[\s,]+/)
      : [];
  return values.flatMap((value) => {
    const role = StaffRole.safeParse(value);
    return role.success ? [role.data] : [];
  });
}
