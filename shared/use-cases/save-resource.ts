import { auditActor } from '../domain/audit.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { Permissions, type Principal, requireRole } from '../domain/principal.js';
import type { Resource, ResourceContent } from '../domain/resource.js';
import type { JobQueue } from '../ports/repositories.js';
import type { ResourceRepository } from '../ports/resources.js';
import type { Clock } from '../ports/system.js';

/**
 * Creates or updates a library entry (comms staff only). `revision` 0 creates (or takes over a
 * sample entry, which is served as revision 0); any other value must be the revision the editor
 * read. Retiring an entry is `active: false`: entries are never deleted, so what a broadcast
 * carried stays explainable.
 */
export async function saveResource(
  deps: { resources: ResourceRepository; clock: Clock; queue: JobQueue },
  principal: Principal,
  command: { id: string; revision: number; content: ResourceContent },
): Promise<Resource> {
  requireRole(principal, Permissions.editLibrary, 'editing the resource library');
  const seen = await deps.resources.get(command.id);
  if (!seen && command.revision !== 0)
    throw new NotFoundError(`no resource ${command.id}; create it with revision 0`);
  if (seen && seen.revision !== command.revision) {
    throw new ConflictError(
      `resource ${command.id} is at revision ${seen.revision}, not ${command.revision}: reload it and apply your change again`,
    );
  }
  const at = deps.clock.now().toISOString();
  // The entry's `updatedBy` keeps the saver's name beside the id, as the audit entry does (D36).
  const change = { at, ...auditActor(principal) };
  const saved = await deps.resources.save(seen ?? { id: command.id, revision: 0 }, command.content, change, {
    ...change,
    from: seen ? `r${seen.revision}` : null,
    to: `r${(seen?.revision ?? 0) + 1}`,
  });
  // Active alerts show their resources in full: a corrected number must reach their pages.
  await deps.queue.send('public-site', [{ reason: 'resource' }]);
  return saved;
}
