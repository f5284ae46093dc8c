import type { Registry } from '../../domain/registry.js';
import type { Logger } from '../../ports/logger.js';
import type { JobQueue } from '../../ports/repositories.js';
import type {
  AddressVault,
  RateLimiter,
  SubscriptionStore,
  TopicSubscriber,
} from '../../ports/subscriptions.js';
import type { Clock, Ids } from '../../ports/system.js';

/** What the subscription use cases need: a slice of the app context, so the public functions build only this. */
export interface SubscriptionPorts {
  registry: Registry;
  subscriptions: SubscriptionStore;
  vault: AddressVault;
  topicSubscriber: TopicSubscriber;
  rateLimiter: RateLimiter;
  queue: JobQueue;
  clock: Clock;
  ids: Ids;
  log: Logger;
}
