import { beforeEach, describe, expect, it } from 'vitest';
import { MIN_SEND_MS, SETTLE_RESERVE_MS } from '../../../../shared/domain/delivery-policy.js';
import { ChannelError } from '../../../../shared/domain/errors.js';
import type { AudienceMessage, ProviderCall } from '../../../../shared/ports/channels.js';
import { systemClock } from '../../../../shared/runtime/system.js';
import { deliver } from '../../../../shared/use-cases/delivery/deliver.js';
import { reconcile } from '../../../../shared/use-cases/reconcile.js';
import { capturingLogger, RecordingPublisher, RecordingQueue } from '../../../support/recording-ports.js';
import { type DeliveryTestDeps, deliveryTestbed } from './testbed.js';

/** The lease and the invocation's deadline (D23): a slow provider is waited for, never sent to twice. */

const bed = deliveryTestbed();
let deps: DeliveryTestDeps;
beforeEach(() => {
  deps = bed.deps;
});

/** A provider that answers after `delayMs`, or gives up as ambiguous at the caller's deadline. */
class SlowPublisher extends RecordingPublisher {
  constructor(private readonly delayMs: number) {
    super();
  }
  override async publish(message: AudienceMessage, call: ProviderCall = {}) {
    const waitMs = Math.min(this.delayMs, (call.deadline ?? Number.POSITIVE_INFINITY) - Date.now());
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, waitMs)));
    if (waitMs < this.delayMs)
      throw new ChannelError('no answer from SNS before the deadline', { retryable: true, ambiguous: true });
    return super.publish(message);
  }
}

describe('delivering while the provider answers slowly', () => {
  // Real time here: the lease is extended by a timer, and its end is read against the clock.
  const slow = (delayMs: number) => ({
    ...deps,
    clock: systemClock,
    publisher: new SlowPublisher(delayMs),
    settings: { leaseMs: 300, maxAttempts: 3 },
  });

  it('waits for a publish slower than the whole lease, holding the lease, and publishes once', async () => {
    const { sns } = await bed.planned();
    const worker = slow(1_000);

    const first = deliver(worker, sns, 'worker-1');
    await new Promise((resolve) => setTimeout(resolve, 700));
    // Two lease lengths in: the reconciler finds nothing lost and a second worker takes nothing.
    const during = await deps.ledger.get(sns);
    expect(during?.status).toBe('SENDING');
    expect(during?.leaseUntil).toBeGreaterThan(Date.now());
    const requeued = new RecordingQueue();
    await reconcile({ ...worker, queue: requeued }, { staleAfterMs: 0 });
    expect(requeued.take().map((s) => s.job.channel)).not.toContain('sns');
    await deliver(worker, sns, 'worker-2');
    await first;

    expect(worker.publisher.messages).toHaveLength(1);
    expect(await deps.ledger.get(sns)).toMatchObject({ status: 'SENT', attempts: 1 });
  });

  it("records UNKNOWN when the invocation's time runs out before the provider answers", async () => {
    const { sns } = await bed.planned();
    const worker = slow(5_000);
    // Just enough to claim: the moments before `deliver` reads it (a millisecond that ticks over
    // under load) must not take it below the least a send is given.
    const remaining = SETTLE_RESERVE_MS + MIN_SEND_MS + 200;
    const started = Date.now();

    await deliver(worker, sns, 'worker-1', { remainingMs: () => remaining - (Date.now() - started) });

    expect(Date.now() - started).toBeLessThan(MIN_SEND_MS + 1_000);
    expect(await deps.ledger.get(sns)).toMatchObject({ status: 'UNKNOWN', attempts: 1 });
  });

  it('leaves the delivery unclaimed when the invocation has too little time left to send', async () => {
    const { sns } = await bed.planned();

    await expect(deliver(slow(0), sns, 'worker-1', { remainingMs: () => SETTLE_RESERVE_MS })).rejects.toThrow(
      /too little time/,
    );

    expect(await deps.ledger.get(sns)).toMatchObject({ status: 'PENDING', attempts: 0 });
  });

  it('writes nothing extra when the send ends within a third of the lease', async () => {
    const { sns } = await bed.planned();
    const worker = { ...slow(0), settings: { leaseMs: 60_000, maxAttempts: 3 } };
    const lines = capturingLogger();

    await deliver({ ...worker, log: lines.log }, sns, 'worker-1');

    expect(lines.lines.filter((l) => /lease/.test(l.message))).toEqual([]);
    expect((await deps.ledger.get(sns))?.history.map((h) => h.to)).toEqual(['PENDING', 'SENDING', 'SENT']);
  });
});

describe('taking over a lease', () => {
  it('never takes a lease its holder extended after another worker read it as expired', async () => {
    const { sns } = await bed.planned();
    const lease = (token: string) => ({
      token,
      until: deps.clock.now().getTime() + 1_000,
      at: deps.clock.now().toISOString(),
      actor: token,
    });
    const holder = await deps.ledger.claim((await deps.ledger.get(sns))!, lease('holder'));
    deps.clock.advance(2_000);
    const readAsExpired = await deps.ledger.get(sns);
    // The holder is alive and extends its lease between the other worker's read and its claim.
    expect(await deps.ledger.extendLease(holder!, deps.clock.now().getTime() + 1_000)).toBe(true);

    expect(await deps.ledger.claim(readAsExpired!, lease('taker'))).toBeUndefined();
    deps.clock.advance(2_000);
    expect(await deps.ledger.claim(readAsExpired!, lease('taker'))).toMatchObject({ leaseToken: 'taker' });
  });
});
