import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeliveryLedger } from '../../../shared/ports/repositories.js';
import type { SubscriptionStore } from '../../../shared/ports/subscriptions.js';
import { approveBroadcast, COUNTS_WAIT_MS } from '../../../shared/use-cases/approve-broadcast.js';
import { fileIncident } from '../../../shared/use-cases/file-incident.js';
import { commsChloe, inspectorAda, memoryEngine, weaponsCall } from '../../support/memory-engine.js';
import { capturingLogger, RecordingQueue } from '../../support/recording-ports.js';

/** Keeps planned deliveries in memory: enough for an approval to plan its dispatch. */
function memoryLedger(): DeliveryLedger {
  const planned: Parameters<DeliveryLedger['plan']>[0] = [];
  return {
    plan: async (deliveries) => {
      planned.push(...deliveries);
    },
    listForBroadcast: async (id) => planned.filter((d) => d.broadcastId === id),
  } as Partial<DeliveryLedger> as DeliveryLedger;
}

/** Starts an approval; `settled` tells whether it has ended yet. */
async function startApproval(audience: SubscriptionStore['audience']) {
  const engine = memoryEngine();
  const { broadcast } = await fileIncident(engine, inspectorAda, weaponsCall(engine));
  const { log, lines } = capturingLogger();
  let settled = false;
  const approving = approveBroadcast(
    { ...engine, ledger: memoryLedger(), queue: new RecordingQueue(), log, subscriptions: { audience } },
    commsChloe,
    { broadcastId: broadcast.id, contentHash: broadcast.contentHash },
  ).finally(() => {
    settled = true;
  });
  return { approving, lines, settled: () => settled };
}

async function approveWith(audience: SubscriptionStore['audience']) {
  const { approving, lines } = await startApproval(audience);
  return { approved: await approving, lines };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the subscriber counts kept with an approval', () => {
  it('are left out, with a warning, when the count read never answers, and the approval lands at COUNTS_WAIT_MS', async () => {
    // The approval's wait is a timer: faked, so the test reads when it ends, not how long it took.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { approving, lines, settled } = await startApproval(() => new Promise(() => {}));

    await vi.advanceTimersByTimeAsync(COUNTS_WAIT_MS - 1);
    expect(settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const approved = await approving;

    expect(approved.status).toBe('APPROVED');
    expect(approved.approval?.reach).toBeUndefined();
    expect(lines.some((l) => l.level === 'warn' && /no answer in time/.test(l.message))).toBe(true);
  });

  it('are kept when the count read answers in time', async () => {
    const { approved } = await approveWith(async () => [
      { topic: 'area-14-en', channel: 'sms', subscribers: 12 },
    ]);

    expect(approved.status).toBe('APPROVED');
    expect(approved.approval?.reach).toBeDefined();
  });
});
