import { randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { allCustomMatcher, type BaseMatcher } from 'aws-sdk-client-mock-vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvelopeVault, type Keyring } from '../../../shared/adapters/crypto/envelope-vault.js';
import { KmsKeyring } from '../../../shared/adapters/crypto/kms-keyring.js';
import { LocalKeyring, type LocalKeys, newLocalKeys } from '../../../shared/adapters/crypto/local-keyring.js';

expect.extend(allCustomMatcher);

declare module 'vitest' {
  interface Matchers<T = any> extends BaseMatcher<T> {}
}

const PHONE = '+14165550167';
const DATA_KEY_LIFETIME_MS = 5 * 60_000;

/** A LocalKeyring that counts what the vault asks of it. */
class CountingKeyring implements Keyring {
  newDataKeys = 0;
  unwraps = 0;
  macs = 0;
  private readonly inner: LocalKeyring;
  constructor(keys: LocalKeys = newLocalKeys()) {
    this.inner = new LocalKeyring(keys);
  }
  newDataKey() {
    this.newDataKeys += 1;
    return this.inner.newDataKey();
  }
  unwrap(wrapped: Buffer) {
    this.unwraps += 1;
    return this.inner.unwrap(wrapped);
  }
  mac(message: Buffer) {
    this.macs += 1;
    return this.inner.mac(message);
  }
}

/** A vault whose clock the test moves by hand. */
function vaultAt(keyring: Keyring, start = 1_000_000) {
  let time = start;
  const vault = new EnvelopeVault(keyring, () => time);
  return { vault, advance: (ms: number) => (time += ms) };
}

/** Replaces one character of a base64url part of a sealed value with another valid one. */
function tamper(sealed: string, part: number): string {
  const parts = sealed.split('.');
  const original = parts[part]!;
  const last = original.at(-2)!;
  parts[part] = `${original.slice(0, -2)}${last === 'A' ? 'B' : 'A'}${original.slice(-1)}`;
  return parts.join('.');
}

describe('EnvelopeVault', () => {
  it('opens what it sealed', async () => {
    const vault = new EnvelopeVault(new LocalKeyring(newLocalKeys()));

    const sealed = await vault.seal(PHONE);

    expect(await vault.open(sealed)).toBe(PHONE);
  });

  it('round-trips an e-mail address with non-ASCII characters', async () => {
    const vault = new EnvelopeVault(new LocalKeyring(newLocalKeys()));
    const address = 'zoë.lévesque@example.org';

    expect(await vault.open(await vault.seal(address))).toBe(address);
  });

  it('seals in the v1 format and never shows the address', async () => {
    const vault = new EnvelopeVault(new LocalKeyring(newLocalKeys()));

    const sealed = await vault.seal(PHONE);

    expect(sealed).toMatch(/^v1(\.[A-Za-z0-9_-]+){4}$/);
    expect(sealed).not.toContain('5550167');
    expect(Buffer.from(sealed.split('.')[4]!, 'base64url').toString('utf8')).not.toContain('5550167');
  });

  it('seals the same address differently each time', async () => {
    const vault = new EnvelopeVault(new LocalKeyring(newLocalKeys()));

    const first = await vault.seal(PHONE);
    const second = await vault.seal(PHONE);

    expect(first).not.toBe(second);
    expect(await vault.open(first)).toBe(PHONE);
    expect(await vault.open(second)).toBe(PHONE);
  });

  it('is opened by another instance holding the same keys, and by no instance holding other keys', async () => {
    const keys = newLocalKeys();
    const sealed = await new EnvelopeVault(new LocalKeyring(keys)).seal(PHONE);

    expect(await new EnvelopeVault(new LocalKeyring(keys)).open(sealed)).toBe(PHONE);
    await expect(new EnvelopeVault(new LocalKeyring(newLocalKeys())).open(sealed)).rejects.toThrow();
  });

  it.each([
    { part: 'the ciphertext', index: 4 },
    { part: 'the authentication tag', index: 3 },
    { part: 'the IV', index: 2 },
    { part: 'the wrapped data key', index: 1 },
  ])('refuses to open a sealed value whose $part was changed', async ({ index }) => {
    const vault = new EnvelopeVault(new LocalKeyring(newLocalKeys()));
    const sealed = await vault.seal(PHONE);

    const tampered = tamper(sealed, index);

    expect(tampered).not.toBe(sealed);
    await expect(vault.open(tampered)).rejects.toThrow();
  });

  it.each(['v2.a.b.c.d', 'v1.a.b.c', 'not sealed at all', ''])(
    'refuses %j as not a sealed address',
    async (value) => {
      const vault = new EnvelopeVault(new LocalKeyring(newLocalKeys()));

      await expect(vault.open(value)).rejects.toThrow('not a sealed address');
    },
  );

  it('hashes one value the same way every time and in every instance with the same key', async () => {
    const keys = newLocalKeys();
    const one = new EnvelopeVault(new LocalKeyring(keys));
    const other = new EnvelopeVault(new LocalKeyring(keys));

    const hash = await one.hash(`sms:${PHONE}`);

    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await one.hash(`sms:${PHONE}`)).toBe(hash);
    expect(await other.hash(`sms:${PHONE}`)).toBe(hash);
    expect(await one.hash('sms:+14165550168')).not.toBe(hash);
  });

  it('hashes one value differently under another key', async () => {
    const first = new EnvelopeVault(new LocalKeyring(newLocalKeys()));
    const second = new EnvelopeVault(new LocalKeyring(newLocalKeys()));

    expect(await first.hash(`sms:${PHONE}`)).not.toBe(await second.hash(`sms:${PHONE}`));
  });

  it('asks the keyring for a MAC once per value it hashes', async () => {
    const keyring = new CountingKeyring();
    const { vault } = vaultAt(keyring);

    await vault.hash('a');
    await vault.hash('a');
    await vault.hash('b');

    expect(keyring.macs).toBe(2);
  });

  it('reuses its data key for every seal within the key’s lifetime', async () => {
    const keyring = new CountingKeyring();
    const { vault, advance } = vaultAt(keyring);

    const first = await vault.seal(PHONE);
    advance(DATA_KEY_LIFETIME_MS);
    const last = await vault.seal(PHONE);

    expect(keyring.newDataKeys).toBe(1);
    expect(last.split('.')[1]).toBe(first.split('.')[1]);
  });

  it('takes a new data key once the lifetime is over, and still opens what the old key sealed', async () => {
    const keyring = new CountingKeyring();
    const { vault, advance } = vaultAt(keyring);

    const old = await vault.seal(PHONE);
    advance(DATA_KEY_LIFETIME_MS + 1);
    const renewed = await vault.seal(PHONE);
    advance(DATA_KEY_LIFETIME_MS);
    await vault.seal(PHONE);

    expect(keyring.newDataKeys).toBe(2);
    expect(renewed.split('.')[1]).not.toBe(old.split('.')[1]);
    expect(await vault.open(old)).toBe(PHONE);
    expect(await vault.open(renewed)).toBe(PHONE);
  });

  it('unwraps each data key once however many addresses it sealed', async () => {
    const keys = newLocalKeys();
    const sealer = new EnvelopeVault(new LocalKeyring(keys));
    const sealed: string[] = [];
    for (const address of ['+14165550101', '+14165550102', '+14165550103'])
      sealed.push(await sealer.seal(address));
    const keyring = new CountingKeyring(keys);
    const opener = new EnvelopeVault(keyring);

    for (const value of sealed) await opener.open(value);

    expect(keyring.unwraps).toBe(1);
  });
});

describe('KmsKeyring', () => {
  const kms = mockClient(KMSClient);
  afterEach(() => {
    kms.reset();
  });

  const keys = { dataKeyId: 'alias/herald-subscriber-data', macKeyId: 'alias/herald-subscriber-mac' };
  const keyring = () => new KmsKeyring(new KMSClient({ region: 'us-east-1' }), keys);

  it('asks for an AES-256 data key under the data key id', async () => {
    const plaintext = randomBytes(32);
    const wrapped = randomBytes(184);
    kms.on(GenerateDataKeyCommand).resolves({ Plaintext: plaintext, CiphertextBlob: wrapped });

    const dataKey = await keyring().newDataKey();

    expect(kms).toHaveReceivedCommandTimes(GenerateDataKeyCommand, 1);
    expect(kms).toHaveReceivedCommandWith(GenerateDataKeyCommand, {
      KeyId: keys.dataKeyId,
      KeySpec: 'AES_256',
    });
    expect(dataKey.plaintext.equals(plaintext)).toBe(true);
    expect(dataKey.wrapped.equals(wrapped)).toBe(true);
  });

  it('unwraps with Decrypt naming the data key id', async () => {
    const plaintext = randomBytes(32);
    const wrapped = randomBytes(184);
    kms.on(DecryptCommand).resolves({ Plaintext: plaintext });

    const unwrapped = await keyring().unwrap(wrapped);

    expect(kms).toHaveReceivedCommandWith(DecryptCommand, { KeyId: keys.dataKeyId });
    const sent = kms.commandCalls(DecryptCommand)[0]!.args[0].input;
    expect(Buffer.from(sent.CiphertextBlob!).equals(wrapped)).toBe(true);
    expect(unwrapped.equals(plaintext)).toBe(true);
  });

  it('makes keyed hashes with GenerateMac HMAC_SHA_256 under the MAC key id', async () => {
    const mac = randomBytes(32);
    kms.on(GenerateMacCommand).resolves({ Mac: mac });

    const result = await keyring().mac(Buffer.from(`sms:${PHONE}`));

    expect(kms).toHaveReceivedCommandWith(GenerateMacCommand, {
      KeyId: keys.macKeyId,
      MacAlgorithm: 'HMAC_SHA_256',
    });
    const sent = kms.commandCalls(GenerateMacCommand)[0]!.args[0].input;
    expect(Buffer.from(sent.Message!).toString('utf8')).toBe(`sms:${PHONE}`);
    expect(result.equals(mac)).toBe(true);
  });

  it('seals and opens through KMS, calling GenerateDataKey once for many seals', async () => {
    const plaintext = randomBytes(32);
    const wrapped = randomBytes(184);
    kms.on(GenerateDataKeyCommand).resolves({ Plaintext: plaintext, CiphertextBlob: wrapped });
    kms.on(DecryptCommand).resolves({ Plaintext: plaintext });
    const sealer = new EnvelopeVault(keyring());

    const sealed = [await sealer.seal(PHONE), await sealer.seal('jo@example.org')];
    const opener = new EnvelopeVault(keyring());

    expect(await opener.open(sealed[0]!)).toBe(PHONE);
    expect(await opener.open(sealed[1]!)).toBe('jo@example.org');
    expect(kms).toHaveReceivedCommandTimes(GenerateDataKeyCommand, 1);
    expect(kms).toHaveReceivedCommandTimes(DecryptCommand, 1);
  });

  it.each([
    { what: 'a data key', command: GenerateDataKeyCommand, act: (k: KmsKeyring) => k.newDataKey() },
    { what: 'a plaintext', command: DecryptCommand, act: (k: KmsKeyring) => k.unwrap(randomBytes(8)) },
    { what: 'a MAC', command: GenerateMacCommand, act: (k: KmsKeyring) => k.mac(Buffer.from('x')) },
  ])('fails when KMS answers without $what', async ({ command, act }) => {
    kms.on(command as typeof DecryptCommand).resolves({});

    await expect(act(keyring())).rejects.toThrow(/KMS returned no/);
  });
});
