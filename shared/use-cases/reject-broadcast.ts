import { assertCanReject } from '../domain/approval-policy.js';
import type { Broadcast } from '../domain/broadcast.js';
import { NotFoundError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import type { BroadcastRepository } from '../ports/repositories.js';
import type { Clock } from '../ports/system.js';

/** A reviewer rejects a pending broadcast with a reason; nothing is sent. */
export async function rejectBroadcast(
  deps: { broadcasts: BroadcastRepository; clock: Clock },
  rejecter: Principal,
  command: { broadcastId: string; reason: string },
): Promise<Broadcast> {
  const broadcast = await deps.broadcasts.get(command.broadcastId);
  if (!broadcast) throw new NotFoundError(`broadcast ${command.broadcastId} not found`);
  assertCanReject(broadcast, rejecter);
  const at = deps.clock.now().toISOString();
  return deps.broadcasts.reject(
    broadcast.id,
    { by: rejecter.id, at, reason: command.reason },
    { at, actor: rejecter.id, from: 'PENDING_APPROVAL', to: 'REJECTED', reason: command.reason },
  );
}
