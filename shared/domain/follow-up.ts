import type { Broadcast } from './broadcast.js';
import { ConflictError } from './errors.js';
import type { Incident } from './incident.js';
import type { CapMsgType, FollowUpKind } from './vocabulary.js';

/**
 * CAP semantics of follow-ups: an update or correction replaces the content (`Update`), a cancel
 * withdraws the alert (`Cancel`), an all-clear is an `Update` saying the danger is over. Each
 * references the broadcast it follows.
 */
export function followUpMsgType(kind: FollowUpKind): CapMsgType {
  return kind === 'cancel' ? 'Cancel' : 'Update';
}

/** Cancel and all-clear close the incident once approved. */
export function closesIncident(kind: FollowUpKind): boolean {
  return kind === 'cancel' || kind === 'all-clear';
}

/**
 * A follow-up needs an approved broadcast to follow. Once an incident is closed, only a
 * correction may still go out (a message sent in error must always be correctable).
 */
export function assertCanFollow(
  incident: Incident,
  original: Broadcast | undefined,
  kind: FollowUpKind,
): Broadcast {
  if (!original) {
    throw new ConflictError(
      'there is no approved broadcast to follow up yet; approve or edit the pending one',
    );
  }
  if (original.incidentId !== incident.id) {
    throw new ConflictError('the broadcast to follow belongs to another incident');
  }
  if (original.status !== 'APPROVED') {
    throw new ConflictError(`only an approved broadcast can be followed up; this one is ${original.status}`);
  }
  if (incident.state === 'CLOSED' && kind !== 'correction') {
    throw new ConflictError('the incident is closed; only a correction can still be sent');
  }
  return original;
}
