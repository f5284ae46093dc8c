// Over 250 lines: the one place that assembles a whole local Herald (store, fakes, queues, timers, functions) and stops it in reverse.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { manifest } from '../../functions/manifest.js';
import { loadOrCreateLocalKeys, newLocalKeys } from '../../shared/adapters/crypto/local-keyring.js';
import { ensureTable } from '../../shared/adapters/dynamo/table.js';
import { loadRegistry } from '../../shared/config/load-registry.js';
import type { DeliverySettings } from '../../shared/domain/delivery-policy.js';
import { contentTypes, publicPaths } from '../../shared/domain/public-paths.js';
import type { Registry } from '../../shared/domain/registry.js';
import { allTopics } from '../../shared/domain/topics.js';
import type { Logger } from '../../shared/ports/logger.js';
import { type AppContext, runInContext } from '../../shared/runtime/context.js';
import { createLogger } from '../../shared/runtime/logger.js';
import { reconcile } from '../../shared/use-cases/reconcile.js';
import { STYLESHEET_NAME } from '../../web/assets/stylesheet.js';
import { attributed } from './aws-call-recording.js';
import { createDevAuth, type DevAuth } from './dev-auth.js';
import { devRoutes } from './dev-routes.js';
import { type FakeSns, startFakeSns } from './fakes/fake-sns.js';
import { type FakeX, startFakeX } from './fakes/fake-x.js';
import { InboxStore } from './fakes/inbox-store.js';
import { type RunningHttpServer, startHttpServer } from './http-server.js';
import {
  buildLocalContext,
  LOCAL_CREDENTIALS,
  type LocalContextConfig,
  REGION,
  TABLE_NAME,
} from './local-context.js';
import { createLocalQueues, type LocalQueues } from './local-queue.js';
import { localDispatchWarmer } from './local-warm-up.js';
import {
  type FunctionTimings,
  type RestartableFunction,
  restartableFunction,
} from './restartable-function.js';
import { type Scheduler, startScheduler } from './scheduler.js';
import { FolderSiteStore } from './site-folder.js';
import { buildThreadBundle } from './thread-bundles.js';
import { startThreadedFunction, type ThreadCode, type ThreadedFunction } from './threaded-function.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_REGISTRY_FILE = join(ROOT, 'config/registry.json');
type ThreadSend = Parameters<typeof startThreadedFunction>[3];

export interface LocalRuntimeOptions {
  host?: string;
  /** 0 picks a free port. @default 3000 */
  port?: number;
  /** Where data survives restarts (table, inbox, demo credentials, signing key); memory when absent. */
  dataDir?: string;
  registryFile?: string;
  /** No log lines (tests, the demo). */
  quiet?: boolean;
  log?: Logger;
  delivery?: Partial<DeliverySettings>;
  /** How long a failed job stays invisible before the next try. @default 5000 */
  visibilityTimeoutMs?: number;
  /** Lets tests put fault-injecting wrappers around the ports (chaos tests); implies `threads: false`. */
  wrapContext?: (context: AppContext) => AppContext;
  /** Run queue workers on worker threads. @default true unless `wrapContext` is given */
  threads?: boolean;
  /**
   * Functions (of any trigger) that run on a thread of their own which `restartFunctions` can end,
   * so that their next invocation starts cold (bench/cold.ts). Not with `wrapContext`.
   * @default none
   */
  restartable?: readonly string[];
  /**
   * The `restartable` functions' threads load their function's bundle, built with the Lambda
   * settings (thread-bundles.ts), instead of the TypeScript sources through tsx.
   * @default false
   */
  bundledRestartable?: boolean;
}

export interface LocalRuntime {
  url: string;
  registry: Registry;
  context: AppContext;
  auth: DevAuth;
  inbox: InboxStore;
  fakeX: FakeX;
  fakeSns: FakeSns;
  queues: LocalQueues;
  /** What its function threads build their context from (a benchmark's fresh thread does too). */
  config: LocalContextConfig;
  /** Runs the reconciler now, as the schedule would. */
  reconcileNow(): Promise<void>;
  /** Runs any scheduled function now (e.g. `opt-out-sync`), as its schedule would. */
  runScheduleNow(name: string): Promise<void>;
  /** Ends the threads of these `restartable` functions: each starts afresh at its next invocation. */
  restartFunctions(names: readonly string[]): Promise<void>;
  /** The starts and invocations of a `restartable` function so far. */
  functionTimings(name: string): FunctionTimings;
  /** Whether filing warms the delivery workers (D40); on unless switched off (bench:cold). */
  setWarmUps(enabled: boolean): void;
  stop(): Promise<void>;
}

/**
 * Herald on one machine (ARCHITECTURE.md 1): dynalite, the fake X and SNS endpoints, and the
 * manifest's functions behind a local API Gateway, queues and timers, all wired to the real
 * adapters. Start-up finishes any dispatch a previous run left behind.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const log = options.log ?? createLogger(options.quiet ? () => {} : undefined);
  const registry = loadRegistry(options.registryFile ?? DEFAULT_REGISTRY_FILE);
  const { dataDir } = options;

  const dynamo = await startDynalite(dataDir ? join(dataDir, 'dynamodb') : undefined);
  const dynamoClient = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  await ensureTable(dynamoClient, TABLE_NAME).catch(dynamo.explain);

  const inbox = new InboxStore(dataDir ? { file: join(dataDir, 'inbox.jsonl') } : {});
  const fakeX = await startFakeX({ accounts: registry.accounts, inbox, ...(dataDir ? { dataDir } : {}) });
  const fakeSns = await startFakeSns({
    topics: allTopics(registry).map((t) => t.name),
    inbox,
    region: REGION,
    ...(dataDir ? { dataDir } : {}),
  });
  const config: LocalContextConfig = {
    registryFile: options.registryFile ?? DEFAULT_REGISTRY_FILE,
    dynamoEndpoint: dynamo.endpoint,
    fakeXUrl: fakeX.url,
    fakeSnsUrl: fakeSns.url,
    topicArnPrefix: fakeSns.topicArn(''),
    // With the account's id and handle, as the deploy guide has them stored: no who-am-I call
    // before an environment's first post.
    xCredentials: Object.fromEntries(
      registry.accounts.map((a) => [
        a.id,
        { ...fakeX.credentials(a.id), userId: fakeX.userId(a.id), handle: a.handle },
      ]),
    ),
    delivery: { leaseMs: 60_000, maxAttempts: 5, ...options.delivery },
    subscriberKeys: dataDir ? loadOrCreateLocalKeys(join(dataDir, 'subscriber-keys.json')) : newLocalKeys(),
    quiet: options.quiet ?? false,
    siteFolder: await prepareSiteFolder(dataDir),
  };

  // Queue workers get threads of their own (like separate Lambda environments), unless a test
  // wraps the ports, which only works in this thread.
  const threaded = options.threads ?? !options.wrapContext;
  // Set once the handlers are loaded; nothing is sent before, since nothing is invoked before.
  let queues: LocalQueues | undefined;
  const send: ThreadSend = (queue, jobs, sendOptions) =>
    void queues?.send(queue, jobs as object[], sendOptions);
  const restartables = new Map<string, RestartableFunction>();
  const warmer = localDispatchWarmer(
    () => manifest.map((definition) => ({ definition, restartable: restartables.get(definition.name) })),
    log,
  );
  const context = {
    ...buildLocalContext(
      config,
      { send: async (queue, jobs, sendOptions) => void queues?.send(queue, jobs, sendOptions) },
      warmer,
    ),
    log,
  };
  // This runtime's invocations run in its own context, so another local Herald in the process
  // (a test file may start two) never answers with this one's ports, nor this one with its.
  const loaded = await loadHandlers(options.wrapContext ? options.wrapContext(context) : context);
  const threads: (ThreadedFunction | RestartableFunction)[] = [];
  if (options.restartable?.length && options.wrapContext)
    throw new Error('restartable functions run on threads, where wrapContext cannot reach');
  const handlers = await Promise.all(
    loaded.map(async (fn) => {
      const source = { kind: 'source', handlerFile: join(ROOT, fn.definition.entry) } as const;
      const threadStarter = (code: ThreadCode) => () =>
        startThreadedFunction(fn.definition, code, config, send, (shape) => void warmer.warm(shape));
      if (options.restartable?.includes(fn.definition.name)) {
        const code: ThreadCode = options.bundledRestartable
          ? { kind: 'bundle', file: await buildThreadBundle(fn.definition) }
          : source;
        const restartable = await restartableFunction(threadStarter(code));
        restartables.set(fn.definition.name, restartable);
        threads.push(restartable);
        return { definition: fn.definition, handler: restartable.handler };
      }
      if (!threaded || fn.definition.trigger.kind !== 'queue') return fn;
      const thread = await threadStarter(source)();
      threads.push(thread);
      return { definition: fn.definition, handler: thread.handler };
    }),
  );
  const restartableNamed = (name: string) => {
    const found = restartables.get(name);
    if (!found) throw new Error(`${name} is not among the runtime's restartable functions`);
    return found;
  };
  queues = createLocalQueues({
    functions: handlers.filter((f) => f.definition.trigger.kind === 'queue'),
    visibilityTimeoutMs: options.visibilityTimeoutMs ?? 5_000,
    logger: log,
  });
  const localQueues = queues;

  // Nothing of a previous run is in flight any more: every open delivery gets a fresh job. The
  // reconciler's work (on AWS its next run does it), so its AWS calls are checked as the reconciler's.
  await attributed('reconciler', () => reconcile(context, { staleAfterMs: 0, actor: 'system:startup' }))();

  const auth = await createDevAuth(dataDir ? { dataDir } : {});
  const scheduler: Scheduler = startScheduler({
    functions: handlers.filter((f) => f.definition.trigger.kind === 'schedule'),
    logger: log,
  });
  const server: RunningHttpServer = await startHttpServer({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 3000,
    functions: handlers.filter((f) => f.definition.trigger.kind === 'http'),
    auth,
    devRoutes: devRoutes({ auth, inbox }),
    logger: log,
    site: new FolderSiteStore(config.siteFolder),
  });

  return {
    url: server.url,
    registry,
    config,
    context,
    auth,
    inbox,
    fakeX,
    fakeSns,
    queues: localQueues,
    reconcileNow: () => scheduler.runNow('reconciler'),
    runScheduleNow: (name) => scheduler.runNow(name),
    restartFunctions: async (names) => {
      await Promise.all(names.map((name) => restartableNamed(name).restart()));
    },
    functionTimings: (name) => restartableNamed(name).timings(),
    setWarmUps: (enabled) => {
      warmer.enabled = enabled;
    },
    async stop() {
      await server.close();
      await scheduler.stop();
      await localQueues.stop();
      await Promise.all(threads.map((thread) => thread.stop()));
      await Promise.all([fakeX.close(), fakeSns.close()]);
      dynamoClient.destroy();
      await dynamo.close();
    },
  };
}

/**
 * The public site's folder, with the stylesheet in place (on AWS the deployment puts it in the
 * bucket). In memory mode a temporary folder, so nothing of a test run is left in the project.
 */
async function prepareSiteFolder(dataDir: string | undefined): Promise<string> {
  const folder = dataDir ? join(dataDir, 'public') : await mkdtemp(join(tmpdir(), 'herald-site-'));
  await new FolderSiteStore(folder).write([
    {
      path: publicPaths.asset(STYLESHEET_NAME),
      body: await readFile(join(ROOT, 'web/assets/herald.css'), 'utf8'),
      contentType: contentTypes.css,
      cacheControl: 'public, max-age=31536000, immutable',
    },
  ]);
  return folder;
}

// biome-ignore lint/suspicious/noExplicitAny: each runtime narrows the handler type by trigger kind.
type AnyHandler = (event: any, context: any) => Promise<any>;

/** Every function of the manifest, its handler invoked in `context`. */
async function loadHandlers(context: AppContext) {
  return Promise.all(
    manifest.map(async (definition) => {
      const { handler } = (await import(pathToFileURL(join(ROOT, definition.entry)).href)) as {
        handler: AnyHandler;
      };
      const inContext: AnyHandler = (event, lambdaContext) =>
        runInContext(context, () => handler(event, lambdaContext));
      // Here, where every trigger's handler passes (HTTP, schedule, unthreaded queue).
      return { definition, handler: attributed(definition.name, inContext) };
    }),
  );
}

async function startDynalite(path: string | undefined) {
  const worker = new Worker(new URL('./dynalite-thread.mjs', import.meta.url), {
    workerData: path ? { path } : {},
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: { port: number }) => resolve(message.port));
    worker.once('error', reject);
  });
  let died: Error | undefined;
  worker.on('error', (error) => {
    died = error;
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    /**
     * Says the thread died (LevelDB cannot open a folder another process holds), rather than
     * the ECONNREFUSED its death gives the first request; code HERALD_DYNALITE_DIED.
     */
    explain: async (error: unknown): Promise<never> => {
      // The thread's error event can trail the refused request by a moment.
      if (!died) await new Promise((resolve) => setTimeout(resolve, 250));
      if (!died) throw error;
      const message = `the embedded DynamoDB stopped: ${died.message}`;
      throw Object.assign(new Error(message, { cause: died }), { code: 'HERALD_DYNALITE_DIED' });
    },
    close: async () => {
      // Let LevelDB flush and close before the thread goes.
      await new Promise<void>((resolve) => {
        worker.once('message', () => resolve());
        worker.postMessage('close');
      });
      await worker.terminate();
    },
  };
}
