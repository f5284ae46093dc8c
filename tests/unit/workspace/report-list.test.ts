import { describe, expect, it } from 'vitest';
import type { Delivery } from '../../../shared/domain/broadcast.js';
import { summarizeDeliveries } from '../../../shared/domain/dispatch.js';
import type { Principal } from '../../../shared/domain/principal.js';
import type { DeliveryLedger } from '../../../shared/ports/repositories.js';
import { listReportTimes } from '../../../shared/use-cases/after-action-reports.js';
import { registry } from '../../support/memory-engine.js';
import { MemoryBroadcastRepository, MemoryIncidentRepository } from '../../support/memory-repositories.js';
import { alert, delivery, INCIDENT } from './report-fixtures.js';

const ada: Principal = { id: 'inspector.ada', roles: ['inspector'] };
const A = 'bc_0000000000aaaaaaaaaaaaaaaa';

/** A ledger that answers from a list and counts the broadcasts whose deliveries were read. */
function countingLedger(deliveries: Delivery[]) {
  const reads: string[] = [];
  const ledger = {
    listForBroadcast: async (id: string) => {
      reads.push(id);
      return deliveries.filter((d) => d.broadcastId === id);
    },
  } as unknown as DeliveryLedger;
  return { ledger, reads };
}

async function deps(stored: 'settled' | 'dispatching') {
  const incidents = new MemoryIncidentRepository();
  const broadcasts = new MemoryBroadcastRepository();
  const { history, ...incident } = INCIDENT;
  await incidents.create(incident, history[0] as never);
  const deliveries = [
    delivery(A, 'x', 'div-14', { sentAt: '2026-11-22T10:00:04.000Z' }),
    delivery(
      A,
      'sns',
      'area-14-en',
      stored === 'settled' ? { sentAt: '2026-11-22T10:00:09.000Z' } : { status: 'PENDING' },
    ),
  ];
  const summary = summarizeDeliveries(deliveries);
  await broadcasts.create(alert({ dispatch: summary }));
  return { incidents, broadcasts, registry, ...countingLedger(deliveries) };
}

describe('the reports list', () => {
  it('reads no delivery of a settled broadcast: its stored summary gives the key times', async () => {
    const d = await deps('settled');

    const page = await listReportTimes(d, ada, { limit: 25 });

    expect(d.reads).toEqual([]);
    expect(page.items[0]?.keyTimes).toMatchObject({
      approveToFirstMs: 4_000,
      approveToLastMs: 9_000,
      settled: true,
    });
  });

  it('reads the deliveries of a broadcast still dispatching, for times that are live', async () => {
    const d = await deps('dispatching');

    const page = await listReportTimes(d, ada, { limit: 25 });

    expect(d.reads).toEqual([A]);
    expect(page.items[0]?.keyTimes).toMatchObject({ approveToFirstMs: 4_000, settled: false });
    expect(page.items[0]?.keyTimes.approveToLastMs).toBeUndefined();
  });
});
