import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Delivery, Target } from '../../shared/domain/broadcast.js';
import { queueFor } from '../../shared/domain/dispatch.js';
import { createLogger } from '../../shared/runtime/logger.js';
import { postsOf } from '../support/delivered.js';
import { fileAndApprove, type Herald, startHerald } from '../support/herald.js';

/**
 * D35 on a whole local Herald, its X and SNS workers on their own threads as `npm start` runs
 * them: an Exercise whose deliveries to a live account and a live topic are written straight into
 * the ledger and queued, as a planning defect would, reaches neither the fake X nor the fake SNS.
 * The workers' log lines (written to the threads' stdout) are captured for the alarm's metric.
 */

const streamed: string[] = [];
let herald: Herald;
beforeAll(async () => {
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      streamed.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    });
  }
  herald = await startHerald({ quiet: false, log: createLogger(() => {}) });
}, 60_000);
afterAll(async () => {
  await herald?.stop();
  vi.restoreAllMocks();
});

const LIVE_TARGETS: Target[] = [
  { channel: 'x', target: 'div-14' },
  { channel: 'sns', target: 'area-14-en', language: 'en' },
];

/** Writes a delivery of each target for the broadcast and queues its job, bypassing the planner. */
async function plant(broadcastId: string, targets: Target[]): Promise<void> {
  const { ledger, queue } = herald.runtime.context;
  const at = new Date().toISOString();
  const deliveries: Delivery[] = targets.map((target) => ({
    ...target,
    broadcastId,
    status: 'PENDING',
    attempts: 0,
    notBefore: 0,
    providerIds: [],
    history: [{ at, actor: 'test:planted', from: null, to: 'PENDING' }],
  }));
  await ledger.plan(deliveries);
  for (const { channel, target } of targets)
    await queue.send(queueFor(channel), [{ broadcastId, channel, target }]);
}

describe('an exercise delivery planted for a live account and a live topic', () => {
  it('reaches neither the fake X nor the fake SNS, and ends FAILED with the reason', async () => {
    const { broadcast } = await fileAndApprove(herald, { status: 'Exercise' });
    await herald.settled();
    // The planner's own deliveries went to the sandboxes, as they should.
    expect(postsOf(herald, broadcast.preview.link).length).toBeGreaterThan(0);

    await plant(broadcast.id, LIVE_TARGETS);
    await herald.settled();

    expect(postsOf(herald, broadcast.preview.link).filter((p) => p.account === 'div-14')).toEqual([]);
    expect(herald.runtime.inbox.posts().filter((p) => p.account === 'div-14')).toEqual([]);
    expect(herald.runtime.inbox.publishes().filter((p) => p.topic === 'area-14-en')).toEqual([]);
    const { body: deliveries } = await herald.call('GET', `/broadcasts/${broadcast.id}/deliveries`, {
      user: 'comms.chloe',
    });
    const planted = deliveries
      .filter((d: { target: string }) => LIVE_TARGETS.some((t) => t.target === d.target))
      .sort((a: { target: string }, b: { target: string }) => a.target.localeCompare(b.target));
    expect(planted).toEqual([
      expect.objectContaining({
        target: 'area-14-en',
        status: 'FAILED',
        error:
          'refused at delivery: Exercise broadcasts reach only sandbox accounts and exercise topics, and SNS topic area-14-en is neither',
      }),
      expect.objectContaining({
        target: 'div-14',
        status: 'FAILED',
        error:
          'refused at delivery: Exercise broadcasts reach only sandbox accounts and exercise topics, and X account div-14 is neither',
      }),
    ]);

    const refusals = streamed
      .join('')
      .split('\n')
      .filter((line) => line.includes('"metric":"ExerciseTargetRefused"'))
      .map((line) => JSON.parse(line.slice(line.indexOf('{'))));
    expect(refusals.map((line) => line.target).sort()).toEqual(['area-14-en', 'div-14']);
  });
});
