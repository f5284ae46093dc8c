import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MIN_SEND_MS, SETTLE_RESERVE_MS } from '../../../../shared/domain/delivery-policy.js';
import { ChannelError } from '../../../../shared/domain/errors.js';
import type { AudienceMessage, ProviderCall } from '../../../../shared/ports/channels.js';
import type { DeliveryLedger } from '../../../../shared/ports/repositories.js';
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

/** A promise and the functions that settle it. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

/**
 * A provider that answers only when the test says so, or gives up as ambiguous when the test says
 * the caller's deadline has passed (as the SNS adapter does at `call.deadline`), and notes the
 * deadline each call was given.
 */
class HeldPublisher extends RecordingPublisher {
  readonly deadlines: (number | undefined)[] = [];
  readonly called = deferred();
  private readonly outcome = deferred<'answered' | 'deadline passed'>();
  answer(): void {
    this.outcome.resolve('answered');
  }
  passDeadline(): void {
    this.outcome.resolve('deadline passed');
  }
  override async publish(message: AudienceMessage, call: ProviderCall = {}) {
    this.deadlines.push(call.deadline);
    this.called.resolve();
    if ((await this.outcome.promise) === 'deadline passed')
      throw new ChannelError('no answer from SNS before the deadline', { retryable: true, ambiguous: true });
    return super.publish(message);
  }
}

/** The ledger, with a way to wait until the nth lease extension has been written. */
function countingExtensions(ledger: DeliveryLedger) {
  let landed = 0;
  const waiting: { count: number; resolve: () => void }[] = [];
  const counted: DeliveryLedger = Object.assign(Object.create(ledger), {
    extendLease: async (...args: Parameters<DeliveryLedger['extendLease']>) => {
      const extended = await ledger.extendLease(...args);
      landed += 1;
      for (const w of waiting.filter((w) => w.count <= landed)) w.resolve();
      return extended;
    },
  });
  const landedCount = (count: number) =>
    count <= landed ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ count, resolve }));
  return { ledger: counted, landed: landedCount };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('delivering while the provider answers slowly', () => {
  // Time is the testbed's manual clock, and the lease's timer is faked: each third of the lease is
  // a step the test takes, so the outcome never depends on how fast the machine is.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  });

  it('waits for a publish slower than the whole lease, holding the lease, and publishes once', async () => {
    const { sns } = await bed.planned();
    const publisher = new HeldPublisher();
    const extensions = countingExtensions(deps.ledger);
    const worker = {
      ...deps,
      ledger: extensions.ledger,
      publisher,
      settings: { leaseMs: 300, maxAttempts: 3 },
    };

    const first = deliver(worker, sns, 'worker-1');
    await publisher.called.promise;
    // Seven thirds of the lease, over two lease lengths, with no answer: extended every third.
    for (let third = 1; third <= 7; third++) {
      deps.clock.advance(100);
      await vi.advanceTimersByTimeAsync(100);
      await extensions.landed(third);
    }
    const during = await deps.ledger.get(sns);
    expect(during?.status).toBe('SENDING');
    expect(during?.leaseUntil).toBe(deps.clock.now().getTime() + 300);
    // The reconciler finds nothing lost and a second worker takes nothing.
    const requeued = new RecordingQueue();
    await reconcile({ ...worker, queue: requeued }, { staleAfterMs: 0 });
    expect(requeued.take().map((s) => s.job.channel)).not.toContain('sns');
    await deliver(worker, sns, 'worker-2');
    publisher.answer();
    await first;

    expect(publisher.messages).toHaveLength(1);
    expect(await deps.ledger.get(sns)).toMatchObject({ status: 'SENT', attempts: 1 });
  });

  it("records UNKNOWN when the invocation's time runs out before the provider answers", async () => {
    const { sns } = await bed.planned();
    const publisher = new HeldPublisher();
    // Just enough to claim.
    const remaining = SETTLE_RESERVE_MS + MIN_SEND_MS;
    const claimedAt = deps.clock.now().getTime();

    const delivering = deliver({ ...deps, publisher }, sns, 'worker-1', { remainingMs: () => remaining });
    await publisher.called.promise;
    // The provider may wait until the invocation's end less what settling needs, and no longer.
    expect(publisher.deadlines).toEqual([claimedAt + remaining - SETTLE_RESERVE_MS]);
    deps.clock.advance(MIN_SEND_MS);
    publisher.passDeadline();
    await delivering;

    expect(await deps.ledger.get(sns)).toMatchObject({ status: 'UNKNOWN', attempts: 1 });
  });

  it('leaves the delivery unclaimed when the invocation has too little time left to send', async () => {
    const { sns } = await bed.planned();

    await expect(deliver(deps, sns, 'worker-1', { remainingMs: () => SETTLE_RESERVE_MS })).rejects.toThrow(
      /too little time/,
    );

    expect(await deps.ledger.get(sns)).toMatchObject({ status: 'PENDING', attempts: 0 });
  });

  it('writes nothing extra when the send ends within a third of the lease', async () => {
    const { sns } = await bed.planned();
    const lines = capturingLogger();

    await deliver(
      { ...deps, log: lines.log, settings: { leaseMs: 60_000, maxAttempts: 3 } },
      sns,
      'worker-1',
    );

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
