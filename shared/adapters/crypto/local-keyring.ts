import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as z from 'zod';
import { lazySchema } from '../../domain/lazy-schema.js';
import type { Keyring } from './envelope-vault.js';

/** The two local keys, base64: one wraps data keys, one makes keyed hashes. */
export const LocalKeys = lazySchema(() =>
  z.strictObject({
    wrappingKey: z.base64().refine((k) => Buffer.from(k, 'base64').length === 32, '32 bytes'),
    macKey: z.base64().refine((k) => Buffer.from(k, 'base64').length === 32, '32 bytes'),
  }),
);
export type LocalKeys = z.infer<typeof LocalKeys>;

export function newLocalKeys(): LocalKeys {
  return { wrappingKey: randomBytes(32).toString('base64'), macKey: randomBytes(32).toString('base64') };
}

/** The local key file: created on first use (owner-only), so local data survives restarts. */
export function loadOrCreateLocalKeys(file: string): LocalKeys {
  if (existsSync(file)) return LocalKeys.parse(JSON.parse(readFileSync(file, 'utf8')));
  const keys = newLocalKeys();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  chmodSync(file, 0o600);
  return keys;
}

/** What KMS does on AWS, with keys from the local key file. */
export class LocalKeyring implements Keyring {
  private readonly wrappingKey: Buffer;
  private readonly macKey: Buffer;

  constructor(keys: LocalKeys) {
    this.wrappingKey = Buffer.from(keys.wrappingKey, 'base64');
    this.macKey = Buffer.from(keys.macKey, 'base64');
  }

  async newDataKey() {
    const plaintext = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.wrappingKey, iv);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { plaintext, wrapped: Buffer.concat([iv, cipher.getAuthTag(), body]) };
  }

  async unwrap(wrapped: Buffer) {
    const decipher = createDecipheriv('aes-256-gcm', this.wrappingKey, wrapped.subarray(0, 12));
    decipher.setAuthTag(wrapped.subarray(12, 28));
    return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
  }

  async mac(message: Buffer) {
    return createHmac('sha256', this.macKey).update(message).digest();
  }
}
