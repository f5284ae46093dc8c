import { hkdfSync, randomBytes } from 'node:crypto';
import type { SubscriptionChannel } from '../../domain/subscription.js';
import type { AddressVault } from '../../ports/subscriptions.js';

/**
 * Keyed hashes (the vault's key, so a table export cannot be brute-forced offline) of what a
 * subscriber is found by: the address, the SMS code of one sign-up and a management token.
 */

/**
 * What an address is looked up by. Sign-up writes it and the opt-out sync finds numbers by it, so
 * the two must never build it differently.
 */
export function hashAddress(
  vault: AddressVault,
  channel: SubscriptionChannel,
  address: string,
): Promise<string> {
  return vault.hash(`${channel}:${address}`);
}

export function codeHash(vault: AddressVault, subscriptionId: string, code: string): Promise<string> {
  return vault.hash(`code:${subscriptionId}:${code}`);
}

export function manageTokenHash(vault: AddressVault, token: string): Promise<string> {
  return vault.hash(`token:${token}`);
}

/** A fresh management token (256 random bits) and the hash it is stored under. */
export async function newManageToken(vault: AddressVault): Promise<{ token: string; hash: string }> {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: await manageTokenHash(vault, token) };
}

/** The label of the public forms' key; a new label is a new key (every open form then asks for a reload). */
const FORM_KEY_LABEL = 'form-key:v1';
const formKeys = new WeakMap<AddressVault, Promise<Buffer>>();

/**
 * The key that signs the public forms' anti-forgery tokens (docs/architecture.md D26), derived
 * from the subscriber HMAC key: the vault's keyed hash of a fixed label (one KMS GenerateMac per
 * process on AWS), expanded with HKDF under a label of its own. So the forms need no new secret,
 * none sits in code or in an environment value, and only a function allowed to use the subscriber
 * keys can sign a token. The label cannot collide with what the vault otherwise hashes: every
 * other input starts with `sms:`, `email:`, `code:`, `token:` or `ip:`.
 */
export function formKey(vault: AddressVault): Promise<Buffer> {
  let key = formKeys.get(vault);
  if (!key) {
    key = vault
      .hash(FORM_KEY_LABEL)
      .then((seed) =>
        Buffer.from(
          hkdfSync('sha256', Buffer.from(seed, 'base64url'), Buffer.alloc(0), 'herald/forms/csrf/v1', 32),
        ),
      );
    formKeys.set(vault, key);
    key.catch(() => formKeys.delete(vault));
  }
  return key;
}
