import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FunctionDefinition } from '../../functions/manifest-types.js';
import type { QueueName } from '../../shared/domain/dispatch.js';
import type { DispatchShape } from '../../shared/domain/warm-up.js';
import { keepAwsCall } from './aws-call-recording.js';
import type { FromThread, ThreadBootPhases } from './function-thread.js';
import type { LocalContextConfig } from './local-context.js';

/** What a thread runs: the handler's TypeScript source (through tsx), or its thread bundle. */
export type ThreadCode = { kind: 'source'; handlerFile: string } | { kind: 'bundle'; file: string };

export interface ThreadedFunction {
  handler: (event: unknown) => Promise<unknown>;
  /** From creating the thread to its handler being ready (ms, this thread's clock), and its phases. */
  readyMs: number;
  boot: ThreadBootPhases;
  stop(): Promise<void>;
}

/**
 * Runs a queue function on a worker thread (see function-thread.ts) and gives the main thread a
 * handler that forwards each event to it. Spreads the workers' CPU over the machine's cores, as
 * separate Lambda environments would.
 */
export async function startThreadedFunction(
  definition: FunctionDefinition,
  code: ThreadCode,
  config: LocalContextConfig,
  send: (queue: QueueName, jobs: unknown[], options: { delaySeconds?: number }) => void,
  warm: (shape: DispatchShape) => void = () => {},
): Promise<ThreadedFunction> {
  const created = performance.now();
  let measured: Omit<ThreadBootPhases, 'threadMs'> | undefined;
  const worker = new Worker(new URL('./function-thread-boot.mjs', import.meta.url), {
    workerData:
      code.kind === 'source'
        ? {
            entry: new URL('./function-thread-source.ts', import.meta.url).href,
            handlerFile: code.handlerFile,
            definition,
            config,
          }
        : { entry: pathToFileURL(code.file).href, bundled: true, definition, config },
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let next = 1;
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: FromThread) => {
      if (message.kind === 'aws-call') return keepAwsCall(message.call);
      if (message.kind === 'send') {
        send(message.queue as QueueName, message.jobs, {
          ...(message.delaySeconds ? { delaySeconds: message.delaySeconds } : {}),
        });
        return;
      }
      if (message.kind === 'warm') return warm(message.shape);
      if (message.kind === 'ready') {
        measured = message.boot;
        return resolve();
      }
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.result);
    });
    worker.once('error', reject);
  });
  // A thread that dies fails its invocations (the queue redelivers them), instead of leaving
  // them waiting forever.
  const failAll = (why: string) => {
    for (const waiting of pending.values())
      waiting.reject(new Error(`function thread ${definition.name} ${why}`));
    pending.clear();
  };
  worker.on('error', (error) => failAll(`failed: ${error.message}`));
  worker.on('exit', (code) => failAll(`exited with code ${code}`));
  await ready;
  const readyMs = performance.now() - created;
  if (!measured) throw new Error(`function thread ${definition.name} did not say how it started`);
  const inThread =
    measured.loaderMs + measured.runtimeImportsMs + measured.contextMs + measured.handlerImportMs;
  const boot: ThreadBootPhases = { threadMs: readyMs - inThread, ...measured };
  return {
    readyMs,
    boot,
    handler: (event) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ kind: 'invoke', id, event });
      }),
    stop: async () => {
      await worker.terminate();
    },
  };
}
