import { UnauthenticatedError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import { StaffRole } from '../domain/vocabulary.js';

/**
 * Reads the staff member from the JWT authorizer's claims. API Gateway HTTP APIs pass array claims
 * flattened to a string such as "[inspector comms]"; an array is accepted too.
 */
export function principalFromClaims(claims: Record<string, unknown> | undefined): Principal {
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub.length === 0)
    throw new UnauthenticatedError('a staff token is required');
  const name = typeof claims?.name === 'string' ? claims.name : undefined;
  return { id: sub, ...(name ? { name } : {}), roles: parseGroups(claims?.['cognito:groups']) };
}

function parseGroups(raw: unknown): StaffRole[] {
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
