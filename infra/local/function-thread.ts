import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import type { FunctionDefinition } from '../../functions/manifest-types.js';
import type { DispatchShape } from '../../shared/domain/warm-up.js';
import { installContext } from '../../shared/runtime/context.js';
import { type AwsCall, attributed, passAwsCallsTo } from './aws-call-recording.js';
import { createLambdaContext } from './lambda-context.js';
import { buildLocalContext, type LocalContextConfig } from './local-context.js';

/**
 * One queue-triggered function on its own thread, like a Lambda environment: it builds its own
 * context (its own SDK clients) and runs one event at a time for the main thread's queue. Its
 * queue sends go back to the main thread, which owns the queues.
 */
interface ThreadData {
  definition: FunctionDefinition;
  config: LocalContextConfig;
}

type LoadedHandler = { handler: (event: unknown, context: unknown) => Promise<unknown> };

/**
 * Where a thread's start went, in ms: the thread itself (what the main thread waited beyond the
 * phases measured in the thread: the isolate, Node's own start-up, the messages), the TypeScript
 * loader (local only: a Lambda loads JavaScript), the runtime's own modules (the adapters and
 * SDK clients), building the context, and the handler's modules.
 */
export interface ThreadBootPhases {
  threadMs: number;
  loaderMs: number;
  runtimeImportsMs: number;
  contextMs: number;
  handlerImportMs: number;
}

export type ToThread = { kind: 'invoke'; id: number; event: unknown };
export type FromThread =
  | { kind: 'result'; id: number; result?: unknown; error?: string }
  | { kind: 'ready'; boot: Omit<ThreadBootPhases, 'threadMs'> }
  | { kind: 'send'; queue: string; jobs: unknown[]; delaySeconds?: number }
  | { kind: 'warm'; shape: DispatchShape }
  | { kind: 'aws-call'; call: AwsCall };

/**
 * Runs the thread: builds the local context, imports the handler with `importHandler`, then serves
 * the main thread's invocations. Called by function-thread-source.ts (TypeScript through tsx) or
 * by a function's thread bundle (thread-bundles.ts, one JavaScript file as on Lambda).
 */
export async function runFunctionThread(importHandler: () => Promise<LoadedHandler>): Promise<void> {
  // The caller's static imports are evaluated before this line: the runtime's modules are loaded.
  const runtimeImported = performance.now();
  const loader = (globalThis as { heraldLoaderRegistered?: { atMs: number; tookMs: number } })
    .heraldLoaderRegistered ?? { atMs: 0, tookMs: 0 };
  const { definition, config } = workerData as ThreadData;
  const port = parentPort;
  if (!port) throw new Error('function-thread.ts runs only as a worker thread');
  // The main thread keeps the record of AWS calls (when tests record them, local-context.ts).
  passAwsCallsTo((call) => port.postMessage({ kind: 'aws-call', call } satisfies FromThread));

  // A thread runs one function of one local runtime (its modules are its own), as a Lambda
  // environment does, so its context is installed for the whole thread as Lambda's is built for
  // the whole process.
  installContext(
    buildLocalContext(
      config,
      {
        send: async (queue, jobs, options) => {
          port.postMessage({
            kind: 'send',
            queue,
            jobs,
            delaySeconds: options?.delaySeconds,
          } satisfies FromThread);
        },
      },
      // The main thread owns the other functions' threads, so it does the warming (D40).
      { warm: async (shape) => port.postMessage({ kind: 'warm', shape } satisfies FromThread) },
    ),
  );
  const contextBuilt = performance.now();
  const { handler: loaded } = await importHandler();
  const handlerImported = performance.now();
  const handler = attributed(definition.name, loaded);

  port.on('message', async (message: ToThread) => {
    try {
      const result = await handler(message.event, createLambdaContext(definition));
      port.postMessage({ kind: 'result', id: message.id, result } satisfies FromThread);
    } catch (error) {
      port.postMessage({ kind: 'result', id: message.id, error: String(error) } satisfies FromThread);
    }
  });
  port.postMessage({
    kind: 'ready',
    boot: {
      loaderMs: loader.tookMs,
      runtimeImportsMs: runtimeImported - loader.atMs,
      contextMs: contextBuilt - runtimeImported,
      handlerImportMs: handlerImported - contextBuilt,
    },
  } satisfies FromThread);
}
