import type { Broadcast } from './broadcast.js';
import { ConflictError } from './errors.js';
import type { Facts, FactValue, Incident } from './incident.js';
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

/**
 * The facts a follow-up is rendered from: those of the broadcast it follows, overlaid by the ones
 * that changed. Starting from the incident's own facts instead would make a correction after an
 * update say the update's old location again. A broadcast stored before broadcasts kept their
 * facts falls back to the incident's. A note belongs to the message it came with: a correction
 * restates the message it corrects, so it keeps that note unless given a new one; an update,
 * cancel or all-clear says something new, so it carries only its own.
 */
export function followUpFacts(
  incident: Incident,
  followed: Broadcast,
  kind: FollowUpKind,
  changed: { facts?: Facts | undefined; note?: FactValue | undefined },
): Facts {
  const { note: followedNote, ...base } = followed.facts ?? incident.facts;
  const note = changed.note ?? (kind === 'correction' ? followedNote : undefined);
  return { ...base, ...changed.facts, ...(note ? { note } : {}) };
}
