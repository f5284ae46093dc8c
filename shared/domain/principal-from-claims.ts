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
  const name = typeof claims?.name === 'string' ? claims.name : undefined;
  return { id: sub, ...(name ? { name } : {}), roles: rolesFromGroups(claims?.['cognito:groups']) };
}

/**
 * The console needs a name to show on every page: the `name` attribute when the user has one (it
 * is optional in the pool), else the Cognito user name, which always exists.
 */
export function namedPrincipalFromClaims(
  claims: Record<string, unknown> | undefined,
): Principal & { name: string } {
  const principal = principalFromClaims(claims);
  const username = claims?.['cognito:username'];
  const name = principal.name ?? (typeof username === 'string' && username ? username : principal.id);
  return { ...principal, name };
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
