import registryJson from '../../config/registry.json' with { type: 'json' };
import { parseRegistry } from '../config/load-registry.js';
import type { DeliverySettings } from '../domain/delivery-policy.js';
import type { Logger } from '../ports/logger.js';
import type { AwsAdapter, AwsAdapterName } from './aws/adapter.js';
import { refusing } from './aws/adapter.js';
import { type AppContext, appContext, contextLogger } from './context.js';
import { AwsEnvironment } from './environment.js';
import { createLogger } from './logger.js';
import { randomIds, systemClock } from './system.js';

/** Delivery settings on Lambda: a claim outlives the slowest send, five attempts before FAILED. */
const LAMBDA_SETTINGS: DeliverySettings = { leaseMs: 60_000, maxAttempts: 5 };

/**
 * The context of a Lambda function, from its environment and the adapters its handler declared.
 * Every port no declared adapter built (or whose setting is absent: no topic prefix for a function
 * that may not publish, say) refuses to work rather than guessing.
 */
export function buildAwsContext(environment: NodeJS.ProcessEnv, adapters: readonly AwsAdapter[]): AppContext {
  const env = AwsEnvironment.parse(environment);
  const registry = parseRegistry(registryJson, 'the bundled registry');
  const settings = LAMBDA_SETTINGS;
  const base = { registry, settings, clock: systemClock };
  let context: AppContext = {
    registry,
    templates: refusing('read or write templates'),
    resources: refusing('read or write the resource library'),
    incidents: refusing('read or write incidents'),
    broadcasts: refusing('read or write broadcasts'),
    ledger: refusing('read or write deliveries'),
    xBudget: refusing('count X posts'),
    subscriptions: refusing('read or write subscriptions'),
    rateLimiter: refusing('rate-limit requests'),
    queue: refusing('send jobs to a queue'),
    poster: refusing('post to X'),
    publisher: refusing('publish to SNS'),
    vault: refusing('read or write subscriber addresses'),
    topicSubscriber: refusing('manage SNS subscriptions or send SMS'),
    clock: systemClock,
    ids: randomIds,
    log: createLogger(),
    settings,
  };
  for (const adapter of adapters) context = { ...context, ...adapter.build(env, base) };
  return context;
}

/** A handler's context: call it for the ports; `adapters` names what the handler declared. */
export interface FunctionContext {
  (): Promise<AppContext>;
  readonly adapters: readonly AwsAdapterName[];
  /** The context's logger, or a plain one when the context could not be built. */
  readonly logger: () => Promise<Logger>;
}

/**
 * Declares, once at the top of a handler module, the AWS adapters its function uses:
 * `export const appContext = awsContext(table, sqsQueue)`. Only those adapter modules (and their
 * SDK clients) are reachable from the entry, so only they are bundled. Declaring builds nothing:
 * on Lambda the context is built at the first event; where one was given (runInContext: each
 * local runtime's invocations; installContext: a function thread, a handler's test), that one is
 * used and the adapters are never built.
 */
export function awsContext(...adapters: AwsAdapter[]): FunctionContext {
  const build = () => buildAwsContext(process.env, adapters);
  return Object.assign(() => appContext(build), {
    adapters: adapters.map((adapter) => adapter.name),
    logger: () => contextLogger(build),
  });
}
