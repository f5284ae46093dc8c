import type { Broadcast, Delivery, DispatchSummary } from '../domain/broadcast.js';
import { summarizeDeliveries } from '../domain/dispatch.js';
import { NotFoundError } from '../domain/errors.js';
import type { IncidentRecord } from '../domain/incident.js';
import { Permissions, type Principal, requireRole } from '../domain/principal.js';
import type { Registry } from '../domain/registry.js';
import type { BroadcastRepository, DeliveryLedger, IncidentRepository, Page } from '../ports/repositories.js';
import type { SubscriptionStore } from '../ports/subscriptions.js';

/** Read side for staff: what a broadcast says, to whom, and where each delivery stands. */

export interface BroadcastDetail {
  broadcast: Broadcast;
  /** Live from the ledger; undefined before approval. */
  dispatch?: DispatchSummary;
  deliveries: Delivery[];
}

type ReadDeps = { incidents: IncidentRepository; broadcasts: BroadcastRepository; ledger: DeliveryLedger };

export async function getBroadcast(
  deps: Pick<ReadDeps, 'broadcasts' | 'ledger'>,
  principal: Principal,
  id: string,
): Promise<BroadcastDetail> {
  requireRole(principal, Permissions.read, 'reading broadcasts');
  const broadcast = await deps.broadcasts.get(id);
  if (!broadcast) throw new NotFoundError(`broadcast ${id} not found`);
  return withDispatch(deps, broadcast);
}

/** The live dispatch state from the ledger (the stored summary can be up to a minute behind). */
export async function withDispatch(
  deps: Pick<ReadDeps, 'ledger'>,
  broadcast: Broadcast,
): Promise<BroadcastDetail> {
  if (broadcast.status !== 'APPROVED') return { broadcast, deliveries: [] };
  const deliveries = await deps.ledger.listForBroadcast(broadcast.id);
  const summary = summarizeDeliveries(deliveries);
  const complete = deliveries.length >= broadcast.targets.length;
  return { broadcast, deliveries, dispatch: complete ? summary : { ...summary, status: 'DISPATCHING' } };
}

export async function getIncident(
  deps: ReadDeps,
  principal: Principal,
  id: string,
): Promise<{ incident: IncidentRecord; broadcasts: BroadcastDetail[] }> {
  requireRole(principal, Permissions.read, 'reading incidents');
  const incident = await deps.incidents.get(id);
  if (!incident) throw new NotFoundError(`incident ${id} not found`);
  const broadcasts = await deps.broadcasts.listByIncident(id);
  return { incident, broadcasts: await Promise.all(broadcasts.map((b) => withDispatch(deps, b))) };
}

/** Broadcasts waiting for a second person's approval or rejection, oldest first. */
export async function listAwaitingApproval(
  deps: Pick<ReadDeps, 'broadcasts'>,
  principal: Principal,
): Promise<Broadcast[]> {
  requireRole(principal, Permissions.read, 'reading broadcasts');
  return deps.broadcasts.listAwaitingApproval();
}

export async function listIncidents(
  deps: Pick<ReadDeps, 'incidents'>,
  principal: Principal,
  options: { limit: number; cursor?: string | undefined },
): Promise<Page<IncidentRecord>> {
  requireRole(principal, Permissions.read, 'reading incidents');
  return deps.incidents.list({ limit: options.limit, ...(options.cursor ? { cursor: options.cursor } : {}) });
}

/** The subscriber counts and SMS rate behind a broadcast's audience estimate. */
export async function subscriberCounts(context: { subscriptions: SubscriptionStore; registry: Registry }) {
  return {
    counts: await context.subscriptions.audience(),
    smsPartsPerSecond: context.registry.sms.partsPerSecond,
  };
}
