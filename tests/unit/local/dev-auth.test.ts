import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDevAuth, InvalidTokenError, UnknownUserError } from '../../../infra/local/dev-auth.js';

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
});
