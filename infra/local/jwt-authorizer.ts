/**
 * The API Gateway JWT authorizer in front of `staff` routes, locally: the bearer token is checked
 * (by dev-auth.ts) before any handler runs, and its claims reach the handler as API Gateway hands
 * them over, so handlers read the same claims in both runtimes.
 */
import { type DevAuth, InvalidTokenError, type TokenFault } from './dev-auth.js';

/** The claims for the event, or why the request gets a 401 without reaching the handler. */
export type Authorization = { claims: Record<string, string> } | { refused: TokenFault };

export async function authorize(
  auth: DevAuth,
  authorizationHeader: string | undefined,
): Promise<Authorization> {
  const token = /^Bearer +(\S+)$/i.exec(authorizationHeader ?? '')?.[1];
  if (!token) return { refused: 'missing' };
  try {
    return { claims: flattenClaims(await auth.verifyToken(token)) };
  } catch (error) {
    if (error instanceof InvalidTokenError) return { refused: error.reason };
    throw error;
  }
}

/**
 * HTTP API hands every JWT claim to the integration as a string, and an array claim as its items
 * joined by spaces inside brackets: `cognito:groups` arrives as `"[inspector comms]"`.
 */
export function flattenClaims(claims: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => {
      if (Array.isArray(value)) return [name, `[${value.join(' ')}]`];
      if (typeof value === 'object' && value !== null) return [name, JSON.stringify(value)];
      return [name, String(value)];
    }),
  );
}
