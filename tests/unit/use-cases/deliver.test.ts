import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoBroadcastRepository } from '../../../shared/adapters/dynamo/broadcast-repository.js';
import { DynamoDeliveryLedger } from '../../../shared/adapters/dynamo/delivery-ledger.js';
import { DynamoXPostBudget } from '../../../shared/adapters/dynamo/x-budget.js';
import type { Broadcast, DeliveryJob } from '../../../shared/domain/broadcast.js';
import { ChannelError, DuplicateContentError } from '../../../shared/domain/errors.js';
import type { AudienceMessage, ProviderCall } from '../../../shared/ports/channels.js';
import { systemClock } from '../../../shared/runtime/system.js';
import {
  type DeliverDeps,
  deliver,
  MIN_SEND_MS,
  SETTLE_RESERVE_MS,
} from '../../../shared/use-cases/deliver.js';
import { planDispatch } from '../../../shared/use-cases/plan-dispatch.js';
import { reconcile } from '../../../shared/use-cases/reconcile.js';
import { approvedBroadcast } from '../../fixtures/broadcast.js';
import { startTestTable, type TestTable } from '../../support/dynamo.js';
import {
  capturingLogger,
  ManualClock,
  RecordingPoster,
  RecordingPublisher,
  RecordingQueue,
} from '../../support/recording-ports.js';

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => table.close());

let deps: DeliverDeps & {
  poster: RecordingPoster;
  publisher: RecordingPublisher;
  queue: RecordingQueue;
  clock: ManualClock;
};
let sequence = 0;

beforeEach(async () => {
  const tableName = await table.freshTable();
  deps = {
    ledger: new DynamoDeliveryLedger(table.db, tableName),
    broadcasts: new DynamoBroadcastRepository(table.db, tableName),
    queue: new RecordingQueue(),
    poster: new RecordingPoster(),
    publisher: new RecordingPublisher(),
    xBudget: new DynamoXPostBudget(table.db, tableName, 10_000),
    clock: new ManualClock(),
    log: capturingLogger().log,
    settings: { leaseMs: 60_000, maxAttempts: 3 },
    random: () => 0.5,
  };
});

const usedBudget = async () =>
  (await deps.xBudget.usage(deps.clock.now())).hours.reduce((n, hour) => n + hour.used, 0);

/** Stores an approved broadcast, plans it, and returns its X and SNS jobs. */
async function planned(overrides: Parameters<typeof approvedBroadcast>[0] = {}, reserveXBudget = false) {
  sequence += 1;
  const broadcast = approvedBroadcast({ id: `bc_${String(sequence).padStart(26, '0')}`, ...overrides });
  await deps.broadcasts.create({ ...broadcast, status: 'PENDING_APPROVAL' });
  const approved = await deps.broadcasts.approve(broadcast.id, broadcast.approval!, {
    at: broadcast.approval!.at,
    actor: 'inspector.ben',
    from: 'PENDING_APPROVAL',
    to: 'APPROVED',
  });
  await planDispatch(deps, approved, 'inspector.ben', { reserveXBudget });
  const jobs = deps.queue.take().map((s) => s.job);
  return {
    broadcast: approved,
    x: jobs.find((j) => j.channel === 'x') as DeliveryJob,
    sns: jobs.find((j) => j.channel === 'sns') as DeliveryJob,
  };
}

describe('delivering a job', () => {
  it('posts the thread in order as replies and records every post id', async () => {
    const { broadcast, x } = await planned({
      thread: ['one (1/3)', 'two (2/3)', 'three (3/3)'].map((t) => `${t} https://alerts.example.org/b/x`),
    });
    await deliver(deps, x, 'test');
    const posts = deps.poster.postsOf('div-14');
    expect(posts.map((p) => p.text)).toEqual(broadcast.content.xThread);
    expect(posts[1]?.inReplyTo).toBe(posts[0]?.id);
    expect(posts[2]?.inReplyTo).toBe(posts[1]?.id);
    const delivery = await deps.ledger.get(x);
    expect(delivery).toMatchObject({ status: 'SENT', attempts: 1, providerIds: posts.map((p) => p.id) });
  });

  it('publishes one message with the language body and attributes to the topic', async () => {
    const { broadcast, sns } = await planned();
    await deliver(deps, sns, 'test');
    expect(deps.publisher.messages).toHaveLength(1);
    expect(deps.publisher.messages[0]).toMatchObject({
      topic: 'area-14-en',
      sms: broadcast.content.languages.en?.sms.text,
      email: broadcast.content.languages.en?.email.body,
      attributes: {
        broadcastId: broadcast.id,
        category: 'weapons-call',
        severity: 'Severe',
        status: 'Actual',
      },
    });
  });

  it('posts nothing when the same job is delivered again after it was sent', async () => {
    const { x } = await planned();
    await deliver(deps, x, 'test');
    await deliver(deps, x, 'test');
    expect(deps.poster.postsOf('div-14')).toHaveLength(1);
  });

  it('posts once when two workers take the same job at the same moment', async () => {
    const { x } = await planned();
    await Promise.all([deliver(deps, x, 'a'), deliver(deps, x, 'b'), deliver(deps, x, 'c')]);
    expect(deps.poster.postsOf('div-14')).toHaveLength(1);
    expect((await deps.ledger.get(x))?.status).toBe('SENT');
  });

  it('marks the broadcast delivered at the next reconciliation once every delivery is sent', async () => {
    const { broadcast, x, sns } = await planned();
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
    const { x } = await planned();
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
    const { x } = await planned();
    const resetAt = deps.clock.now().getTime() + 600_000;
    deps.poster.script.push({ error: new ChannelError('429', { retryable: true, retryAt: resetAt }) });
    await deliver(deps, x, 'test');
    expect((await deps.ledger.get(x))?.notBefore).toBe(resetAt);
    expect(deps.queue.take()[0]?.delaySeconds).toBe(600);
  });

  it("waits without posting when the X app's 24-hour budget is used up, and posts once it frees", async () => {
    const { x } = await planned();
    const tableName = await table.freshTable();
    deps.xBudget = new DynamoXPostBudget(table.db, tableName, 1);
    await deps.xBudget.reserve(1, deps.clock.now());

    await deliver(deps, x, 'test');
    const waiting = await deps.ledger.get(x);
    expect(waiting?.status).toBe('PENDING');
    expect(waiting?.error).toMatch(/budget/);
    expect(waiting?.notBefore).toBeGreaterThanOrEqual(deps.clock.now().getTime() + 23 * 3_600_000);
    expect(deps.poster.posts).toHaveLength(0);

    deps.clock.advance(24 * 3_600_000);
    await deliver(deps, x, 'test');
    expect((await deps.ledger.get(x))?.status).toBe('SENT');
  });

  it("counts the broadcast's X posts once when it is approved, and a first attempt then reserves nothing more", async () => {
    const { broadcast, x } = await planned({}, true);
    const posts =
      broadcast.targets.filter((t) => t.channel === 'x').length * broadcast.content.xThread.length;
    expect(await usedBudget()).toBe(posts);
    expect((await deps.ledger.get(x))?.budgetReserved).toBe(true);
    await deliver(deps, x, 'test');
    expect((await deps.ledger.get(x))?.status).toBe('SENT');
    expect(await usedBudget()).toBe(posts);
  });

  it('reserves again for a retry after a failed first attempt of a reserved delivery', async () => {
    const { broadcast, x } = await planned({}, true);
    const posts =
      broadcast.targets.filter((t) => t.channel === 'x').length * broadcast.content.xThread.length;
    deps.poster.script.push({ error: new ChannelError('503', { retryable: true }) });
    await deliver(deps, x, 'test');
    deps.clock.advance(120_000);
    await deliver(deps, x, 'test');
    expect((await deps.ledger.get(x))?.status).toBe('SENT');
    expect(await usedBudget()).toBe(posts + broadcast.content.xThread.length);
  });

  it('logs the budget metric with every granted reservation, on approval and by a worker', async () => {
    const captured = capturingLogger();
    deps.log = captured.log;
    const metrics = () => captured.lines.filter((line) => line.metric === 'XBudgetUsedPercent');

    const { x } = await planned({}, true);
    expect(metrics()).toHaveLength(1);

    deps.poster.script.push({ error: new ChannelError('503', { retryable: true }) });
    await deliver(deps, x, 'test');
    deps.clock.advance(120_000);
    await deliver(deps, x, 'test');
    expect(metrics()).toHaveLength(2);
    expect(metrics()[1]).toMatchObject({ message: 'x budget reserved', usedPercent: expect.any(Number) });
  });

  it('gives up as FAILED after the attempt limit', async () => {
    const { broadcast, x } = await planned();
    for (let i = 0; i < 3; i++) {
      deps.poster.script.push({ error: new ChannelError('503', { retryable: true }) });
      await deliver(deps, x, 'test');
      deps.clock.advance(120_000);
    }
    const failed = await deps.ledger.get(x);
    expect(failed?.status).toBe('FAILED');
    expect(failed?.error).toMatch(/gave up after 3 attempts/);
    expect(deps.poster.posts).toHaveLength(0);
    // The SNS delivery is still pending: the broadcast stays on the reconciler's list.
    expect((await deps.broadcasts.listDispatching()).map((b) => b.id)).toContain(broadcast.id);
  });

  it('fails a revoked account at once with the reason and leaves other deliveries alone', async () => {
    const { x, sns } = await planned();
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
    const { x } = await planned();
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

  it('treats duplicate content as already posted and records the earlier post', async () => {
    const { broadcast, x } = await planned();
    deps.poster.posts.push({ accountId: 'div-14', id: '77', text: broadcast.content.xThread[0] as string });
    deps.poster.script.push({ error: new DuplicateContentError() });
    await deliver(deps, x, 'test');
    expect(await deps.ledger.get(x)).toMatchObject({ status: 'SENT', providerIds: ['77'] });
  });
});

describe('delivering a thread that fails part-way', () => {
  it('keeps the posts already made and continues from the next one on retry', async () => {
    const { broadcast, x } = await planned({
      thread: ['one (1/2)', 'two (2/2)'].map((t) => `${t} https://alerts.example.org/b/part`),
      targets: [{ channel: 'x', target: 'div-14' }],
    });
    const firstPost = deps.poster.post.bind(deps.poster);
    let calls = 0;
    deps.poster.post = async (request) => {
      calls += 1;
      if (calls === 2) throw new ChannelError('503', { retryable: true });
      return firstPost(request);
    };
    await deliver(deps, x, 'test');
    expect(await deps.ledger.get(x)).toMatchObject({
      status: 'PENDING',
      providerIds: [deps.poster.posts[0]?.id],
    });

    deps.clock.advance(120_000);
    await deliver(deps, x, 'test');
    const posts = deps.poster.postsOf('div-14');
    expect(posts.map((p) => p.text)).toEqual(broadcast.content.xThread);
    expect(posts[1]?.inReplyTo).toBe(posts[0]?.id);
  });
});

describe('delivering after a crash', () => {
  it('continues a half-posted thread after the lease expired, without posting any part twice', async () => {
    const id = 'bc_crashcrashcrashcrashcrash0';
    const link = `https://alerts.example.org/b/${id}`;
    const { x } = await planned({
      id,
      thread: [`a (1/3) ${link}`, `b (2/3) ${link}`, `c (3/3) ${link}`],
      targets: [{ channel: 'x', target: 'div-14' }],
    });
    // A worker claimed the job, posted two parts and died before recording the second.
    const seen = await deps.ledger.get(x);
    await deps.ledger.claim(seen!, {
      token: 't',
      until: deps.clock.now().getTime() + 60_000,
      at: deps.clock.now().toISOString(),
      actor: 'dead',
    });
    const first = await deps.poster.post({ accountId: 'div-14', text: `a (1/3) ${link}` });
    await deps.poster.post({ accountId: 'div-14', text: `b (2/3) ${link}`, inReplyTo: first.id });

    deps.clock.advance(61_000);
    const report = await reconcile({ ...deps }, { staleAfterMs: 30_000 });
    expect(report.requeued).toBe(1);
    await deliver(deps, deps.queue.take()[0]!.job, 'test');

    expect(deps.poster.postsOf('div-14').map((p) => p.text.slice(0, 7))).toEqual([
      'a (1/3)',
      'b (2/3)',
      'c (3/3)',
    ]);
    expect((await deps.ledger.get(x))?.status).toBe('SENT');
  });

  it('plans an approved broadcast that crashed before planning, exactly once', async () => {
    sequence += 1;
    const broadcast = approvedBroadcast({ id: `bc_${String(sequence).padStart(26, '0')}` });
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

describe('planning a broadcast', () => {
  it('queues every X job before it writes the first topic delivery', async () => {
    const events: string[] = [];
    const ledger = deps.ledger;
    const recording: DeliverDeps = {
      ...deps,
      ledger: Object.assign(Object.create(ledger), {
        plan: async (deliveries: Parameters<typeof ledger.plan>[0]) => {
          events.push(...deliveries.map((d) => `write ${d.channel}`));
          await ledger.plan(deliveries);
        },
      }),
      queue: {
        send: async (queue, jobs) => {
          events.push(...jobs.map(() => `queue ${queue}`));
        },
      },
    };
    sequence += 1;
    const broadcast = approvedBroadcast({
      id: `bc_${String(sequence).padStart(26, '0')}`,
      targets: [
        { channel: 'sns', target: 'area-14-en', language: 'en' },
        { channel: 'x', target: 'div-14' },
        { channel: 'sns', target: 'area-14-fr', language: 'fr' },
        { channel: 'x', target: 'hq' },
      ],
    });
    await deps.broadcasts.create(broadcast);

    await planDispatch(recording, broadcast, 'inspector.ben');

    const lastXJob = events.lastIndexOf('queue x-deliveries');
    const firstTopicWrite = events.indexOf('write sns');
    expect(events.filter((e) => e === 'queue x-deliveries')).toHaveLength(2);
    expect(events.filter((e) => e === 'queue sns-deliveries')).toHaveLength(2);
    expect(lastXJob).toBeLessThan(firstTopicWrite);
  });
});

describe('delivering a follow-up', () => {
  it('replies to the original post of the same account', async () => {
    const original = await planned();
    await deliver(deps, original.x, 'test');
    const originalPost = deps.poster.postsOf('div-14')[0];

    const followUp = await planned({ follows: original.broadcast.id, kind: 'update', msgType: 'Update' });
    await deliver(deps, followUp.x, 'test');
    expect(deps.poster.postsOf('div-14')[1]?.inReplyTo).toBe(originalPost?.id);
  });
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
    const { sns } = await planned();
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
    const { sns } = await planned();
    const worker = slow(5_000);
    const remaining = SETTLE_RESERVE_MS + MIN_SEND_MS;
    const started = Date.now();

    await deliver(worker, sns, 'worker-1', { remainingMs: () => remaining - (Date.now() - started) });

    expect(Date.now() - started).toBeLessThan(MIN_SEND_MS + 1_000);
    expect(await deps.ledger.get(sns)).toMatchObject({ status: 'UNKNOWN', attempts: 1 });
  });

  it('leaves the delivery unclaimed when the invocation has too little time left to send', async () => {
    const { sns } = await planned();

    await expect(deliver(slow(0), sns, 'worker-1', { remainingMs: () => SETTLE_RESERVE_MS })).rejects.toThrow(
      /too little time/,
    );

    expect(await deps.ledger.get(sns)).toMatchObject({ status: 'PENDING', attempts: 0 });
  });

  it('writes nothing extra when the send ends within a third of the lease', async () => {
    const { sns } = await planned();
    const worker = { ...slow(0), settings: { leaseMs: 60_000, maxAttempts: 3 } };
    const lines = capturingLogger();

    await deliver({ ...worker, log: lines.log }, sns, 'worker-1');

    expect(lines.lines.filter((l) => /lease/.test(l.message))).toEqual([]);
    expect((await deps.ledger.get(sns))?.history.map((h) => h.to)).toEqual(['PENDING', 'SENDING', 'SENT']);
  });
});

describe('taking over a lease', () => {
  it('never takes a lease its holder extended after another worker read it as expired', async () => {
    const { sns } = await planned();
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
