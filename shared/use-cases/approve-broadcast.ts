import { decideApproval } from '../domain/approval-policy.js';
import { auditActor } from '../domain/audit.js';
import type { Broadcast } from '../domain/broadcast.js';
import { NotFoundError } from '../domain/errors.js';
import { closesIncident } from '../domain/follow-up.js';
import type { Principal } from '../domain/principal.js';
import { reachAtApproval } from '../domain/report-times.js';
import { errorFields } from '../ports/logger.js';
import type { IncidentRepository } from '../ports/repositories.js';
import type { SubscriptionStore } from '../ports/subscriptions.js';
import { type PlanDispatchDeps, planDispatch } from './plan-dispatch.js';

export interface ApproveBroadcastDeps extends PlanDispatchDeps {
  incidents: IncidentRepository;
  /** The subscriber counts kept with the approval: the reach the after-action report shows. */
  subscriptions: Pick<SubscriptionStore, 'audience'>;
}

export interface ApproveBroadcastCommand {
  broadcastId: string;
  contentHash: string;
  breakGlassReason?: string | undefined;
}

/**
 * A second person approves the exact content, and dispatch starts at once.
 *
 * 1. Load the broadcast and its incident; apply the approval policy (role, two-person rule,
 *    break-glass, current hash, expiry).
 * 2. PENDING_APPROVAL -> APPROVED in one conditional write that also checks the hash, so two
 *    approvers or a double click approve once; the loser gets a ConflictError.
 * 3. Plan the deliveries and enqueue their jobs. A crash here leaves an approved, unplanned
 *    broadcast that the reconciler plans within a minute.
 * 4. An approved cancel or all-clear closes the incident.
 * 5. Ask for the incident's public pages, the indexes and the feeds to be rendered.
 */
export async function approveBroadcast(
  deps: ApproveBroadcastDeps,
  approver: Principal,
  command: ApproveBroadcastCommand,
): Promise<Broadcast> {
  const broadcast = await deps.broadcasts.get(command.broadcastId);
  if (!broadcast) throw new NotFoundError(`broadcast ${command.broadcastId} not found`);
  // The counts are read beside the incident, not after it, and waited for COUNTS_WAIT_MS at most.
  const [incident, reach] = await Promise.all([
    deps.incidents.get(broadcast.incidentId),
    countsAtApproval(deps, broadcast),
  ]);
  if (!incident) throw new NotFoundError(`incident ${broadcast.incidentId} not found`);

  const now = deps.clock.now();
  const { breakGlass } = decideApproval({
    broadcast,
    incident,
    approver,
    contentHash: command.contentHash,
    breakGlassReason: command.breakGlassReason,
    now,
  });
  const at = now.toISOString();
  const approved = await deps.broadcasts.approve(
    broadcast.id,
    {
      by: approver.id,
      at,
      contentHash: command.contentHash,
      ...(breakGlass ? { breakGlassReason: command.breakGlassReason } : {}),
      ...(reach ? { reach } : {}),
    },
    {
      at,
      ...auditActor(approver),
      from: 'PENDING_APPROVAL',
      to: 'APPROVED',
      ...(breakGlass ? { breakGlass: true, reason: command.breakGlassReason } : {}),
    },
  );

  await planDispatch(deps, approved, approver.id, { reserveXBudget: true });
  if (approved.kind !== 'alert' && closesIncident(approved.kind)) {
    await deps.incidents.close(incident.id, {
      at,
      ...auditActor(approver),
      from: 'OPEN',
      to: 'CLOSED',
      reason: approved.kind,
    });
  }
  // After planning, so no delivery waits for it; lost in a crash, the next sweep renders it.
  await deps.queue.send('public-site', [{ reason: 'approval', incidentId: incident.id }]);
  return approved;
}

/**
 * How long an approval waits for the subscriber counts. They are for the report only: a throttled
 * read must not delay an alert, so a late answer is dropped and the approval is kept without them.
 */
export const COUNTS_WAIT_MS = 250;

/** The counts are for the report: failing or being slow to read them never holds up an approval. */
async function countsAtApproval(deps: ApproveBroadcastDeps, broadcast: Broadcast) {
  if (!broadcast.targets.some((t) => t.channel === 'sns')) return { topics: [] };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), COUNTS_WAIT_MS);
  });
  try {
    const audience = await Promise.race([deps.subscriptions.audience(), late]);
    if (audience === 'late') {
      deps.log.warn('subscriber counts not kept with the approval: no answer in time', {
        broadcastId: broadcast.id,
        waitedMs: COUNTS_WAIT_MS,
      });
      return undefined;
    }
    return reachAtApproval(broadcast.targets, audience);
  } catch (error) {
    deps.log.warn('subscriber counts not kept with the approval', {
      broadcastId: broadcast.id,
      ...errorFields(error),
    });
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
