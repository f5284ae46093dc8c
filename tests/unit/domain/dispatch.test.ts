import { describe, expect, it } from 'vitest';
import type { Delivery, DeliveryStatus } from '../../../shared/domain/broadcast.js';
import { backoffMs, isTerminal, queueFor, summarizeDeliveries } from '../../../shared/domain/dispatch.js';

let sequence = 0;

function delivery(status: DeliveryStatus, sentAt?: string): Delivery {
  sequence += 1;
  return {
    broadcastId: 'bc_0000000000aaaaaaaaaaaaaaaa',
    channel: 'x',
    target: `div-${sequence}`,
    status,
    attempts: status === 'PENDING' ? 0 : 1,
    notBefore: 0,
    providerIds: status === 'SENT' ? [`post-${sequence}`] : [],
    ...(sentAt ? { sentAt } : {}),
    history: [],
  };
}

const deliveries = (...statuses: DeliveryStatus[]) => statuses.map((status) => delivery(status));

describe('summarizing the deliveries of a broadcast', () => {
  describe('the aggregate status', () => {
    it('is dispatching while nothing is planned yet', () => {
      const summary = summarizeDeliveries([]);

      expect(summary.status).toBe('DISPATCHING');
      expect(summary.settled).toBe(0);
    });

    it.each(['PENDING', 'SENDING', 'UNKNOWN'] as const)(
      'is dispatching while a delivery is %s, even if the others are final',
      (open) => {
        expect(summarizeDeliveries(deliveries('SENT', 'FAILED', open)).status).toBe('DISPATCHING');
      },
    );

    it('is delivered when every delivery was sent', () => {
      expect(summarizeDeliveries(deliveries('SENT', 'SENT', 'SENT')).status).toBe('DELIVERED');
    });

    it('is failed when every delivery failed', () => {
      expect(summarizeDeliveries(deliveries('FAILED', 'FAILED')).status).toBe('FAILED');
    });

    it('is partially delivered when some were sent and the others failed', () => {
      expect(summarizeDeliveries(deliveries('SENT', 'FAILED', 'SENT')).status).toBe('PARTIALLY_DELIVERED');
    });

    it('is delivered for a single sent delivery', () => {
      expect(summarizeDeliveries(deliveries('SENT')).status).toBe('DELIVERED');
    });
  });

  describe('the counts', () => {
    it('counts each status', () => {
      const summary = summarizeDeliveries(
        deliveries('PENDING', 'SENDING', 'SENDING', 'SENT', 'SENT', 'SENT', 'FAILED', 'UNKNOWN'),
      );

      expect(summary.counts).toEqual({ PENDING: 1, SENDING: 2, SENT: 3, FAILED: 1, UNKNOWN: 1 });
    });

    it('counts zero for every status when there is no delivery', () => {
      expect(summarizeDeliveries([]).counts).toEqual({
        PENDING: 0,
        SENDING: 0,
        SENT: 0,
        FAILED: 0,
        UNKNOWN: 0,
      });
    });

    it('settles only sent and failed deliveries, not unknown ones', () => {
      const summary = summarizeDeliveries(
        deliveries('SENT', 'FAILED', 'UNKNOWN', 'PENDING', 'SENDING', 'SENT'),
      );

      expect(summary.settled).toBe(3);
    });
  });

  describe('the delivery times', () => {
    it('gives the earliest and the latest sent time, whatever the order of the deliveries', () => {
      const summary = summarizeDeliveries([
        delivery('SENT', '2026-11-22T10:00:05.000Z'),
        delivery('SENT', '2026-11-22T10:00:01.000Z'),
        delivery('PENDING'),
        delivery('SENT', '2026-11-22T10:00:09.000Z'),
        delivery('SENT', '2026-11-22T10:00:03.000Z'),
      ]);

      expect(summary.firstDeliveredAt).toBe('2026-11-22T10:00:01.000Z');
      expect(summary.lastDeliveredAt).toBe('2026-11-22T10:00:09.000Z');
    });

    it('gives the same first and last time for one sent delivery', () => {
      const summary = summarizeDeliveries([delivery('SENT', '2026-11-22T10:00:05.000Z'), delivery('FAILED')]);

      expect(summary.firstDeliveredAt).toBe('2026-11-22T10:00:05.000Z');
      expect(summary.lastDeliveredAt).toBe('2026-11-22T10:00:05.000Z');
    });

    it('gives no time when nothing was sent', () => {
      const summary = summarizeDeliveries(deliveries('FAILED', 'PENDING'));

      expect(summary).not.toHaveProperty('firstDeliveredAt');
      expect(summary).not.toHaveProperty('lastDeliveredAt');
    });
  });
});

describe('telling a final delivery from an open one', () => {
  it.each(['SENT', 'FAILED'] as const)('treats %s as final', (status) => {
    expect(isTerminal(status)).toBe(true);
  });

  it.each(['PENDING', 'SENDING', 'UNKNOWN'] as const)('treats %s as still open', (status) => {
    expect(isTerminal(status)).toBe(false);
  });
});

describe('backing off before a retry', () => {
  const highest = () => 1 - Number.EPSILON;
  const lowest = () => 0;

  it('grows exponentially from the base delay', () => {
    const delays = [1, 2, 3, 4, 5].map((attempt) => backoffMs(attempt, highest));

    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('waits at least half the ceiling', () => {
    const delays = [1, 2, 3, 4, 5].map((attempt) => backoffMs(attempt, lowest));

    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000]);
  });

  it('stays within half the ceiling and the ceiling for any random value', () => {
    const randoms = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999999];
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(60_000, 1_000 * 2 ** (attempt - 1));
      for (const r of randoms) {
        const delay = backoffMs(attempt, () => r);

        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('is capped at the maximum delay', () => {
    expect(backoffMs(7, highest)).toBe(60_000);
    expect(backoffMs(30, highest)).toBe(60_000);
    expect(backoffMs(5_000, highest)).toBe(60_000);
    expect(backoffMs(5_000, lowest)).toBe(30_000);
  });

  it('uses the injected random source, once', () => {
    let calls = 0;
    const random = () => {
      calls += 1;
      return 0.5;
    };

    const delay = backoffMs(3, random);

    expect(delay).toBe(3_000);
    expect(calls).toBe(1);
  });

  it('treats attempt zero as the first attempt', () => {
    expect(backoffMs(0, highest)).toBe(1_000);
  });

  it('honours a custom base and cap', () => {
    expect(backoffMs(1, highest, 200, 1_000)).toBe(200);
    expect(backoffMs(3, highest, 200, 1_000)).toBe(800);
    expect(backoffMs(4, highest, 200, 1_000)).toBe(1_000);
  });

  it('returns whole milliseconds', () => {
    expect(Number.isInteger(backoffMs(2, () => 0.123456))).toBe(true);
  });
});

describe('choosing the queue of a delivery', () => {
  it('sends X deliveries to the X queue', () => {
    expect(queueFor('x')).toBe('x-deliveries');
  });

  it('sends SNS deliveries to the SNS queue', () => {
    expect(queueFor('sns')).toBe('sns-deliveries');
  });
});
