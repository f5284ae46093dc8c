import { performance } from 'node:perf_hooks';
import type { ThreadBootPhases } from './function-thread.js';
import type { ThreadedFunction } from './threaded-function.js';

/** One start of a function's thread: when (this thread's clock, ms) and how long until it was ready. */
export interface FunctionStart {
  at: number;
  readyMs: number;
  boot: ThreadBootPhases;
}

/** One invocation: when it came, how long it took, and whether it waited for a start (a cold one). */
export interface FunctionInvocation {
  at: number;
  ms: number;
  cold: boolean;
}

export interface FunctionTimings {
  starts: readonly FunctionStart[];
  invocations: readonly FunctionInvocation[];
}

export interface RestartableFunction {
  handler: (event: unknown) => Promise<unknown>;
  /**
   * Ends the thread; the next invocation starts a new one, its modules imported for the first
   * time, as a Lambda environment starts after the one before was reclaimed.
   */
  restart(): Promise<void>;
  /** Its thread is running or starting: an invocation now would not start one. */
  running(): boolean;
  timings(): FunctionTimings;
  stop(): Promise<void>;
}

/**
 * A function thread that can be thrown away (bench/cold.ts measures the chain of cold starts this
 * way). Invocations that arrive while a start is under way wait for it: on Lambda each concurrent
 * invocation gets an environment of its own, started in parallel on other machines, so the
 * critical path holds one start per function, as here, without two cores doing forty starts.
 */
export async function restartableFunction(
  start: () => Promise<ThreadedFunction>,
): Promise<RestartableFunction> {
  const starts: FunctionStart[] = [];
  const invocations: FunctionInvocation[] = [];
  const startNow = () => {
    const at = performance.now();
    return start().then((thread) => {
      starts.push({ at, readyMs: thread.readyMs, boot: thread.boot });
      return thread;
    });
  };
  let current: Promise<ThreadedFunction> | undefined = startNow();
  let ready: ThreadedFunction | undefined = await current;
  return {
    handler: async (event) => {
      const at = performance.now();
      // Cold: it waits for a start, its own or one an earlier invocation began.
      const cold = ready === undefined;
      current ??= startNow();
      const thread = await current;
      ready = thread;
      try {
        return await thread.handler(event);
      } finally {
        invocations.push({ at, ms: performance.now() - at, cold });
      }
    },
    async restart() {
      const thread = current;
      current = undefined;
      ready = undefined;
      await (await thread)?.stop();
    },
    running: () => current !== undefined,
    timings: () => ({ starts, invocations }),
    stop: async () => {
      await (await current)?.stop();
    },
  };
}
