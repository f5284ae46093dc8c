import type { Broadcast } from '../domain/broadcast.js';
import { NotFoundError } from '../domain/errors.js';
import { assertCanFollow, followUpMsgType } from '../domain/follow-up.js';
import type { Facts } from '../domain/incident.js';
import { Permissions, type Principal, requireRole } from '../domain/principal.js';
import type { FollowUpKind } from '../domain/vocabulary.js';
import { type ComposeDeps, composeBroadcast } from './compose-broadcast.js';
import type { FileIncidentDeps } from './file-incident.js';

export interface FileFollowUpCommand {
  incidentId: string;
  kind: FollowUpKind;
  /** The broadcast to follow; defaults to the incident's latest approved one. */
  follows?: string | undefined;
  /** Facts that changed; the rest are the incident's. */
  facts?: Facts | undefined;
  /** A short note for cancel and all-clear (why, what now), one text or one per language. */
  note?: Facts[string] | undefined;
}

/**
 * An update, cancel, all-clear or correction: a new broadcast awaiting approval that references
 * the one it follows, to the same audience (on X it will reply to the original post).
 *
 * 1. Check the role, load the incident and pick the broadcast to follow (latest approved by default).
 * 2. Refuse when there is nothing approved to follow, or the incident is closed (except corrections).
 * 3. Render with the incident's facts overlaid by the changed ones, hash, and store as PENDING_APPROVAL.
 */
export async function fileFollowUp(
  deps: ComposeDeps & Pick<FileIncidentDeps, 'incidents' | 'broadcasts' | 'clock' | 'ids'>,
  principal: Principal,
  command: FileFollowUpCommand,
): Promise<Broadcast> {
  requireRole(principal, Permissions.fileFollowUp, 'filing a follow-up');
  const incident = await deps.incidents.get(command.incidentId);
  if (!incident) throw new NotFoundError(`incident ${command.incidentId} not found`);

  const broadcasts = await deps.broadcasts.listByIncident(incident.id);
  const candidate = command.follows
    ? broadcasts.find((b) => b.id === command.follows)
    : broadcasts.filter((b) => b.status === 'APPROVED').at(-1);
  if (command.follows && !candidate)
    throw new NotFoundError(`broadcast ${command.follows} not found in this incident`);
  const original = assertCanFollow(incident, candidate, command.kind);

  const broadcast = await composeBroadcast(deps, {
    id: deps.ids.next('bc'),
    incident,
    kind: command.kind,
    msgType: followUpMsgType(command.kind),
    facts: { ...incident.facts, ...command.facts, ...(command.note ? { note: command.note } : {}) },
    follows: original.id,
    authorId: principal.id,
    createdAt: deps.clock.now().toISOString(),
  });
  await deps.broadcasts.create(broadcast);
  return broadcast;
}
