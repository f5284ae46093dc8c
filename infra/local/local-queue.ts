/**
 * In-process stand-in for SQS and the Lambda event source mapping (ARCHITECTURE.md 1): batches,
 * bounded concurrency, partial batch failures, visibility timeout, receive count and a dead-letter
 * list. Nothing is persisted: messages still queued at stop are lost by design, because the ledger
 * in DynamoDB is the source of truth and the reconciler re-enqueues what is unfinished.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import type { FunctionDefinition, QueueName } from '../../functions/manifest-types.js';
import type { Logger } from '../../shared/ports/logger.js';
import { createLambdaContext, functionTimeout, TIMED_OUT } from './lambda-context.js';

/** Returns an `SQSBatchResponse`, or nothing when the whole batch succeeded. */
export type QueueHandler = (event: SQSEvent, context: Context) => Promise<unknown>;

export interface QueueFunction {
  definition: FunctionDefinition;
  handler: QueueHandler;
}

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

export interface SendOptions {
  /** Seconds before the messages become visible (SQS allows 0 to 900). */
  delaySeconds?: number;
}

export interface DeadLetter {
  messageId: string;
  body: string;
  receiveCount: number;
  sentTimestamp: number;
  /** The error of the last failed invocation, when the handler threw. */
  lastError?: string;
}

export interface QueueStats {
  /** Ready to deliver now. */
  visible: number;
  /** Waiting for a delay or a visibility timeout to run out. */
  delayed: number;
  /** Handed to an invocation that has not finished. */
  inFlight: number;
  deadLetters: number;
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

interface Message {
  id: string;
  body: string;
  md5: string;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  receiptHandle?: string;
  inFlight: boolean;
}

interface Consumer {
  fn: QueueFunction;
  batchSize: number;
  maxConcurrency: number;
  running: number;
}

interface Queue {
  name: QueueName;
  /** Insertion-ordered, so delivery is roughly first in, first out. */
  messages: Map<string, Message>;
  dead: DeadLetter[];
  consumers: Consumer[];
  timer?: NodeJS.Timeout;
  timerAt?: number;
  pumpScheduled: boolean;
}

const batchResponse = z
  .object({
    batchItemFailures: z.array(z.object({ itemIdentifier: z.string().min(1) })).nullish(),
  })
  .nullish();

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
      queue = { name, messages: new Map(), dead: [], consumers: [], pumpScheduled: false };
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
        const batch = receive(queue, consumer.batchSize, now);
        if (batch.length === 0) break;
        invoke(queue, consumer, batch);
      }
    }
    armTimer(queue, now);
    settleIdleWaiters();
  }

  function receive(queue: Queue, max: number, now: number): Message[] {
    const batch: Message[] = [];
    for (const message of queue.messages.values()) {
      if (batch.length === max) break;
      if (message.inFlight || message.visibleAt > now) continue;
      message.inFlight = true;
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.receiptHandle = randomUUID();
      // Measured from the receive, as on SQS; a failed message reappears when this runs out.
      message.visibleAt = now + visibilityTimeoutMs;
      batch.push(message);
    }
    return batch;
  }

  function invoke(queue: Queue, consumer: Consumer, batch: Message[]): void {
    const { definition, handler } = consumer.fn;
    const event: SQSEvent = { Records: batch.map((m) => toRecord(queue.name, m)) };
    consumer.running += 1;
    const run = (async () => {
      let failed: Set<string>;
      let lastError: string | undefined;
      const deadline = functionTimeout(definition);
      try {
        const result = await Promise.race([
          handler(event, createLambdaContext(definition)),
          deadline.reached,
        ]);
        if (result === TIMED_OUT) {
          // Lambda stops the function here and SQS redelivers the batch once it is visible again. The
          // handler cannot be stopped in-process; whatever it still does later is ignored, as a
          // stopped environment's would be lost.
          logger.error('Queue handler timed out', {
            function: definition.name,
            queue: queue.name,
            timeoutSeconds: definition.timeoutSeconds,
          });
          failed = new Set(batch.map((m) => m.id));
          lastError = `timed out after ${definition.timeoutSeconds} s`;
        } else {
          failed = failedIds(result, batch);
        }
      } catch (error) {
        logger.error('Queue handler failed', { function: definition.name, queue: queue.name, error });
        failed = new Set(batch.map((m) => m.id));
        lastError = error instanceof Error ? error.message : String(error);
      } finally {
        deadline.clear();
      }
      settle(queue, batch, failed, lastError);
    })().finally(() => {
      consumer.running -= 1;
      running.delete(run);
      pump(queue);
    });
    running.add(run);
  }

  /** As the event source mapping reads the response; anything it cannot read fails the whole batch. */
  function failedIds(result: unknown, batch: Message[]): Set<string> {
    const all = new Set(batch.map((m) => m.id));
    const parsed = batchResponse.safeParse(result);
    const ids = parsed.success ? (parsed.data?.batchItemFailures ?? []).map((f) => f.itemIdentifier) : [];
    if (!parsed.success || ids.some((id) => !all.has(id))) {
      logger.warn('Queue handler returned an unreadable batch response; the whole batch fails', {
        result,
      });
      return all;
    }
    return new Set(ids);
  }

  function settle(queue: Queue, batch: Message[], failed: Set<string>, lastError: string | undefined): void {
    for (const message of batch) {
      message.inFlight = false;
      if (!failed.has(message.id)) {
        queue.messages.delete(message.id);
        continue;
      }
      if (message.receiveCount < maxReceiveCount) continue;
      queue.messages.delete(message.id);
      queue.dead.push({
        messageId: message.id,
        body: message.body,
        receiveCount: message.receiveCount,
        sentTimestamp: message.sentAt,
        ...(lastError !== undefined && { lastError }),
      });
      logger.error('Message moved to the dead-letter list', {
        queue: queue.name,
        messageId: message.id,
        receiveCount: message.receiveCount,
      });
    }
  }

  /** One timer per queue, set for the next message to become visible: no polling. */
  function armTimer(queue: Queue, now: number): void {
    let next = Number.POSITIVE_INFINITY;
    if (queue.consumers.length > 0) {
      for (const m of queue.messages.values()) {
        if (!m.inFlight && m.visibleAt > now) next = Math.min(next, m.visibleAt);
      }
    }
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
      if (queue.consumers.length === 0) continue;
      for (const m of queue.messages.values()) {
        if (m.inFlight || includeDelayed || m.visibleAt <= now) return false;
      }
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
    send(name, bodies, { delaySeconds = 0 } = {}) {
      if (!(delaySeconds >= 0 && delaySeconds <= 900)) {
        throw new RangeError(`delaySeconds must be between 0 and 900, got ${delaySeconds}`);
      }
      const queue = queueFor(name);
      const now = Date.now();
      const ids = bodies.map((item) => {
        const body = typeof item === 'string' ? item : JSON.stringify(item);
        const id = randomUUID();
        queue.messages.set(id, {
          id,
          body,
          md5: createHash('md5').update(body).digest('hex'),
          sentAt: now,
          visibleAt: now + delaySeconds * 1000,
          receiveCount: 0,
          inFlight: false,
        });
        return id;
      });
      schedulePump(queue);
      return ids;
    },
    depth: (name) => queueFor(name).messages.size,
    stats(name) {
      const queue = queueFor(name);
      const now = Date.now();
      const stats: QueueStats = { visible: 0, delayed: 0, inFlight: 0, deadLetters: queue.dead.length };
      for (const m of queue.messages.values()) {
        if (m.inFlight) stats.inFlight += 1;
        else if (m.visibleAt > now) stats.delayed += 1;
        else stats.visible += 1;
      }
      return stats;
    },
    inFlightInvocations: () => running.size,
    deadLetters: (name) => [...queueFor(name).dead],
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

function toRecord(queue: QueueName, message: Message): SQSRecord {
  return {
    messageId: message.id,
    receiptHandle: message.receiptHandle ?? '',
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentAt),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
    },
    messageAttributes: {},
    md5OfBody: message.md5,
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:local:000000000000:${queue}`,
    awsRegion: 'local',
  };
}
