import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactSign, SignJWT, UnsecuredJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDevAuth,
  DEV_AUDIENCE,
  DEV_ISSUER,
  type DevAuth,
  InvalidTokenError,
  type TokenFault,
  UnknownUserError,
  unauthorizedBody,
} from '../../../infra/local/dev-auth.js';

describe('local dev auth', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'herald-dev-auth-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('issues a token whose claims match a Cognito id token for the demo user', async () => {
    const auth = await createDevAuth();

    const claims = await auth.verifyToken(await auth.issueToken('inspector.ada'));

    expect(claims).toMatchObject({
      sub: 'inspector.ada',
      'cognito:groups': ['inspector'],
      iss: 'herald-local',
      aud: 'herald',
      token_use: 'id',
    });
    expect(claims.name).toMatch(/Ada/);
    expect(claims.exp - claims.iat).toBe(12 * 60 * 60);
  });

  it('refuses to issue a token for an unknown user', async () => {
    const auth = await createDevAuth();

    await expect(auth.issueToken('nobody')).rejects.toBeInstanceOf(UnknownUserError);
  });

  it('rejects a token once its twelve hours are up', async () => {
    let now = new Date('2026-01-01T08:00:00Z');
    const auth = await createDevAuth({ clock: () => now });
    const token = await auth.issueToken('comms.chloe');

    now = new Date('2026-01-01T20:00:01Z');

    await expect(auth.verifyToken(token)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(auth.verifyToken(token)).rejects.toMatchObject({
      reason: 'expired',
      message: expect.stringMatching(/expired; demo tokens last 12 hours/),
    });
  });

  it('rejects garbage and tokens signed with another key', async () => {
    const auth = await createDevAuth();
    const other = await createDevAuth();
    const foreign = await other.issueToken('admin.dev');

    await expect(auth.verifyToken('not-a-jwt')).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(auth.verifyToken(foreign)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('keeps the signing key in the data dir, readable by the owner only, across instances', async () => {
    const first = await createDevAuth({ dataDir });
    const token = await first.issueToken('inspector.ben');

    const second = await createDevAuth({ dataDir });

    await expect(second.verifyToken(token)).resolves.toMatchObject({ sub: 'inspector.ben' });
    expect((await stat(join(dataDir, 'dev-auth-key'))).mode & 0o777).toBe(0o600);
  });

  describe('says why a token is refused, without repeating the token or its claims', () => {
    const stranger = 'Mallory Claimvalue';
    let auth: DevAuth;
    let key: Uint8Array;

    beforeEach(async () => {
      auth = await createDevAuth({ dataDir });
      key = Buffer.from((await readFile(join(dataDir, 'dev-auth-key'), 'utf8')).trim(), 'base64url');
    });

    /** A token as the dev auth makes it, with one thing changed. */
    const forged = (change: { issuer?: string; audience?: string; claims?: Record<string, unknown> } = {}) =>
      new SignJWT({
        name: stranger,
        'cognito:username': 'inspector.ada',
        'cognito:groups': ['inspector'],
        token_use: 'id',
        ...change.claims,
      })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject('inspector.ada')
        .setIssuer(change.issuer ?? DEV_ISSUER)
        .setAudience(change.audience ?? DEV_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(key);

    /** The same token with its payload swapped for one granting every role, signature kept. */
    const tampered = async () => {
      const [header, , signature] = (await forged()).split('.');
      const payload = Buffer.from(
        JSON.stringify({ sub: 'inspector.ada', name: stranger, 'cognito:groups': ['admin'] }),
      ).toString('base64url');
      return `${header}.${payload}.${signature}`;
    };

    const cases: [string, TokenFault, () => Promise<string>][] = [
      [
        'made with our key for another audience',
        'wrong-audience',
        () => forged({ audience: 'someone-else' }),
      ],
      ['made with our key by another issuer', 'wrong-issuer', () => forged({ issuer: 'evil-issuer' })],
      ['whose payload was changed after signing', 'bad-signature', tampered],
      [
        'signed with another key',
        'bad-signature',
        async () => (await createDevAuth()).issueToken('admin.dev'),
      ],
      [
        'that is unsigned (alg: none)',
        'bad-signature',
        async () =>
          new UnsecuredJWT({ 'cognito:groups': ['admin'], name: stranger })
            .setSubject('admin.dev')
            .setIssuer(DEV_ISSUER)
            .setAudience(DEV_AUDIENCE)
            .setExpirationTime('1h')
            .encode(),
      ],
      ['that is not a JWT at all', 'malformed', async () => 'not-a-jwt'],
      [
        'signed with our key over a payload that is not JSON',
        'malformed',
        () => new CompactSign(Buffer.from('not json')).setProtectedHeader({ alg: 'HS256' }).sign(key),
      ],
      [
        'signed with our key but without the staff claims',
        'invalid-claims',
        () => forged({ claims: { token_use: 'access', 'cognito:groups': 'inspector' } }),
      ],
    ];

    it.each(cases)('a token %s is refused as %s', async (_what, reason, make) => {
      const token = await make();

      const refusal = await auth.verifyToken(token).catch((error: unknown) => error);

      expect(refusal).toBeInstanceOf(InvalidTokenError);
      expect(refusal).toMatchObject({ reason });
      const { message } = refusal as InvalidTokenError;
      expect(message).not.toContain(token);
      for (const value of [stranger, 'someone-else', 'evil-issuer', 'access'])
        expect(message).not.toContain(value);
      expect(message).toMatch(/POST \/dev\/token/);
    });

    it('accepts the token the forger makes unchanged, so each refusal above is down to its one change', async () => {
      await expect(auth.verifyToken(await forged())).resolves.toMatchObject({ sub: 'inspector.ada' });
    });

    it('gives a 401 body with the reason as a code and as a sentence', () => {
      expect(unauthorizedBody('missing')).toEqual({
        reason: 'missing',
        message: expect.stringMatching(/^Unauthorized: no staff token: send it as Authorization: Bearer/),
      });
      expect(unauthorizedBody('expired').message).toMatch(/demo tokens last 12 hours/);
    });
  });
});
