import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueueName } from '../../../functions/manifest-types.js';
import {
  createLocalQueues,
  type LocalQueues,
  type LocalQueuesOptions,
} from '../../../infra/local/local-queue.js';
import type { QueueHandler } from '../../../infra/local/queue-invocation.js';
import { definition, gate, recordingLogger } from './support.js';

const QUEUE: QueueName = 'x-deliveries';

describe('the local queue', () => {
  let queues: LocalQueues | undefined;
  let logger: ReturnType<typeof recordingLogger>;

  afterEach(async () => {
    // Real timers first: stopping waits on a timer for an invocation that never ends.
    vi.useRealTimers();
    await queues?.stop();
    queues = undefined;
  });

  /** Fakes the queue's timers and clock; setImmediate stays real, for `pumped`. */
  const useFakeTime = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });

  /** Lets the queue pump what was sent: it does so in a microtask, which runs before this. */
  const pumped = () => new Promise((resolve) => setImmediate(resolve));

  /** One worker on QUEUE; records each batch it receives with the time it arrived. */
  function consume(
    handler: QueueHandler,
    {
      batchSize = 10,
      maxConcurrency = 2,
      ...options
    }: Partial<LocalQueuesOptions> & {
      batchSize?: number;
      maxConcurrency?: number;
    } = {},
  ) {
    logger = recordingLogger();
    const batches: { at: number; records: SQSRecord[] }[] = [];
    const spy = vi.fn(async (event: SQSEvent, context) => {
      batches.push({ at: Date.now(), records: event.Records });
      return handler(event, context);
    });
    const trigger = { kind: 'queue', queue: QUEUE, batchSize, maxConcurrency } as const;
    queues = createLocalQueues({
      functions: [{ definition: definition('worker', trigger), handler: spy }],
      visibilityTimeoutMs: 100,
      logger,
      ...options,
    });
    return { queues, batches, handler: spy };
  }

  it('delivers a message as soon as it is sent, shaped as an SQS record', async () => {
    const { queues, batches } = consume(async () => undefined);

    const [id] = queues.send(QUEUE, [{ deliveryId: 'd1' }]);
    // setImmediate runs before any timer could: a polling queue would not have delivered yet.
    await new Promise((resolve) => setImmediate(resolve));

    expect(batches).toHaveLength(1);
    expect(batches[0]?.records[0]).toMatchObject({
      messageId: id,
      body: '{"deliveryId":"d1"}',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:local:000000000000:x-deliveries',
      attributes: { ApproximateReceiveCount: '1' },
    });
    await queues.idle();
    expect(queues.depth(QUEUE)).toBe(0);
  });

  it('hands messages sent together to one invocation, up to the batch size', async () => {
    const { queues, batches } = consume(async () => undefined, { batchSize: 2, maxConcurrency: 5 });

    queues.send(QUEUE, ['a', 'b', 'c', 'd', 'e']);
    await queues.idle();

    expect(batches.map((b) => b.records.map((r) => r.body))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('holds a delayed message back until its delay is over', async () => {
    const { queues, batches } = consume(async () => undefined);
    const sentAt = Date.now();

    queues.send(QUEUE, ['later'], { delaySeconds: 0.15 });
    await queues.idle();
    expect(batches).toHaveLength(0);
    expect(queues.stats(QUEUE)).toMatchObject({ delayed: 1, visible: 0 });

    await queues.drain();
    expect(batches).toHaveLength(1);
    expect(batches[0]?.at).toBeGreaterThanOrEqual(sentAt + 150);
  });

  it('redelivers a failed message once its visibility timeout is over, counting receives', async () => {
    let calls = 0;
    const { queues, batches } = consume(async () => {
      calls += 1;
      if (calls === 1) throw new Error('X timed out');
    });

    queues.send(QUEUE, ['m']);
    await queues.drain();

    expect(batches).toHaveLength(2);
    expect((batches[1]?.at ?? 0) - (batches[0]?.at ?? 0)).toBeGreaterThanOrEqual(95);
    expect(batches[1]?.records[0]?.attributes.ApproximateReceiveCount).toBe('2');
    expect(queues.depth(QUEUE)).toBe(0);
  });

  it('moves a message that keeps failing to the dead-letter list after maxReceiveCount receives', async () => {
    const { queues, handler } = consume(
      async () => {
        throw new Error('always broken');
      },
      { maxReceiveCount: 3, visibilityTimeoutMs: 10 },
    );

    const [id] = queues.send(QUEUE, ['poison']);
    await queues.drain();

    expect(handler).toHaveBeenCalledTimes(3);
    expect(queues.deadLetters(QUEUE)).toEqual([
      expect.objectContaining({ messageId: id, body: 'poison', receiveCount: 3, lastError: 'always broken' }),
    ]);
    expect(queues.depth(QUEUE)).toBe(0);
    expect(logger.error).toHaveBeenCalledWith('Message moved to the dead-letter list', expect.anything());
  });

  it('retries only the items listed in batchItemFailures', async () => {
    const { queues, batches } = consume(async (event) => ({
      batchItemFailures: event.Records.filter(
        (r) => r.body === 'bad' && r.attributes.ApproximateReceiveCount === '1',
      ).map((r) => ({ itemIdentifier: r.messageId })),
    }));

    queues.send(QUEUE, ['good-1', 'bad', 'good-2']);
    await queues.drain();

    expect(batches.map((b) => b.records.map((r) => r.body))).toEqual([['good-1', 'bad', 'good-2'], ['bad']]);
  });

  it('fails the whole batch when batchItemFailures names a message it was not given', async () => {
    let calls = 0;
    const { queues, batches } = consume(async () => {
      calls += 1;
      return calls === 1 ? { batchItemFailures: [{ itemIdentifier: 'no-such-id' }] } : undefined;
    });

    queues.send(QUEUE, ['a', 'b']);
    await queues.drain();

    expect(batches.map((b) => b.records.length)).toEqual([2, 2]);
  });

  it('never runs more invocations at once than maxConcurrency', async () => {
    const hold = gate();
    let running = 0;
    let peak = 0;
    const { queues, handler } = consume(
      async () => {
        running += 1;
        peak = Math.max(peak, running);
        await hold.opened;
        running -= 1;
      },
      { batchSize: 1, maxConcurrency: 2 },
    );

    queues.send(QUEUE, ['1', '2', '3', '4', '5', '6']);
    await pumped();
    expect(queues.inFlightInvocations()).toBe(2);
    expect(queues.stats(QUEUE)).toMatchObject({ inFlight: 2, visible: 4 });

    hold.open();
    await queues.drain();
    expect(peak).toBe(2);
    expect(handler).toHaveBeenCalledTimes(6);
  });

  it('waits for invocations in flight when stopped, and delivers nothing more', async () => {
    useFakeTime();
    const hold = gate();
    const finished: string[] = [];
    const { queues, handler } = consume(
      async (event) => {
        await hold.opened;
        finished.push(event.Records[0]?.body ?? '');
      },
      { batchSize: 1, maxConcurrency: 1 },
    );
    queues.send(QUEUE, ['first', 'second']);
    await pumped();

    let stopped = false;
    const stopping = queues.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stopped).toBe(false);
    hold.open();
    await stopping;

    expect(finished).toEqual(['first']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('gives up waiting for a stuck invocation after the stop timeout', async () => {
    useFakeTime();
    const { queues } = consume(() => new Promise(() => {}), { stopTimeoutMs: 50 });
    queues.send(QUEUE, ['stuck']);
    await pumped();
    let stopped = false;

    const stopping = queues.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(49);
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await stopping;

    expect(stopped).toBe(true);
    expect(logger.warn).toHaveBeenCalled();
  });

  it("gives up an invocation at its function's timeout, as Lambda would, and redelivers its message", async () => {
    useFakeTime();
    let calls = 0;
    logger = recordingLogger();
    const trigger = { kind: 'queue', queue: QUEUE, batchSize: 1, maxConcurrency: 1 } as const;
    const handler: QueueHandler = async () => {
      calls += 1;
      // The first invocation never ends (a call that hangs); the redelivery succeeds.
      if (calls === 1) await new Promise(() => {});
    };
    queues = createLocalQueues({
      functions: [{ definition: definition('worker', trigger, 0.2), handler }],
      visibilityTimeoutMs: 100,
      logger,
    });

    queues.send(QUEUE, [{ deliveryId: 'd1' }]);
    await vi.advanceTimersByTimeAsync(199);
    expect(calls).toBe(1);
    expect(logger.error).not.toHaveBeenCalled();
    // At the function's timeout (200 ms) its message, visible again since 100 ms, is redelivered.
    await vi.advanceTimersByTimeAsync(1);

    expect(logger.error).toHaveBeenCalledWith(
      'Queue handler timed out',
      expect.objectContaining({ function: 'worker' }),
    );
    expect(calls).toBe(2);
    expect(queues.depth(QUEUE)).toBe(0);
  });
});
