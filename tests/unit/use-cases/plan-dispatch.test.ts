import { describe, expect, it } from 'vitest';
import { type PlanDispatchDeps, planDispatch } from '../../../shared/use-cases/plan-dispatch.js';
import { approvedBroadcast } from '../../fixtures/broadcast.js';
import { deliveryTestbed } from './delivery/testbed.js';

const bed = deliveryTestbed();

describe('planning a broadcast', () => {
  it('queues every X job before it writes the first topic delivery', async () => {
    const { deps } = bed;
    const events: string[] = [];
    const ledger = deps.ledger;
    const recording: PlanDispatchDeps = {
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
    const broadcast = approvedBroadcast({
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
