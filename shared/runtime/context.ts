import { AsyncLocalStorage } from 'node:async_hooks';
import type { DeliverySettings } from '../domain/delivery-policy.js';
import type { Registry } from '../domain/registry.js';
import type { AfterActionStore } from '../ports/after-action.js';
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
import type { SessionStore, SignInAttemptStore, StaffSignIn } from '../ports/staff-sessions.js';
import type {
  AddressVault,
  RateLimiter,
  SubscriptionStore,
  TopicSubscriber,
} from '../ports/subscriptions.js';
import type { Clock, Ids } from '../ports/system.js';
import type { TemplateRepository } from '../ports/templates.js';
import type { DispatchWarmer } from '../ports/warm-up.js';
import type { XPostBudget } from '../ports/x-budget.js';
import { createLogger } from './logger.js';

/**
 * Everything a handler needs, built once per process on Lambda (at the cold start) and once per
 * local runtime, and handed to the use cases as their ports.
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
  /** The duty console's sessions and sign-ins in progress (docs/architecture.md D30). */
  sessions: SessionStore;
  signInAttempts: SignInAttemptStore;
  /**
   * How staff sign in to the console: the Cognito hosted sign-in on AWS (aws/staff-sign-in.ts),
   * the demo users in the local runtime, which is the only place a DemoSignIn is ever built.
   */
  staffSignIn: StaffSignIn;
  /** Findings and corrective actions of after-action reports, kept beside each incident (D33). */
  afterAction: AfterActionStore;
  /** Starts the delivery workers while a filed broadcast awaits approval (D40). */
  warmer: DispatchWarmer;
}

/** The process's context: on Lambda, and in tests of one handler, one context per process. */
let current: Promise<AppContext> | undefined;

/**
 * The context of the invocation running now, where a local runtime entered one. Several local
 * Heralds can share a process (a test file may start two), so each runs its invocations inside its
 * own context instead of replacing one for the whole process.
 */
const scoped = new AsyncLocalStorage<Promise<AppContext>>();

/** A process that is one function (a handler's test, a local function thread) installs its context. */
export function installContext(context: AppContext): void {
  current = Promise.resolve(context);
}

/**
 * Runs `invocation` with `context` as its handler's context, whatever the process installed: the
 * local runtime enters its own around each invocation it makes.
 */
export function runInContext<R>(context: AppContext, invocation: () => R): R {
  return scoped.run(Promise.resolve(context), invocation);
}

/**
 * The context of the invocation (runInContext), else the installed one or, on Lambda, the one
 * `build` makes from the environment at the first event (handlers pass theirs through
 * `awsContext`, shared/runtime/aws-context.ts, which declares the adapters the function uses).
 * Built once per process.
 */
export function appContext(build: () => AppContext): Promise<AppContext> {
  const invocation = scoped.getStore();
  if (invocation) return invocation;
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
