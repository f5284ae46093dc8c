import { ConflictError, NotFoundError } from '../../domain/errors.js';
import {
  type AreaChoice,
  type OwnerView,
  ownerView,
  type Subscription,
  topicsFor,
} from '../../domain/subscription.js';
import { changeSubscription } from './change-subscription.js';
import type { SubscriptionPorts } from './subscription-ports.js';
import { manageTokenHash } from './subscription-secrets.js';

/** The owner's view, by management token. Unknown, replaced and removed tokens all look the same. */
export async function viewSubscription(ports: SubscriptionPorts, token: string): Promise<OwnerView> {
  return ownerView(await byToken(ports, token));
}

/** Changes areas or language; only the difference is subscribed or unsubscribed. */
export async function changeChoice(
  ports: SubscriptionPorts,
  token: string,
  change: { areas?: AreaChoice; language?: string },
): Promise<OwnerView> {
  const current = await byToken(ports, token);
  if (current.status !== 'ACTIVE')
    throw new ConflictError(`the subscription is ${current.status.toLowerCase()}`);
  const areas = change.areas ?? current.areas;
  const language = change.language ?? current.language;
  const topics = topicsFor(ports.registry, { areas, language, test: current.test });
  const changed = await changeSubscription(ports, current, { ...current, areas, language, topics });
  ports.log.info('subscription changed', { subscriptionId: current.id, topics: topics.length });
  return ownerView(changed);
}

/** Ends the subscription: every topic is released and the token stops working. */
export async function removeSubscription(ports: SubscriptionPorts, token: string): Promise<OwnerView> {
  const current = await byToken(ports, token);
  const removed = await changeSubscription(ports, current, { ...current, status: 'REMOVED' });
  if (current.manageTokenHash) await ports.subscriptions.deleteManageToken(current.manageTokenHash);
  ports.log.info('subscription removed', { subscriptionId: current.id });
  return ownerView(removed);
}

async function byToken(ports: SubscriptionPorts, token: string): Promise<Subscription> {
  const id = await ports.subscriptions.findByManageToken(await manageTokenHash(ports.vault, token));
  const subscription = id ? await ports.subscriptions.get(id) : undefined;
  if (!subscription || subscription.status === 'REMOVED' || subscription.status === 'REPLACED')
    throw new NotFoundError('no subscription has this management token');
  return subscription;
}
