import { beforeEach, describe, expect, it } from 'vitest';
import type { Broadcast } from '../../../../shared/domain/broadcast.js';
import { ChannelError } from '../../../../shared/domain/errors.js';
import { deliver } from '../../../../shared/use-cases/delivery/deliver.js';
import { reconcile } from '../../../../shared/use-cases/reconcile.js';
import { approvedBroadcast } from '../../../fixtures/broadcast.js';
import { capturingLogger } from '../../../support/recording-ports.js';
import { type DeliveryTestDeps, deliveryTestbed } from './testbed.js';

/** The claim and settle protocol of every channel (deliver.ts); senders and the lease have their own files. */

const bed = deliveryTestbed();
let deps: DeliveryTestDeps;
beforeEach(() => {
  deps = bed.deps;
});

describe('delivering a job', () => {
  it('sends nothing when the same job is delivered again after it was sent', async () => {
    const { x } = await bed.planned();
    await deliver(deps, x, 'test');
    await deliver(deps, x, 'test');
    expect(deps.poster.postsOf('div-14')).toHaveLength(1);
  });

  it('sends once when two workers take the same job at the same moment', async () => {
    const { x } = await bed.planned();
    await Promise.all([deliver(deps, x, 'a'), deliver(deps, x, 'b'), deliver(deps, x, 'c')]);
    expect(deps.poster.postsOf('div-14')).toHaveLength(1);
    expect((await deps.ledger.get(x))?.status).toBe('SENT');
  });

  it('takes its lease token from the Ids port', async () => {
    const { sns } = await bed.planned();
    const ledger = deps.ledger;
    const tokens: string[] = [];
    const watched = {
      ...deps,
      ids: { next: (prefix: string) => `${prefix}_from-ids` },
      ledger: Object.assign(Object.create(ledger), {
        claim: (...args: Parameters<typeof ledger.claim>) => {
          tokens.push(args[1].token);
          return ledger.claim(...args);
        },
      }),
    };

    await deliver(watched, sns, 'test');

    expect(tokens).toEqual(['lease_from-ids']);
    expect((await deps.ledger.get(sns))?.status).toBe('SENT');
  });

  it('ends quietly on a job whose delivery is done, even when its broadcast can no longer be read', async () => {
    const { x } = await bed.planned();
    await deliver(deps, x, 'test');
    const unreadable = { ...deps, broadcasts: { get: () => Promise.reject(new Error('table unavailable')) } };

    await deliver(unreadable, x, 'test');

    expect(deps.poster.postsOf('div-14')).toHaveLength(1);
  });

  it('marks the broadcast delivered at the next reconciliation once every delivery is sent', async () => {
    const { broadcast, x, sns } = await bed.planned();
    await deliver(deps, x, 'test');
    await deliver(deps, sns, 'test');
    await reconcile({ ...deps }, { staleAfterMs: 30_000 });
    const stored = (await deps.broadcasts.get(broadcast.id)) as Broadcast;
    expect(stored.dispatch?.status).toBe('DELIVERED');
    expect(await deps.broadcasts.listDispatching()).not.toContainEqual(
      expect.objectContaining({ id: broadcast.id }),
    );
  });
});

describe('delivering when the provider fails', () => {
  it('retries a transient failure later with a delayed job, then sends', async () => {
    const { x } = await bed.planned();
    deps.poster.script.push({ error: new ChannelError('503', { retryable: true }) });
    await deliver(deps, x, 'test');
    const waiting = await deps.ledger.get(x);
    expect(waiting).toMatchObject({ status: 'PENDING', attempts: 1, error: '503' });
    const [retry] = deps.queue.take();
    expect(retry?.delaySeconds).toBeGreaterThan(0);

    await deliver(deps, x, 'test');
    expect(deps.poster.postsOf('div-14')).toHaveLength(0);
    deps.clock.advance(120_000);
    await deliver(deps, x, 'test');
    expect(deps.poster.postsOf('div-14')).toHaveLength(1);
    expect((await deps.ledger.get(x))?.status).toBe('SENT');
  });

  it('waits until the rate-limit reset the provider gave', async () => {
    const { x } = await bed.planned();
    const resetAt = deps.clock.now().getTime() + 600_000;
    deps.poster.script.push({ error: new ChannelError('429', { retryable: true, retryAt: resetAt }) });
    await deliver(deps, x, 'test');
    expect(await deps.ledger.get(x)).toMatchObject({ notBefore: resetAt, attempts: 1, waits: 1 });
    expect(deps.queue.take()[0]?.delaySeconds).toBe(600);
  });

  it('gives up as FAILED after the attempt limit', async () => {
    const { broadcast, x } = await bed.planned();
    for (let i = 0; i < 3; i++) {
      deps.poster.script.push({ error: new ChannelError('503', { retryable: true }) });
      await deliver(deps, x, 'test');
      deps.clock.advance(120_000);
    }
    const failed = await deps.ledger.get(x);
    expect(failed?.status).toBe('FAILED');
    expect(failed?.error).toBe('gave up after 3 failed attempts: 503');
    expect(deps.poster.posts).toHaveLength(0);
    // The SNS delivery is still pending: the broadcast stays on the reconciler's list.
    expect((await deps.broadcasts.listDispatching()).map((b) => b.id)).toContain(broadcast.id);
  });

  it('keeps retrying after two rate-limit waits and a 503 with three attempts allowed, then sends', async () => {
    const { x } = await bed.planned();
    for (let i = 0; i < 2; i++) {
      const resetAt = deps.clock.now().getTime() + 60_000;
      deps.poster.script.push({ error: new ChannelError('429', { retryable: true, retryAt: resetAt }) });
      await deliver(deps, x, 'test');
      deps.clock.advance(60_000);
    }
    deps.poster.script.push({ error: new ChannelError('503', { retryable: true }) });
    await deliver(deps, x, 'test');
    expect(await deps.ledger.get(x)).toMatchObject({
      status: 'PENDING',
      attempts: 3,
      waits: 2,
      error: '503',
    });

    deps.clock.advance(120_000);
    await deliver(deps, x, 'test');
    expect(await deps.ledger.get(x)).toMatchObject({ status: 'SENT', attempts: 4, waits: 2 });
    expect(deps.poster.postsOf('div-14')).toHaveLength(1);
  });

  it('gives up after three failures however many rate-limit waits came between them', async () => {
    const { x } = await bed.planned();
    const limited = () =>
      new ChannelError('429', { retryable: true, retryAt: deps.clock.now().getTime() + 60_000 });
    const unavailable = () => new ChannelError('503', { retryable: true });
    for (const failure of [limited, unavailable, limited, unavailable, unavailable]) {
      deps.poster.script.push({ error: failure() });
      await deliver(deps, x, 'test');
      deps.clock.advance(120_000);
    }
    expect(await deps.ledger.get(x)).toMatchObject({
      status: 'FAILED',
      attempts: 5,
      waits: 2,
      error: 'gave up after 3 failed attempts: 503',
    });
    expect(deps.poster.posts).toHaveLength(0);
  });

  it('fails a revoked account at once with the reason and leaves other deliveries alone', async () => {
    const { x, sns } = await bed.planned();
    deps.poster.script.push({
      error: new ChannelError('account revoked or suspended (401)', { retryable: false }),
    });
    await deliver(deps, x, 'test');
    await deliver(deps, sns, 'test');
    expect(await deps.ledger.get(x)).toMatchObject({
      status: 'FAILED',
      error: 'account revoked or suspended (401)',
    });
    expect((await deps.ledger.get(sns))?.status).toBe('SENT');
  });

  it('settles a timed-out post by finding it instead of posting again', async () => {
    const { x } = await bed.planned();
    deps.poster.script.push({
      error: new ChannelError('timeout', { retryable: true, ambiguous: true }),
      accept: true,
    });
    await deliver(deps, x, 'test');
    expect((await deps.ledger.get(x))?.status).toBe('UNKNOWN');

    await deliver(deps, x, 'test');
    expect(deps.poster.postsOf('div-14')).toHaveLength(1);
    expect(await deps.ledger.get(x)).toMatchObject({
      status: 'SENT',
      providerIds: [deps.poster.posts[0]?.id],
    });
  });

  it('records an unexpected error as UNKNOWN and logs it', async () => {
    const { sns } = await bed.planned();
    const captured = capturingLogger();
    deps.publisher.script.push(new Error('socket hang up'));

    await deliver({ ...deps, log: captured.log }, sns, 'test');

    expect(await deps.ledger.get(sns)).toMatchObject({ status: 'UNKNOWN', error: 'socket hang up' });
    expect(captured.lines).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'unexpected error while sending' }),
    );
  });
});

describe('delivering after a crash', () => {
  it('plans an approved broadcast that crashed before planning, exactly once', async () => {
    const broadcast = approvedBroadcast();
    await deps.broadcasts.create({ ...broadcast, status: 'PENDING_APPROVAL' });
    await deps.broadcasts.approve(broadcast.id, broadcast.approval!, {
      at: 'now',
      actor: 'b',
      from: 'PENDING_APPROVAL',
      to: 'APPROVED',
    });

    await reconcile({ ...deps }, { staleAfterMs: 30_000 });
    await reconcile({ ...deps }, { staleAfterMs: 0 });
    const jobs = deps.queue.take();
    for (const { job } of jobs) await deliver(deps, job, 'test');

    expect(deps.poster.postsOf('div-14')).toHaveLength(1);
    expect(deps.publisher.messages.filter((m) => m.attributes.broadcastId === broadcast.id)).toHaveLength(1);
  });
});
