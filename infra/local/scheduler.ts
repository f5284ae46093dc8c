/**
 * Local stand-in for EventBridge schedules (ARCHITECTURE.md 1): invokes each schedule-triggered
 * function every `everySeconds`. Unlike EventBridge, a tick that finds the previous run still going
 * is skipped, so local runs of one function never overlap.
 */
import { randomUUID } from 'node:crypto';
import type { Context, ScheduledEvent } from 'aws-lambda';
import type { FunctionDefinition } from '../../functions/manifest-types.js';
import type { Logger } from '../../shared/ports/logger.js';
import { createLambdaContext, functionTimeout, TIMED_OUT } from './lambda-context.js';

export type ScheduledHandler = (event: ScheduledEvent, context: Context) => Promise<unknown>;

export interface ScheduledFunction {
  definition: FunctionDefinition;
  handler: ScheduledHandler;
}

export interface SchedulerOptions {
  /** Functions whose trigger is not `schedule` are ignored. */
  functions: readonly ScheduledFunction[];
  /** Also run every function once right away (a reconciler catching up after a restart). @default false */
  runAtStart?: boolean;
  /** How long `stop()` waits for runs in progress. @default 5000 */
  stopTimeoutMs?: number;
  /** @default console */
  logger?: Logger;
}

export interface Scheduler {
  /** Runs a function now, outside its period; joins the run in progress if there is one. */
  runNow(functionName: string): Promise<void>;
  /** Stops the timers and waits (boundedly) for runs in progress. */
  stop(): Promise<void>;
}

export function scheduledEvent(functionName: string, now = new Date()): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'local',
    resources: [`arn:aws:events:local:000000000000:rule/${functionName}`],
    detail: {},
  };
}

export function startScheduler(options: SchedulerOptions): Scheduler {
  const logger = options.logger ?? console;
  const stopTimeoutMs = options.stopTimeoutMs ?? 5000;
  const jobs = new Map<string, { fn: ScheduledFunction; current?: Promise<void> }>();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;

  function run(name: string): Promise<void> {
    const job = jobs.get(name);
    if (!job) return Promise.reject(new Error(`No scheduled function '${name}'`));
    if (job.current) return job.current;
    const { definition, handler } = job.fn;
    job.current = (async () => {
      // Lambda stops a run at the function's timeout and the next tick starts afresh; without this,
      // one run that never returned would join every later runNow and block the schedule for good.
      const deadline = functionTimeout(definition);
      try {
        const ran = handler(scheduledEvent(definition.name), createLambdaContext(definition));
        if ((await Promise.race([ran, deadline.reached])) === TIMED_OUT) {
          logger.error('Scheduled function timed out', {
            function: definition.name,
            timeoutSeconds: definition.timeoutSeconds,
          });
        }
      } catch (error) {
        // A failed run is retried by the next tick, as a scheduled Lambda would be.
        logger.error('Scheduled function failed', { function: definition.name, error });
      } finally {
        deadline.clear();
      }
    })().finally(() => {
      job.current = undefined;
    });
    return job.current;
  }

  for (const fn of options.functions) {
    const { trigger, name } = fn.definition;
    if (trigger.kind !== 'schedule') continue;
    jobs.set(name, { fn });
    timers.push(
      setInterval(() => {
        if (jobs.get(name)?.current) {
          logger.warn('Skipped a scheduled run: the previous one is still going', { function: name });
          return;
        }
        void run(name);
      }, trigger.everySeconds * 1000),
    );
    if (options.runAtStart) void run(name);
  }

  return {
    runNow: (name) => (stopped ? Promise.resolve() : run(name)),
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      const inProgress = [...jobs.values()].flatMap((job) => (job.current ? [job.current] : []));
      if (inProgress.length === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), stopTimeoutMs);
      });
      const outcome = await Promise.race([Promise.all(inProgress), timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') logger.warn('Stopped without waiting for scheduled runs still going');
    },
  };
}
