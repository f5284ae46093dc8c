import { beforeEach, describe, expect, it } from 'vitest';
import type { Target } from '../../../../shared/domain/broadcast.js';
import { deliver } from '../../../../shared/use-cases/delivery/deliver.js';
import { approvedBroadcast } from '../../../fixtures/broadcast.js';
import { capturingLogger } from '../../../support/recording-ports.js';
import { type DeliveryTestDeps, deliveryTestbed } from './testbed.js';

/**
 * The delivery-time re-check of D35: an Exercise or Test reaches sandbox accounts and exercise
 * topics only, even when its deliveries were planted in the ledger without the planner.
 */

const bed = deliveryTestbed();
let deps: DeliveryTestDeps;
let logged: ReturnType<typeof capturingLogger>;
beforeEach(() => {
  logged = capturingLogger();
  deps = { ...bed.deps, log: logged.log };
});

/** An Exercise (or Test) whose deliveries name live targets: `bed.planned` writes them as given. */
function misplanned(status: 'Exercise' | 'Test' = 'Exercise') {
  return {
    targets: [
      { channel: 'x', target: 'div-14' },
      { channel: 'sns', target: 'area-14-en', language: 'en' },
    ] satisfies Target[],
    audience: { accounts: ['div-14'], topics: ['area-14-en'], citywide: false, sandbox: true },
    content: { ...approvedBroadcast().content, status },
  };
}

describe('delivering an exercise or test planted with live targets', () => {
  it('posts nothing to the live X account and fails the delivery with the reason', async () => {
    const { x } = await bed.planned(misplanned());

    await deliver(deps, x, 'worker:x');

    expect(deps.poster.postsOf('div-14')).toEqual([]);
    const delivery = await deps.ledger.get(x);
    expect(delivery).toMatchObject({
      status: 'FAILED',
      error:
        'refused at delivery: Exercise broadcasts reach only sandbox accounts and exercise topics, and X account div-14 is neither',
      providerIds: [],
    });
    expect(delivery?.history.at(-1)).toMatchObject({
      actor: 'worker:x',
      from: 'SENDING',
      to: 'FAILED',
      reason: delivery?.error,
    });
  });

  it('publishes nothing to the live topic and fails the delivery with the reason', async () => {
    const { sns } = await bed.planned(misplanned('Test'));

    await deliver(deps, sns, 'worker:sns');

    expect(deps.publisher.messages).toEqual([]);
    expect(await deps.ledger.get(sns)).toMatchObject({
      status: 'FAILED',
      error: expect.stringMatching(
        /^refused at delivery: Test broadcasts .* SNS topic area-14-en is neither$/,
      ),
    });
  });

  it('logs the refusal as the ExerciseTargetRefused metric, beside DeliveryFailed', async () => {
    const { x, sns, broadcast } = await bed.planned(misplanned());

    await deliver(deps, x, 'worker:x');
    await deliver(deps, sns, 'worker:sns');

    const refused = logged.lines.filter((line) => line.metric === 'ExerciseTargetRefused');
    expect(refused).toEqual([
      expect.objectContaining({ level: 'error', broadcastId: broadcast.id, channel: 'x', target: 'div-14' }),
      expect.objectContaining({
        level: 'error',
        broadcastId: broadcast.id,
        channel: 'sns',
        target: 'area-14-en',
      }),
    ]);
    expect(refused.every((line) => line.capStatus === 'Exercise')).toBe(true);
    expect(logged.lines.filter((line) => line.metric === 'DeliveryFailed')).toHaveLength(2);
  });

  it('sends nothing when the refused job is delivered again', async () => {
    const { x } = await bed.planned(misplanned());

    await deliver(deps, x, 'worker:x');
    await deliver(deps, x, 'worker:x');

    expect(deps.poster.postsOf('div-14')).toEqual([]);
    expect((await deps.ledger.get(x))?.attempts).toBe(1);
    expect(deps.queue.take()).toEqual([]);
  });

  it('still delivers an exercise to its sandbox account and exercise topic', async () => {
    const { x, sns } = await bed.planned({
      ...misplanned(),
      targets: [
        { channel: 'x', target: 'sandbox-divisions' },
        { channel: 'sns', target: 'exercise-area-14-en', language: 'en' },
      ],
    });

    await deliver(deps, x, 'worker:x');
    await deliver(deps, sns, 'worker:sns');

    expect(deps.poster.postsOf('sandbox-divisions')).toHaveLength(1);
    expect(deps.publisher.messages.map((m) => m.topic)).toEqual(['exercise-area-14-en']);
    expect(logged.lines.filter((line) => line.metric === 'ExerciseTargetRefused')).toEqual([]);
  });
});
