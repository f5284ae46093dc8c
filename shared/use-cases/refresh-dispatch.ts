import type { Broadcast, DispatchSummary } from '../domain/broadcast.js';
import { summarizeDeliveries } from '../domain/dispatch.js';
import type { BroadcastRepository, DeliveryLedger } from '../ports/repositories.js';

/**
 * Recomputes a broadcast's aggregate status from its deliveries and stores it. It leaves the
 * reconciler's work list only when every target has a delivery and every delivery is final, so a
 * plan cut short by a crash is never mistaken for a finished dispatch.
 */
export async function refreshDispatch(
  deps: { ledger: DeliveryLedger; broadcasts: BroadcastRepository },
  broadcast: Pick<Broadcast, 'id' | 'targets'>,
): Promise<DispatchSummary> {
  const deliveries = await deps.ledger.listForBroadcast(broadcast.id);
  const summary = summarizeDeliveries(deliveries);
  const complete = deliveries.length >= broadcast.targets.length;
  const effective: DispatchSummary = complete ? summary : { ...summary, status: 'DISPATCHING' };
  await deps.broadcasts.recordDispatch(broadcast.id, effective, effective.status === 'DISPATCHING');
  return effective;
}
