import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { allCustomMatcher, type BaseMatcher } from 'aws-sdk-client-mock-vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretsManagerStore } from '../../../shared/adapters/secrets/secrets-manager-store.js';
import { NotFoundError } from '../../../shared/domain/errors.js';

expect.extend(allCustomMatcher);

declare module 'vitest' {
  interface Matchers<T = any> extends BaseMatcher<T> {}
}

const NAME = 'herald/x/div-14';
const TTL_MS = 60_000;

const secrets = mockClient(SecretsManagerClient);
afterEach(() => {
  secrets.reset();
});

/** A store whose clock the test moves by hand. */
function storeAt(start = 1_000_000) {
  let time = start;
  const store = new SecretsManagerStore(
    new SecretsManagerClient({ region: 'us-east-1' }),
    TTL_MS,
    () => time,
  );
  return { store, advance: (ms: number) => (time += ms) };
}

describe('SecretsManagerStore', () => {
  it('returns the parsed JSON of the secret with that name', async () => {
    secrets.on(GetSecretValueCommand, { SecretId: NAME }).resolves({
      SecretString: JSON.stringify({ accessToken: 'token-1', accessSecret: 'secret-1' }),
    });
    const { store } = storeAt();

    const value = await store.getJson(NAME);

    expect(value).toEqual({ accessToken: 'token-1', accessSecret: 'secret-1' });
    expect(secrets).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: NAME });
  });

  it('reads the secret once for two reads within the TTL', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: '{"v":1}' });
    const { store, advance } = storeAt();

    const first = await store.getJson(NAME);
    advance(TTL_MS - 1);
    const second = await store.getJson(NAME);

    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    expect(second).toEqual(first);
  });

  it('reads the secret again once the TTL has passed, and returns the rotated value', async () => {
    secrets
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: '{"v":1}' })
      .resolves({ SecretString: '{"v":2}' });
    const { store, advance } = storeAt();

    await store.getJson(NAME);
    advance(TTL_MS + 1);
    const after = await store.getJson(NAME);

    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
    expect(after).toEqual({ v: 2 });
  });

  it('caches each secret name on its own', async () => {
    secrets.on(GetSecretValueCommand, { SecretId: 'a' }).resolves({ SecretString: '"A"' });
    secrets.on(GetSecretValueCommand, { SecretId: 'b' }).resolves({ SecretString: '"B"' });
    const { store } = storeAt();

    const values = [await store.getJson('a'), await store.getJson('b'), await store.getJson('a')];

    expect(values).toEqual(['A', 'B', 'A']);
    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
  });

  it('turns a missing secret into the domain NotFoundError', async () => {
    secrets
      .on(GetSecretValueCommand)
      .rejects(new ResourceNotFoundException({ message: 'not found', $metadata: { httpStatusCode: 400 } }));
    const { store } = storeAt();

    const read = store.getJson(NAME);

    await expect(read).rejects.toBeInstanceOf(NotFoundError);
    await expect(read).rejects.toThrow(`no secret named ${NAME}`);
  });

  it('passes other SDK errors through unchanged', async () => {
    const throttled = new Error('Rate exceeded');
    throttled.name = 'ThrottlingException';
    secrets.on(GetSecretValueCommand).rejects(throttled);
    const { store } = storeAt();

    const read = store.getJson(NAME);

    await expect(read).rejects.toBe(throttled);
  });

  it('throws when the secret has no string value', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1, 2, 3]) });
    const { store } = storeAt();

    await expect(store.getJson(NAME)).rejects.toThrow(`secret ${NAME} has no string value`);
  });

  it('does not cache a failed read', async () => {
    secrets.on(GetSecretValueCommand).resolvesOnce({}).resolves({ SecretString: '{"v":1}' });
    const { store } = storeAt();

    await expect(store.getJson(NAME)).rejects.toThrow(/no string value/);
    const retried = await store.getJson(NAME);

    expect(retried).toEqual({ v: 1 });
    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
  });
});
