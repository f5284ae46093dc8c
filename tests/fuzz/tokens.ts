import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SignJWT, UnsecuredJWT } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER, type TokenFault } from '../../infra/local/dev-auth.js';

/**
 * Tokens that are wrong in exactly one way, forged with the local Herald's own signing key (kept
 * in its data directory by infra/local/dev-auth.ts), so each is refused for its one fault and not
 * simply for a foreign signature.
 */
export interface FaultyToken {
  fault: string;
  /** The reason the 401 must give. */
  reason: TokenFault;
  /** The Authorization header, or none. */
  header?: string;
}

export async function faultyTokens(dataDir: string, validToken: string): Promise<FaultyToken[]> {
  const key = Buffer.from((await readFile(join(dataDir, 'dev-auth-key'), 'utf8')).trim(), 'base64url');
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    name: 'Inspector Ben Hartley',
    'cognito:username': 'inspector.ben',
    'cognito:groups': ['inspector'],
    token_use: 'id',
  };
  const signed = (change: { iss?: string; aud?: string; iat?: number; exp?: number }) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('inspector.ben')
      .setIssuer(change.iss ?? DEV_ISSUER)
      .setAudience(change.aud ?? DEV_AUDIENCE)
      .setIssuedAt(change.iat ?? now)
      .setExpirationTime(change.exp ?? now + 3600)
      .sign(key);
  const [header, payload, signature = ''] = validToken.split('.');
  // A character from the middle of the signature: the last one may only carry padding bits.
  const at = Math.floor(signature.length / 2);
  const flipped = `${signature.slice(0, at)}${signature[at] === 'A' ? 'B' : 'A'}${signature.slice(at + 1)}`;
  const unsigned = new UnsecuredJWT(claims)
    .setSubject('inspector.ben')
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setExpirationTime(now + 3600)
    .encode();
  const bearer = (token: string) => `Bearer ${token}`;
  return [
    { fault: 'no token', reason: 'missing' },
    {
      fault: 'an expired token',
      reason: 'expired',
      header: bearer(await signed({ iat: now - 13 * 3600, exp: now - 3600 })),
    },
    {
      fault: 'a token with a tampered signature',
      reason: 'bad-signature',
      header: bearer(`${header}.${payload}.${flipped}`),
    },
    {
      fault: 'a token for another audience',
      reason: 'wrong-audience',
      header: bearer(await signed({ aud: 'another-api' })),
    },
    {
      fault: 'a token from another issuer',
      reason: 'wrong-issuer',
      header: bearer(await signed({ iss: 'https://issuer.example.org' })),
    },
    { fault: 'an unsigned token (alg: none)', reason: 'bad-signature', header: bearer(unsigned) },
    { fault: 'a token that is not a JWT', reason: 'malformed', header: bearer('not.a.jwt') },
  ];
}
