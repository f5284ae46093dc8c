import type { DeliverySettings } from '../../domain/delivery-policy.js';
import type { Registry } from '../../domain/registry.js';
import type { Clock } from '../../ports/system.js';
import type { AppContext } from '../context.js';
import { type AwsEnvironment, ENV } from '../environment.js';

/**
 * The AWS adapters a function can declare, one per kind of manifest access (functions/manifest.ts):
 * `table` for `table` (with the repositories the function uses: aws/table.ts), `sqs` for `sendTo`,
 * `xPoster` for `readXSecrets`, `snsPublisher` for `publishToAreaTopics`, `snsSubscriber` for
 * `manageTopicSubscriptions`, `sendDirectSms` and `readOptedOutNumbers`, `vault` for
 * `subscriberKeys`, `siteBucket` for `writePublicSite`, `staffSignIn` for `staffSignIn`, `dispatchWarmer` for
 * `warmDispatchWorkers`.
 */
export type AwsAdapterName =
  | 'table'
  | 'sqs'
  | 'xPoster'
  | 'snsPublisher'
  | 'snsSubscriber'
  | 'vault'
  | 'siteBucket'
  | 'staffSignIn'
  | 'dispatchWarmer';

/** What every factory may read besides the environment: built once, shared by all of them. */
export interface AwsBase {
  registry: Registry;
  settings: DeliverySettings;
  clock: Clock;
}

/**
 * One AWS adapter: its name (checked against the manifest by tests/unit/runtime), the ports it
 * provides, and the factory that builds them from the function's environment. `P` is what a
 * handler's context gains by declaring it (aws-context.ts), so a port no declared adapter provides
 * is not in the context's type. Importing a factory module has no side effects, and building
 * one loads no SDK package: its variables are checked when the context is built, at the first
 * event, and its client is created at its first call (adapters/aws-sdk.ts `clientAtFirstSend`).
 */
export interface AwsAdapter<P extends Partial<AppContext> = Partial<AppContext>> {
  readonly name: AwsAdapterName;
  /** The names of the ports `build` returns (a test holds the two together). */
  readonly ports: readonly (keyof AppContext)[];
  readonly build: (env: AwsEnvironment, base: AwsBase) => P;
}

/** The table name, which only functions with table access are given. */
export function tableName(env: AwsEnvironment): string {
  return required(env, 'tableName', 'table access');
}

/**
 * A variable a declared adapter cannot work without. Missing, the context fails to build at the
 * function's first event, naming the variable, instead of the first post or publish failing later.
 */
export function required(env: AwsEnvironment, key: keyof typeof ENV, access: string): string {
  const value = env[ENV[key]];
  if (!value) throw new Error(`${ENV[key]} is not set: this function has no ${access}`);
  return value;
}
