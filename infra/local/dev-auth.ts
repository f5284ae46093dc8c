/**
 * Local stand-in for Cognito and the API Gateway JWT authorizer (ARCHITECTURE.md 7): demo users and
 * HS256 tokens carrying the claims a Cognito id token carries, so handlers read the same claims in
 * both runtimes.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import * as z from 'zod';
import { DEMO_USERS, type DemoUser } from './demo-users.js';

export const DEV_ISSUER = 'herald-local';
export const DEV_AUDIENCE = 'herald';
const TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;
const KEY_FILE = 'dev-auth-key';
const KEY_BYTES = 32;

const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string(),
  'cognito:username': z.string(),
  'cognito:groups': z.array(z.string()),
  token_use: z.literal('id'),
  iss: z.string(),
  aud: z.string(),
  iat: z.number(),
  exp: z.number(),
});

/** The claims of a verified token, as signed (before API Gateway flattens them). */
export type DevClaims = z.infer<typeof claimsSchema>;

export class UnknownUserError extends Error {
  constructor(readonly userId: string) {
    super(`No demo user '${userId}'`);
    this.name = 'UnknownUserError';
  }
}

/** Why a staff route answered 401. */
export type TokenFault =
  | 'missing'
  | 'malformed'
  | 'expired'
  | 'bad-signature'
  | 'wrong-audience'
  | 'wrong-issuer'
  | 'invalid-claims';

const NEW_TOKEN = 'ask POST /dev/token for a new one';

/** What the caller is told; never the token or a claim value, which may be someone else's. */
const FAULT_MESSAGES: Record<TokenFault, string> = {
  missing: 'no staff token: send it as Authorization: Bearer <token> (POST /dev/token issues one)',
  malformed: `the bearer token is not a well-formed JWT: ${NEW_TOKEN}`,
  expired: `the token has expired; demo tokens last ${TOKEN_LIFETIME_SECONDS / 3600} hours: ${NEW_TOKEN}`,
  'bad-signature': `the token is not signed with this Herald's key (HS256): ${NEW_TOKEN}`,
  'wrong-audience': `the token was issued for another audience: ${NEW_TOKEN}`,
  'wrong-issuer': `the token was issued by another issuer: ${NEW_TOKEN}`,
  'invalid-claims': `the token does not carry the claims of a staff id token: ${NEW_TOKEN}`,
};

/** The body of a 401: what was wrong with the credentials, as a sentence and as a code. */
export function unauthorizedBody(reason: TokenFault): { message: string; reason: TokenFault } {
  return { message: `Unauthorized: ${FAULT_MESSAGES[reason]}`, reason };
}

export class InvalidTokenError extends Error {
  constructor(
    readonly reason: Exclude<TokenFault, 'missing'>,
    options?: { cause?: unknown },
  ) {
    super(FAULT_MESSAGES[reason], options);
    this.name = 'InvalidTokenError';
  }
}

export interface DevAuth {
  readonly users: readonly DemoUser[];
  /** @throws UnknownUserError */
  issueToken(userId: string): Promise<string>;
  /** @throws InvalidTokenError saying why: bad signature, issuer, audience, expiry, claims or shape. */
  verifyToken(token: string): Promise<DevClaims>;
}

export interface DevAuthOptions {
  /** Where the signing key is kept so tokens survive a restart; in memory only when absent. */
  dataDir?: string;
  /** @default DEMO_USERS */
  users?: readonly DemoUser[];
  /** @default () => new Date() */
  clock?: () => Date;
}

export async function createDevAuth(options: DevAuthOptions = {}): Promise<DevAuth> {
  const users = options.users ?? DEMO_USERS;
  const clock = options.clock ?? (() => new Date());
  const key = options.dataDir ? await loadOrCreateKey(options.dataDir) : randomBytes(KEY_BYTES);

  return {
    users,
    async issueToken(userId) {
      const user = users.find((u) => u.id === userId);
      if (!user) throw new UnknownUserError(userId);
      const issuedAt = Math.floor(clock().getTime() / 1000);
      return new SignJWT({
        name: user.name,
        'cognito:username': user.id,
        'cognito:groups': [...user.groups],
        token_use: 'id',
      })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(user.id)
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + TOKEN_LIFETIME_SECONDS)
        .sign(key);
    },
    async verifyToken(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: DEV_ISSUER,
          audience: DEV_AUDIENCE,
          currentDate: clock(),
        });
        return claimsSchema.parse(payload);
      } catch (error) {
        const fault = faultOf(error);
        if (fault) throw new InvalidTokenError(fault, { cause: error });
        throw error;
      }
    },
  };
}

/** jose verifies the signature before any claim, so a forged token never reads as 'expired'. */
function faultOf(error: unknown): InvalidTokenError['reason'] | undefined {
  if (error instanceof z.ZodError) return 'invalid-claims';
  if (error instanceof joseErrors.JWTExpired) return 'expired';
  // An unsigned (`alg: none`) or differently signed token has no signature we can trust.
  if (
    error instanceof joseErrors.JWSSignatureVerificationFailed ||
    error instanceof joseErrors.JOSEAlgNotAllowed
  )
    return 'bad-signature';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'wrong-audience';
    if (error.claim === 'iss') return 'wrong-issuer';
    return 'invalid-claims';
  }
  if (error instanceof joseErrors.JOSEError) return 'malformed';
  return undefined;
}

async function loadOrCreateKey(dataDir: string): Promise<Uint8Array> {
  const path = join(dataDir, KEY_FILE);
  await mkdir(dataDir, { recursive: true });
  try {
    // 'wx' fails if the file exists, so two processes starting at once cannot overwrite each other.
    const key = randomBytes(KEY_BYTES);
    await writeFile(path, key.toString('base64url'), { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64url');
  if (key.length < KEY_BYTES) throw new Error(`${path} holds no usable key; delete it to make a new one`);
  return key;
}
