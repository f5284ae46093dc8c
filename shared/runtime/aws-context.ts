import type { DeliverySettings } from '../domain/delivery-policy.js';
import type { Registry } from '../domain/registry.js';
import type { Logger } from '../ports/logger.js';
import type { AwsAdapter } from './aws/adapter.js';
import { type AppContext, appContext, contextLogger } from './context.js';
import { AwsEnvironment } from './environment.js';
import { createLogger } from './logger.js';
import { readRegistryFile } from './registry-file.js';
import { randomIds, systemClock } from './system.js';

/** Delivery settings on Lambda: a claim outlives the slowest send, five failed attempts before FAILED. */
const LAMBDA_SETTINGS: DeliverySettings = { leaseMs: 60_000, maxAttempts: 5 };

/**
 * The registry, read from the file beside the bundle once per process (D29). Read when the first
 * context is built, at the cold start's first event, not when this module loads: the local runtime
 * and tests import every handler but install a context of their own, on a registry of their own.
 */
let registry: Registry | undefined;
const lambdaRegistry = (): Registry => {
  registry ??= readRegistryFile();
  return registry;
};

/** What every function's context holds, whatever adapters it declared. */
export type BaseContext = Pick<AppContext, 'registry' | 'clock' | 'ids' | 'log' | 'settings'>;

/** The ports a list of adapters provides: the intersection of what each one provides. */
export type PortsOf<A extends readonly AwsAdapter[]> = A extends readonly [
  AwsAdapter<infer P>,
  ...infer Rest extends readonly AwsAdapter[],
]
  ? P & PortsOf<Rest>
  : unknown;

/** The context of a function that declared `A`: using a port none of them provides does not compile. */
export type ContextOf<A extends readonly AwsAdapter[]> = BaseContext & PortsOf<A>;

/**
 * The context of a Lambda function, from its environment and the adapters its handler declared:
 * the base and the ports of those adapters, nothing else. An adapter whose variable is missing
 * throws here, naming it (adapter.ts `required`), and so does a registry file that is missing or
 * invalid, naming the file.
 */
export function buildAwsContext<const A extends readonly AwsAdapter[]>(
  environment: NodeJS.ProcessEnv,
  adapters: A,
): ContextOf<A> {
  const env = AwsEnvironment.parse(environment);
  const base = { registry: lambdaRegistry(), settings: LAMBDA_SETTINGS, clock: systemClock };
  const context: BaseContext = { ...base, ids: randomIds, log: createLogger() };
  return Object.assign(context, ...adapters.map((adapter) => adapter.build(env, base)));
}

/** A handler's context: call it for the ports; `adapters` are what the handler declared. */
export interface FunctionContext<C> {
  (): Promise<C>;
  readonly adapters: readonly AwsAdapter[];
  /** The context's logger, or a plain one when the context could not be built. */
  readonly logger: () => Promise<Logger>;
}

/**
 * Declares, once at the top of a handler module, the AWS adapters its function uses:
 * `export const appContext = awsContext(table(broadcastRepository), sqsQueue)`. Only those adapter
 * modules (and their SDK clients) are reachable from the entry, so only they are bundled, and the
 * context is typed with their ports alone. Declaring builds nothing: on Lambda the context is
 * built at the first event; where one was given (runInContext: each local runtime's invocations;
 * installContext: a function thread, a handler's test), that one is used and the adapters are
 * never built.
 */
export function awsContext<const A extends readonly AwsAdapter[]>(
  ...adapters: A
): FunctionContext<ContextOf<A>> {
  // context.ts keeps one context per process, typed as the whole AppContext: the local runtime and
  // tests install one with every port. A Lambda's holds only the declared ports, and its handler
  // reads it only as ContextOf<A>, so no undeclared port can be reached.
  const build = () => buildAwsContext(process.env, adapters) as unknown as AppContext;
  const context = () => appContext(build) as unknown as Promise<ContextOf<A>>;
  return Object.assign(context, { adapters, logger: () => contextLogger(build) });
}
