import type { Broadcast } from '../domain/broadcast.js';
import { NotFoundError } from '../domain/errors.js';
import { assertCanFollow, followUpFacts, followUpMsgType } from '../domain/follow-up.js';
import type { Facts } from '../domain/incident.js';
import { Permissions, type Principal, requireRole } from '../domain/principal.js';
import type { FollowUpKind } from '../domain/vocabulary.js';
import type { BroadcastRepository, IncidentRepository } from '../ports/repositories.js';
import { type ComposeDeps, composeBroadcast } from './compose-broadcast.js';
import type { FileIncidentDeps } from './file-incident.js';
import { storeWhileWarming } from './warm-dispatch.js';

export interface FileFollowUpCommand {
  incidentId: string;
  kind: FollowUpKind;
  /** The broadcast to follow; defaults to the incident's latest approved one. */
  follows?: string | undefined;
  /** Facts that changed; the rest are those of the broadcast followed (`followUpFacts`). */
  facts?: Facts | undefined;
  /** A short note for cancel and all-clear (why, what now), one text or one per language. */
  note?: Facts[string] | undefined;
}

/** What drafting reads: the incident and its broadcasts, never a write. */
export type DraftFollowUpDeps = ComposeDeps &
  Pick<FileIncidentDeps, 'clock' | 'ids'> & {
    incidents: Pick<IncidentRepository, 'get'>;
    broadcasts: Pick<BroadcastRepository, 'listByIncident'>;
  };

/**
 * An update, cancel, all-clear or correction: a new broadcast awaiting approval that references
 * the one it follows, to the same audience (on X it will reply to the original post).
 *
 * 1. Draft it as `previewFollowUp` does; any problem is an error before anything is written.
 * 2. Store it as PENDING_APPROVAL, while the delivery workers are warmed for the approval (D40).
 */
export async function fileFollowUp(
  deps: ComposeDeps & Pick<FileIncidentDeps, 'incidents' | 'broadcasts' | 'clock' | 'ids' | 'warmer' | 'log'>,
  principal: Principal,
  command: FileFollowUpCommand,
): Promise<Broadcast> {
  const broadcast = await draftFollowUp(deps, principal, command);
  await storeWhileWarming(deps, broadcast, () => deps.broadcasts.create(broadcast));
  return broadcast;
}

/**
 * The broadcast `fileFollowUp` would store for this command, with the same checks and the same
 * errors, and nothing written. Its id, link and content hash are new ones when it is filed.
 */
export async function previewFollowUp(
  deps: DraftFollowUpDeps,
  principal: Principal,
  command: FileFollowUpCommand,
): Promise<Broadcast> {
  return draftFollowUp(deps, principal, command);
}

/**
 * The one path filing and previewing share.
 *
 * 1. Check the role, load the incident and pick the broadcast to follow (latest approved by default).
 * 2. Refuse when there is nothing approved to follow, or the incident is closed (except corrections).
 * 3. Render with the followed broadcast's facts overlaid by the changed ones, and hash.
 */
async function draftFollowUp(
  deps: DraftFollowUpDeps,
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

  return composeBroadcast(deps, {
    id: deps.ids.next('bc'),
    incident,
    kind: command.kind,
    msgType: followUpMsgType(command.kind),
    facts: followUpFacts(incident, original, command.kind, command),
    follows: original.id,
    authorId: principal.id,
    ...(principal.name ? { authorName: principal.name } : {}),
    createdAt: deps.clock.now().toISOString(),
  });
}
