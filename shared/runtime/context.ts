import type { DeliverySettings } from '../domain/delivery-policy.js';
import type { Registry } from '../domain/registry.js';
import type { AudiencePublisher, SocialPoster } from '../ports/channels.js';
import type { Logger } from '../ports/logger.js';
import type { PublicSiteStore } from '../ports/public-site.js';
import type {
  BroadcastRepository,
  DeliveryLedger,
  IncidentRepository,
  JobQueue,
} from '../ports/repositories.js';
import type { ResourceRepository } from '../ports/resources.js';
import type {
  AddressVault,
  RateLimiter,
  SubscriptionStore,
  TopicSubscriber,
} from '../ports/subscriptions.js';
import type { Clock, Ids } from '../ports/system.js';
import type { TemplateRepository } from '../ports/templates.js';
import type { XPostBudget } from '../ports/x-budget.js';
import { createLogger } from './logger.js';

/**
 * Everything a handler needs, built once per process (a Lambda cold start, or the local runtime)
 * and handed to the use cases as their ports.
 */
export interface AppContext {
  registry: Registry;
  templates: TemplateRepository;
  resources: ResourceRepository;
  incidents: IncidentRepository;
  broadcasts: BroadcastRepository;
  ledger: DeliveryLedger;
  queue: JobQueue;
  poster: SocialPoster;
  publisher: AudiencePublisher;
  xBudget: XPostBudget;
  subscriptions: SubscriptionStore;
  rateLimiter: RateLimiter;
  vault: AddressVault;
  topicSubscriber: TopicSubscriber;
  clock: Clock;
  ids: Ids;
  log: Logger;
  settings: DeliverySettings;
  /** Where the rendered public site goes (the public-site function only). */
  site: PublicSiteStore;
}

let current: Promise<AppContext> | undefined;

/** The local runtime and tests install their context before the first event. */
export function installContext(context: AppContext): void {
  current = Promise.resolve(context);
}

/**
 * The installed context or, on Lambda, the one `build` makes from the environment at the first
 * event (handlers pass theirs through `awsContext`, shared/runtime/aws-context.ts, which declares
 * the adapters the function uses). Built once per process.
 */
export function appContext(build: () => AppContext): Promise<AppContext> {
  if (current) return current;
  current = Promise.resolve().then(build);
  return current;
}

const fallbackLog = createLogger();

/** The context's logger, or a plain one when the context itself could not be built. */
export async function contextLogger(build: () => AppContext): Promise<Logger> {
  return appContext(build).then(
    (context) => context.log,
    () => fallbackLog,
  );
}
