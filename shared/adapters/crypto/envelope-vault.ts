import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { AddressVault } from '../../ports/subscriptions.js';

/** Where the keys live: KMS on AWS, a local key file locally. Plain keys never leave this process. */
export interface Keyring {
  /** A fresh 256-bit data key, in clear and wrapped by the master key. */
  newDataKey(): Promise<{ plaintext: Buffer; wrapped: Buffer }>;
  unwrap(wrapped: Buffer): Promise<Buffer>;
  /** HMAC-SHA-256 of `message` under the keyed-hash key. */
  mac(message: Buffer): Promise<Buffer>;
}

const FORMAT = 'v1';
/** One data key seals many addresses for a while, so a burst of sign-ups is not a burst of KMS calls. */
const DATA_KEY_LIFETIME_MS = 5 * 60_000;
const CACHE_LIMIT = 1_000;

/**
 * Envelope encryption of subscriber addresses (AES-256-GCM under a data key wrapped by the master
 * key) and keyed hashes for lookups. A sealed value is `v1.<wrapped key>.<iv>.<tag>.<ciphertext>`
 * in base64url, so it can be opened by any instance holding the same keyring.
 */
export class EnvelopeVault implements AddressVault {
  private dataKey: Promise<{ plaintext: Buffer; wrapped: Buffer }> | undefined;
  private dataKeyUntil = 0;
  private readonly unwrapped = new Map<string, Buffer>();
  private readonly hashes = new Map<string, Promise<string>>();

  constructor(
    private readonly keyring: Keyring,
    private readonly now: () => number = Date.now,
  ) {}

  hash(value: string): Promise<string> {
    const cached = this.hashes.get(value);
    if (cached) return cached;
    const mac = this.keyring.mac(Buffer.from(value, 'utf8')).then((m) => m.toString('base64url'));
    remember(this.hashes, value, mac);
    mac.catch(() => this.hashes.delete(value));
    return mac;
  }

  async seal(address: string): Promise<string> {
    const key = await this.currentDataKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key.plaintext, iv);
    const ciphertext = Buffer.concat([cipher.update(address, 'utf8'), cipher.final()]);
    return [FORMAT, key.wrapped, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  async open(sealed: string): Promise<string> {
    const [format, wrapped, iv, tag, ciphertext] = sealed.split('.');
    if (format !== FORMAT || !wrapped || !iv || !tag || ciphertext === undefined)
      throw new Error('not a sealed address');
    let key = this.unwrapped.get(wrapped);
    if (!key) {
      key = await this.keyring.unwrap(Buffer.from(wrapped, 'base64url'));
      remember(this.unwrapped, wrapped, key);
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** Synchronous check-and-set, so concurrent seals share the one key being fetched. */
  private currentDataKey(): Promise<{ plaintext: Buffer; wrapped: Buffer }> {
    if (!this.dataKey || this.dataKeyUntil < this.now()) {
      this.dataKeyUntil = this.now() + DATA_KEY_LIFETIME_MS;
      const fetching = this.keyring.newDataKey();
      this.dataKey = fetching;
      fetching.catch(() => {
        if (this.dataKey === fetching) this.dataKey = undefined;
      });
    }
    return this.dataKey;
  }
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
}
