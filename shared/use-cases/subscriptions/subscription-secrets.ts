import { randomBytes } from 'node:crypto';
import type { AddressVault } from '../../ports/subscriptions.js';

/**
 * The two secrets a subscriber holds, stored only as keyed hashes (the vault's key, so a table
 * export cannot be brute-forced offline): the SMS code of one sign-up and a management token.
 */

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
