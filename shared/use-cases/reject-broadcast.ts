import { assertCanReject } from '../domain/approval-policy.js';
import { auditActor } from '../domain/audit.js';
import type { Broadcast } from '../domain/broadcast.js';
import { NotFoundError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import type { BroadcastRepository } from '../ports/repositories.js';
import type { Clock } from '../ports/system.js';

export interface RejectBroadcastCommand {
  broadcastId: string;
  reason: string;
  /** Send it back to its author for edit, with `reason` saying what to change (D9). */
  returnForEdit?: boolean | undefined;
}

/**
 * A reviewer rejects a pending broadcast with a reason, or returns it to its author for edit;
 * the author may withdraw their own. Nothing is sent. The rejection and its audit entry say
 * `returned: true` for a return, in the same conditional write.
 */
export async function rejectBroadcast(
  deps: { broadcasts: BroadcastRepository; clock: Clock },
  rejecter: Principal,
  command: RejectBroadcastCommand,
): Promise<Broadcast> {
  const broadcast = await deps.broadcasts.get(command.broadcastId);
  if (!broadcast) throw new NotFoundError(`broadcast ${command.broadcastId} not found`);
  assertCanReject(broadcast, rejecter, command);
  const at = deps.clock.now().toISOString();
  const returned = command.returnForEdit ? { returned: true } : {};
  return deps.broadcasts.reject(
    broadcast.id,
    { by: rejecter.id, at, reason: command.reason, ...returned },
    {
      at,
      ...auditActor(rejecter),
      from: 'PENDING_APPROVAL',
      to: 'REJECTED',
      reason: command.reason,
      ...returned,
    },
  );
}
