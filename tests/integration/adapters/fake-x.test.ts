import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeX } from '../../../infra/local/fakes/fake-x.js';
import { percentEncode, sign, signatureBaseString } from '../../../infra/local/fakes/fake-x-oauth.js';
import { StaticSecretStore } from '../../../shared/adapters/secrets/static-secret-store.js';
import { xSecretName } from '../../../shared/adapters/x/x-accounts.js';
import { XPoster } from '../../../shared/adapters/x/x-poster.js';
import { ChannelError } from '../../../shared/domain/errors.js';

const accounts = [{ id: 'hq', handle: 'SampleHQ', name: 'Headquarters' }];
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'herald-fake-x-'));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the fake X OAuth check', () => {
  it('computes the signature of the worked example in X documentation', () => {
    const oauth = new Map([
      ['oauth_consumer_key', 'xvz1evFS4wEEPTGEFPHBog'],
      ['oauth_nonce', 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '1318622958'],
      ['oauth_token', '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb'],
      ['oauth_version', '1.0'],
    ]);
    const base = signatureBaseString(
      {
        method: 'post',
        baseUri: 'https://api.twitter.com/1.1/statuses/update.json',
        query: new URLSearchParams('include_entities=true'),
        form: new URLSearchParams({ status: 'Hello Ladies + Gentlemen, a signed OAuth request!' }),
      },
      oauth,
    );

    const signature = sign(
      base,
      'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
      'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
    );

    expect(signature).toBe('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
  });

  it('percent-encodes the characters encodeURIComponent leaves alone', () => {
    expect(percentEncode("a!*'()b ~")).toBe('a%21%2A%27%28%29b%20~');
  });
});

describe('the fake X', () => {
  it('answers an unsigned request 401 in the shape X uses', async () => {
    const fx = await startFakeX({ accounts });
    try {
      const response = await fetch(`${fx.url}/2/users/me`);

      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ title: 'Unauthorized', status: 401 });
    } finally {
      await fx.close();
    }
  });

  it('takes faults over HTTP and refuses bad ones', async () => {
    const fx = await startFakeX({ accounts });
    try {
      const set = await fetch(`${fx.url}/_fake/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ errorRate: 1, seed: 7 }),
      });
      const bad = await fetch(`${fx.url}/_fake/faults`, {
        method: 'POST',
        body: JSON.stringify({ errorRate: 2 }),
      });
      const secrets = new StaticSecretStore({ [xSecretName('hq')]: fx.credentials('hq') });
      const x = new XPoster({ secrets, baseUrl: fx.url });

      const error = await x.post({ accountId: 'hq', text: 'over http' }).catch((e: unknown) => e);

      expect(set.status).toBe(200);
      expect(bad.status).toBe(400);
      expect(fx.faults.current).toMatchObject({ errorRate: 1, seed: 7 });
      expect(error).toBeInstanceOf(ChannelError);
      expect((error as ChannelError).message).toMatch(/503/);
    } finally {
      await fx.close();
    }
  });

  it('replays the same fault sequence for the same seed', async () => {
    const fx = await startFakeX({ accounts });
    try {
      const draw = () => Array.from({ length: 20 }, () => fx.faults.chance(0.5));
      fx.faults.set({ seed: 42 });
      const first = draw();
      fx.faults.set({ seed: 42 });
      const second = draw();

      expect(second).toEqual(first);
      expect(new Set(first).size).toBe(2);
    } finally {
      await fx.close();
    }
  });

  it('keeps its credentials and posts across a restart, so duplicates are still caught', async () => {
    const dataDir = tempDir();
    const first = await startFakeX({ accounts, dataDir });
    const credentials = first.credentials('hq');
    const secrets = new StaticSecretStore({ [xSecretName('hq')]: credentials });
    await new XPoster({ secrets, baseUrl: first.url }).post({ accountId: 'hq', text: 'before the restart' });
    await first.close();

    const second = await startFakeX({ accounts, dataDir });
    try {
      const error = await new XPoster({ secrets, baseUrl: second.url })
        .post({ accountId: 'hq', text: 'before the restart' })
        .catch((e: unknown) => e);

      expect(second.credentials('hq')).toEqual(credentials);
      expect(second.inbox.posts().map((p) => p.text)).toEqual(['before the restart']);
      expect((error as Error).name).toBe('DuplicatePostError');
    } finally {
      await second.close();
    }
  });
});
