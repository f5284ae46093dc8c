/**
 * In-process stand-in for SQS and the Lambda event source mapping (ARCHITECTURE.md 1). This file
 * pumps the queues into their functions: batches, bounded concurrency, a timer per queue instead of
 * polling, and waiting until idle. One invocation (timeout, partial batch response) is in
 * queue-invocation.ts; the messages (visibility timeout, receive count, dead letters) in
 * sqs-queue.ts. Nothing is persisted: messages still queued at stop are lost by design, because the
 * ledger in DynamoDB is the source of truth and the reconciler re-enqueues what is unfinished.
 */
import type { SQSRecord } from 'aws-lambda';
import type { QueueName } from '../../functions/manifest-types.js';
import type { Logger } from '../../shared/ports/logger.js';
import { invokeBatch, type QueueFunction } from './queue-invocation.js';
import { type DeadLetter, type QueueStats, type SendOptions, SqsQueue } from './sqs-queue.js';

export interface LocalQueuesOptions {
  /** Functions whose trigger is not `queue` are ignored. */
  functions: readonly QueueFunction[];
  /**
   * How long a received message stays hidden; a failed one is redelivered when it runs out. AWS
   * sets this to six times the function timeout; locally it is short so retries are seen quickly.
   * @default 5000
   */
  visibilityTimeoutMs?: number;
  /** Receives after which a still-failing message moves to the dead-letter list. @default 5 */
  maxReceiveCount?: number;
  /** How long `stop()` waits for invocations in flight. @default 5000 */
  stopTimeoutMs?: number;
  /** @default console */
  logger?: Logger;
}

export interface LocalQueues {
  /** Enqueues the bodies (objects are JSON-encoded) and returns their message ids. */
  send(queue: QueueName, bodies: readonly (string | object)[], options?: SendOptions): string[];
  /** Messages held by the queue (visible, delayed and in flight), not counting dead letters. */
  depth(queue: QueueName): number;
  stats(queue: QueueName): QueueStats;
  /** Handler invocations running now, across all queues. */
  inFlightInvocations(): number;
  deadLetters(queue: QueueName): readonly DeadLetter[];
  /**
   * Resolves when no invocation is running and no consumed queue has a message due. With
   * `includeDelayed`, also waits out delayed messages and pending retries. Queues without a
   * consumer are ignored, since nothing would ever empty them.
   */
  idle(options?: { includeDelayed?: boolean }): Promise<void>;
  /** `idle({ includeDelayed: true })`. */
  drain(): Promise<void>;
  /** Stops delivering and waits (boundedly) for invocations in flight; queued messages are dropped. */
  stop(): Promise<void>;
}

interface Consumer {
  fn: QueueFunction;
  batchSize: number;
  maxConcurrency: number;
  running: number;
}

interface Queue {
  name: QueueName;
  messages: SqsQueue;
  consumers: Consumer[];
  timer?: NodeJS.Timeout;
  timerAt?: number;
  pumpScheduled: boolean;
}

export function createLocalQueues(options: LocalQueuesOptions): LocalQueues {
  const visibilityTimeoutMs = options.visibilityTimeoutMs ?? 5000;
  const maxReceiveCount = options.maxReceiveCount ?? 5;
  const stopTimeoutMs = options.stopTimeoutMs ?? 5000;
  const logger = options.logger ?? console;
  const queues = new Map<QueueName, Queue>();
  const running = new Set<Promise<void>>();
  const idleWaiters: { includeDelayed: boolean; resolve: () => void }[] = [];
  let stopped = false;

  function queueFor(name: QueueName): Queue {
    let queue = queues.get(name);
    if (!queue) {
      const messages = new SqsQueue(name, { visibilityTimeoutMs, maxReceiveCount });
      queue = { name, messages, consumers: [], pumpScheduled: false };
      queues.set(name, queue);
    }
    return queue;
  }

  for (const fn of options.functions) {
    const { trigger } = fn.definition;
    if (trigger.kind !== 'queue') continue;
    queueFor(trigger.queue).consumers.push({
      fn,
      batchSize: trigger.batchSize,
      maxConcurrency: trigger.maxConcurrency,
      running: 0,
    });
  }

  /** Deferred to a microtask so sends in the same tick share a batch and never run a handler inside `send`. */
  function schedulePump(queue: Queue): void {
    if (queue.pumpScheduled) return;
    queue.pumpScheduled = true;
    queueMicrotask(() => {
      queue.pumpScheduled = false;
      pump(queue);
    });
  }

  function pump(queue: Queue): void {
    if (stopped) return;
    const now = Date.now();
    for (const consumer of queue.consumers) {
      while (consumer.running < consumer.maxConcurrency) {
        const batch = queue.messages.receive(consumer.batchSize, now);
        if (batch.length === 0) break;
        invoke(queue, consumer, batch);
      }
    }
    armTimer(queue, now);
    settleIdleWaiters();
  }

  function invoke(queue: Queue, consumer: Consumer, batch: SQSRecord[]): void {
    consumer.running += 1;
    const run = invokeBatch(consumer.fn, queue.name, batch, logger)
      .then(({ failed, lastError }) => settle(queue, batch, failed, lastError))
      .finally(() => {
        consumer.running -= 1;
        running.delete(run);
        pump(queue);
      });
    running.add(run);
  }

  function settle(
    queue: Queue,
    batch: SQSRecord[],
    failed: Set<string>,
    lastError: string | undefined,
  ): void {
    for (const dead of queue.messages.settle(batch, failed, lastError)) {
      logger.error('Message moved to the dead-letter list', {
        queue: queue.name,
        messageId: dead.messageId,
        receiveCount: dead.receiveCount,
      });
    }
  }

  /** One timer per queue, set for the next message to become visible: no polling. */
  function armTimer(queue: Queue, now: number): void {
    const next = queue.consumers.length > 0 ? queue.messages.nextVisibleAt(now) : Number.POSITIVE_INFINITY;
    if (queue.timerAt === next) return;
    clearTimeout(queue.timer);
    queue.timer = undefined;
    queue.timerAt = undefined;
    if (next === Number.POSITIVE_INFINITY) return;
    queue.timerAt = next;
    queue.timer = setTimeout(
      () => {
        queue.timer = undefined;
        queue.timerAt = undefined;
        pump(queue);
      },
      Math.max(1, next - now),
    );
    queue.timer.unref();
  }

  function isIdle(includeDelayed: boolean): boolean {
    if (stopped) return true;
    if (running.size > 0) return false;
    const now = Date.now();
    for (const queue of queues.values()) {
      if (queue.consumers.length > 0 && queue.messages.busy(includeDelayed, now)) return false;
    }
    return true;
  }

  function settleIdleWaiters(): void {
    for (let i = idleWaiters.length - 1; i >= 0; i--) {
      const waiter = idleWaiters[i] as (typeof idleWaiters)[number];
      if (isIdle(waiter.includeDelayed)) {
        idleWaiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  function idle({ includeDelayed = false } = {}): Promise<void> {
    // A send earlier in this tick has not been pumped yet, so look after the pending microtasks.
    return new Promise((resolve) => {
      idleWaiters.push({ includeDelayed, resolve });
      queueMicrotask(settleIdleWaiters);
    });
  }

  return {
    send(name, bodies, sendOptions) {
      const queue = queueFor(name);
      const ids = queue.messages.send(bodies, sendOptions);
      schedulePump(queue);
      return ids;
    },
    depth: (name) => queueFor(name).messages.depth,
    stats: (name) => queueFor(name).messages.stats(Date.now()),
    inFlightInvocations: () => running.size,
    deadLetters: (name) => queueFor(name).messages.deadLetters(),
    idle,
    drain: () => idle({ includeDelayed: true }),
    async stop() {
      stopped = true;
      for (const queue of queues.values()) clearTimeout(queue.timer);
      settleIdleWaiters();
      if (running.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), stopTimeoutMs);
      });
      const outcome = await Promise.race([Promise.allSettled([...running]), timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        logger.warn('Stopped without waiting for queue invocations still running', { count: running.size });
      }
    },
  };
}
