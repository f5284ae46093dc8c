import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoXPostBudget } from '../../../../shared/adapters/dynamo/x-budget.js';
import { ChannelError, DuplicateContentError } from '../../../../shared/domain/errors.js';
import { deliver } from '../../../../shared/use-cases/delivery/deliver.js';
import { reconcile } from '../../../../shared/use-cases/reconcile.js';
import { capturingLogger } from '../../../support/recording-ports.js';
import { type DeliveryTestDeps, deliveryTestbed } from './testbed.js';

/** The X sender (post-x-thread.ts), through the delivery of X jobs. */

const bed = deliveryTestbed();
let deps: DeliveryTestDeps;
beforeEach(() => {
  deps = bed.deps;
});

describe('posting a thread', () => {
  it('posts the thread in order as replies and records every post id', async () => {
    const { broadcast, x } = await bed.planned({
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

  it('treats duplicate content as already posted and records the earlier post', async () => {
    const { broadcast, x } = await bed.planned();
    deps.poster.posts.push({ accountId: 'div-14', id: '77', text: broadcast.content.xThread[0] as string });
    deps.poster.script.push({ error: new DuplicateContentError() });
    await deliver(deps, x, 'test');
    expect(await deps.ledger.get(x)).toMatchObject({ status: 'SENT', providerIds: ['77'] });
  });

  it('replies to the original post of the same account with a follow-up', async () => {
    const original = await bed.planned({ id: 'bc_0000000000originaloriginal' });
    await deliver(deps, original.x, 'test');
    const originalPost = deps.poster.postsOf('div-14')[0];

    const followUp = await bed.planned({
      id: 'bc_0000000000followupfollowup',
      follows: original.broadcast.id,
      kind: 'update',
      msgType: 'Update',
    });
    await deliver(deps, followUp.x, 'test');
    expect(deps.poster.postsOf('div-14')[1]?.inReplyTo).toBe(originalPost?.id);
  });
});

describe("the X app's 24-hour post budget", () => {
  it('waits without posting when the budget is used up, and posts once it frees', async () => {
    const { x } = await bed.planned();
    const tableName = await bed.table.freshTable();
    deps.xBudget = new DynamoXPostBudget(bed.table.db, tableName, 1);
    await deps.xBudget.reserve(1, deps.clock.now());

    await deliver(deps, x, 'test');
    const waiting = await deps.ledger.get(x);
    expect(waiting?.status).toBe('PENDING');
    expect(waiting?.error).toMatch(/budget/);
    // Waiting for the budget is not failing: the attempt is counted as a wait.
    expect(waiting).toMatchObject({ attempts: 1, waits: 1 });
    expect(waiting?.notBefore).toBeGreaterThanOrEqual(deps.clock.now().getTime() + 23 * 3_600_000);
    expect(deps.poster.posts).toHaveLength(0);

    deps.clock.advance(24 * 3_600_000);
    await deliver(deps, x, 'test');
    expect((await deps.ledger.get(x))?.status).toBe('SENT');
  });

  it("counts the broadcast's X posts once when it is approved, and a first attempt then reserves nothing more", async () => {
    const { broadcast, x } = await bed.planned({}, true);
    const posts =
      broadcast.targets.filter((t) => t.channel === 'x').length * broadcast.content.xThread.length;
    expect(await bed.usedBudget()).toBe(posts);
    expect((await deps.ledger.get(x))?.budgetReserved).toBe(true);
    await deliver(deps, x, 'test');
    expect((await deps.ledger.get(x))?.status).toBe('SENT');
    expect(await bed.usedBudget()).toBe(posts);
  });

  it('reserves again for a retry after a failed first attempt of a reserved delivery', async () => {
    const { broadcast, x } = await bed.planned({}, true);
    const posts =
      broadcast.targets.filter((t) => t.channel === 'x').length * broadcast.content.xThread.length;
    deps.poster.script.push({ error: new ChannelError('503', { retryable: true }) });
    await deliver(deps, x, 'test');
    deps.clock.advance(120_000);
    await deliver(deps, x, 'test');
    expect((await deps.ledger.get(x))?.status).toBe('SENT');
    expect(await bed.usedBudget()).toBe(posts + broadcast.content.xThread.length);
  });

  it('logs the budget metric with every granted reservation, on approval and by a worker', async () => {
    const captured = capturingLogger();
    deps.log = captured.log;
    const metrics = () => captured.lines.filter((line) => line.metric === 'XBudgetUsedPercent');

    const { x } = await bed.planned({}, true);
    expect(metrics()).toHaveLength(1);

    deps.poster.script.push({ error: new ChannelError('503', { retryable: true }) });
    await deliver(deps, x, 'test');
    deps.clock.advance(120_000);
    await deliver(deps, x, 'test');
    expect(metrics()).toHaveLength(2);
    expect(metrics()[1]).toMatchObject({ message: 'x budget reserved', usedPercent: expect.any(Number) });
  });
});

describe('resuming a thread', () => {
  it('keeps the posts already made and continues from the next one on retry', async () => {
    const { broadcast, x } = await bed.planned({
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

  it('continues a half-posted thread after the lease expired, without posting any part twice', async () => {
    const id = 'bc_crashcrashcrashcrashcrash0';
    const link = `https://alerts.example.org/b/${id}`;
    const { x } = await bed.planned({
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
});
