import { beforeEach, describe, expect, it } from 'vitest';
import { deliver } from '../../../../shared/use-cases/delivery/deliver.js';
import { type DeliveryTestDeps, deliveryTestbed } from './testbed.js';

/** The SNS sender (publish-to-topic.ts), through the delivery of SNS jobs. */

const bed = deliveryTestbed();
let deps: DeliveryTestDeps;
beforeEach(() => {
  deps = bed.deps;
});

describe('publishing to a topic', () => {
  it('publishes one message with the language body and attributes to the topic', async () => {
    const { broadcast, sns } = await bed.planned();
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
    expect(await deps.ledger.get(sns)).toMatchObject({ status: 'SENT', providerIds: ['msg-1'] });
  });

  it('fails at once, publishing nothing, when the broadcast has no content in the topic language', async () => {
    const { sns } = await bed.planned({
      targets: [{ channel: 'sns', target: 'area-14-fr', language: 'fr' }],
    });
    await deliver(deps, sns, 'test');
    expect(deps.publisher.messages).toEqual([]);
    expect(await deps.ledger.get(sns)).toMatchObject({
      status: 'FAILED',
      error: 'no fr content for topic area-14-fr',
    });
  });
});
