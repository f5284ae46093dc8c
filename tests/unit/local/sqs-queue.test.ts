import { describe, expect, it } from 'vitest';
import { SqsQueue } from '../../../infra/local/sqs-queue.js';

/** The message store alone, on explicit clocks: no consumer, no timers. */
describe('a local SQS queue', () => {
  const queue = () => new SqsQueue('x-deliveries', { visibilityTimeoutMs: 100, maxReceiveCount: 2 });

  it('hides a received message for the visibility timeout, then hands it out again', () => {
    const q = queue();
    const [id] = q.send(['m']);
    const now = Date.now();

    const [first] = q.receive(10, now);
    expect(first).toMatchObject({ messageId: id, attributes: { ApproximateReceiveCount: '1' } });
    expect(q.receive(10, now + 99)).toEqual([]);
    expect(q.stats(now + 99)).toEqual({ visible: 0, delayed: 0, inFlight: 1, deadLetters: 0 });

    q.settle([first as NonNullable<typeof first>], new Set([id as string]), 'broken');
    expect(q.nextVisibleAt(now + 99)).toBe(now + 100);
    expect(q.receive(10, now + 100)).toEqual([
      expect.objectContaining({
        messageId: id,
        attributes: expect.objectContaining({ ApproximateReceiveCount: '2' }),
      }),
    ]);
  });

  it('deletes what succeeded and dead-letters what failed maxReceiveCount times', () => {
    const q = queue();
    const [, bad] = q.send(['good', { poison: true }]);
    const now = Date.now();

    const firstTry = q.receive(10, now);
    expect(q.settle(firstTry, new Set([bad as string]), 'broken')).toEqual([]);
    expect(q.depth).toBe(1);
    const secondTry = q.receive(10, now + 100);
    const moved = q.settle(secondTry, new Set([bad as string]), 'broken');

    expect(moved).toEqual([
      expect.objectContaining({
        messageId: bad,
        body: '{"poison":true}',
        receiveCount: 2,
        lastError: 'broken',
      }),
    ]);
    expect(q.deadLetters()).toEqual(moved);
    expect(q.depth).toBe(0);
  });

  it('holds a delayed message back and refuses a delay SQS would refuse', () => {
    const q = queue();
    const now = Date.now();
    q.send(['later'], { delaySeconds: 1 });

    expect(q.busy(false, now)).toBe(false);
    expect(q.busy(true, now)).toBe(true);
    expect(q.nextVisibleAt(now)).toBeGreaterThanOrEqual(now + 1000 - 5);
    expect(() => q.send(['x'], { delaySeconds: 901 })).toThrow(RangeError);
  });
});
