import { randomBytes } from 'node:crypto';
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
