import { timingSafeEqual } from 'node:crypto';
import {
  ConflictError,
  GoneError,
  NotFoundError,
  RateLimitedError,
  ValidationError,
} from '../../domain/errors.js';
import { type OwnerView, ownerView, type Subscription } from '../../domain/subscription.js';
import { changeSubscription } from './change-subscription.js';
import type { SubscriptionPorts } from './subscription-ports.js';
import { codeHash, newManageToken } from './subscription-secrets.js';

/**
 * The SMS code proves the number. On success the subscription becomes ACTIVE, gets its management
 * token, and takes the place of that number's earlier SMS subscriptions (signing up again is how
 * someone who lost the token changes their choice).
 */
export async function confirmCode(
  ports: SubscriptionPorts,
  id: string,
  code: string,
): Promise<{ subscription: OwnerView; manageToken: string }> {
  const { registry, vault } = ports;
  const found = await ports.subscriptions.get(id);
  if (found?.channel !== 'sms') throw new NotFoundError('no sign-up awaits a code with this id');
  if (found.status !== 'PENDING_CODE' || !found.code)
    throw new ConflictError('this sign-up is no longer waiting for a code');
  const now = ports.clock.now().getTime();
  if (now > found.code.expiresAt) throw new GoneError('the code has expired; sign up again for a new one');

  const counted = await ports.subscriptions.countCodeAttempt(id, registry.subscriptions.codeAttempts);
  if (!counted?.code)
    throw new RateLimitedError(
      'too many wrong codes; sign up again for a new one',
      Math.max(1, Math.ceil((found.code.expiresAt - now) / 1000)),
    );
  const given = Buffer.from(await codeHash(vault, id, code));
  const expected = Buffer.from(counted.code.hash);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    const left = registry.subscriptions.codeAttempts - counted.code.attempts;
    throw new ValidationError(`the code is not right; ${left} attempt(s) left`, [
      { path: ['code'], message: 'the code is not right' },
    ]);
  }

  const manageToken = await newManageToken(vault);
  await ports.subscriptions.saveManageToken(manageToken.hash, id);
  const active = await changeSubscription(ports, counted, {
    ...counted,
    status: 'ACTIVE',
    manageTokenHash: manageToken.hash,
  });

  for (const earlier of await ports.subscriptions.listByAddress(active.addressHash)) {
    if (earlier.id === id || earlier.channel !== 'sms') continue;
    if (earlier.status !== 'ACTIVE' && earlier.status !== 'PENDING_CODE') continue;
    await replace(ports, earlier);
  }
  ports.log.info('sign-up confirmed', { subscriptionId: id, channel: 'sms', topics: active.topics.length });
  return { subscription: ownerView(active), manageToken: manageToken.token };
}

async function replace(ports: SubscriptionPorts, earlier: Subscription): Promise<void> {
  try {
    await changeSubscription(ports, earlier, { ...earlier, status: 'REPLACED' });
    if (earlier.manageTokenHash) await ports.subscriptions.deleteManageToken(earlier.manageTokenHash);
  } catch (error) {
    // Changed meanwhile (its owner edited it): it stays as it is, and both hold their topics.
    if (!(error instanceof ConflictError)) throw error;
  }
}
