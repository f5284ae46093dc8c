import { describe, expect, it } from 'vitest';
import { isWarmUpEvent, WarmUpEvent, warmUpEvents } from '../../../shared/domain/warm-up.js';

const accounts = Array.from({ length: 45 }, (_, i) => `div-${i + 1}`);
const shape = (accountCount: number, topics: number) => ({
  broadcastId: 'bc_0000000000aaaaaaaaaaaaaaaa',
  accounts: accounts.slice(0, accountCount),
  topics,
});

describe('warm-up events (D40)', () => {
  it('asks the X worker for one environment per account, each naming its account', () => {
    const events = warmUpEvents('x-deliveries', shape(3, 8), { batchSize: 1, maxConcurrency: 40 });
    expect(events).toEqual(
      ['div-1', 'div-2', 'div-3'].map((accountId) => ({
        heraldWarmUp: { broadcastId: 'bc_0000000000aaaaaaaaaaaaaaaa', accountId },
      })),
    );
  });

  it('asks for no more environments than the trigger runs at once', () => {
    expect(warmUpEvents('x-deliveries', shape(45, 0), { batchSize: 1, maxConcurrency: 40 })).toHaveLength(40);
    expect(warmUpEvents('sns-deliveries', shape(0, 400), { batchSize: 10, maxConcurrency: 10 })).toHaveLength(
      10,
    );
  });

  it('counts the SNS worker in batches of topics, without an account', () => {
    const events = warmUpEvents('sns-deliveries', shape(2, 21), { batchSize: 10, maxConcurrency: 10 });
    expect(events).toHaveLength(3);
    expect(events.every((event) => event.heraldWarmUp.accountId === undefined)).toBe(true);
  });

  it('names the first account of each batch when the X worker takes several at once', () => {
    const events = warmUpEvents('x-deliveries', shape(5, 0), { batchSize: 2, maxConcurrency: 40 });
    expect(events.map((event) => event.heraldWarmUp.accountId)).toEqual(['div-1', 'div-3', 'div-5']);
  });

  it('warms nothing for a broadcast with no job on the queue, nor for another queue', () => {
    expect(warmUpEvents('x-deliveries', shape(0, 12), { batchSize: 1, maxConcurrency: 40 })).toEqual([]);
    expect(warmUpEvents('public-site', shape(3, 12), { batchSize: 1, maxConcurrency: 40 })).toEqual([]);
  });

  it('tells a warm-up from a queue event and refuses one with an unknown field', () => {
    expect(isWarmUpEvent({ heraldWarmUp: { broadcastId: 'bc_1' } })).toBe(true);
    expect(isWarmUpEvent({ Records: [] })).toBe(false);
    expect(isWarmUpEvent(null)).toBe(false);
    expect(() => WarmUpEvent.parse({ heraldWarmUp: { broadcastId: 'bc_1', extra: 1 } })).toThrow();
  });
});
