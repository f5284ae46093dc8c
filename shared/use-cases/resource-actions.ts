import { NotFoundError } from '../domain/errors.js';
import { Permissions, type Principal, requireRole } from '../domain/principal.js';
import type { Registry } from '../domain/registry.js';
import { type Resource, ResourceContent } from '../domain/resource.js';
import type { JobQueue } from '../ports/repositories.js';
import type { ResourceRepository } from '../ports/resources.js';
import type { Clock } from '../ports/system.js';
import { saveResource } from './save-resource.js';

/**
 * One-press changes to a library entry, each a `saveResource` from the revision the page showed
 * (so the same role check, conditional write and audit entry). Pressing twice is harmless: when
 * the entry already is what was asked (verified today, retired, back in use), nothing is written.
 */
type Deps = {
  resources: ResourceRepository;
  clock: Clock;
  queue: JobQueue;
  registry: Pick<Registry, 'service'>;
};

/** Verified today (the service's calendar day), by whoever pressed the button. */
export async function verifyResource(
  deps: Deps,
  principal: Principal,
  command: { id: string; revision: number },
): Promise<Resource> {
  const today = calendarDay(deps.clock.now(), deps.registry.service.timeZone);
  return change(deps, principal, command, (content) =>
    content.lastVerifiedAt === today && content.verifiedBy === principal.id
      ? undefined
      : { ...content, lastVerifiedAt: today, verifiedBy: principal.id },
  );
}

/** Retires an entry (`active: false`: no broadcast attaches it) or puts it back in use. */
export async function setResourceActive(
  deps: Deps,
  principal: Principal,
  command: { id: string; revision: number; active: boolean },
): Promise<Resource> {
  return change(deps, principal, command, (content) =>
    content.active === command.active ? undefined : { ...content, active: command.active },
  );
}

async function change(
  deps: Deps,
  principal: Principal,
  command: { id: string; revision: number },
  next: (content: ResourceContent) => ResourceContent | undefined,
): Promise<Resource> {
  // First: an inspector's forged press is refused even when it would change nothing.
  requireRole(principal, Permissions.editLibrary, 'editing the resource library');
  const seen = await deps.resources.get(command.id);
  if (!seen) throw new NotFoundError(`no resource ${command.id}`);
  const content = next(contentOf(seen));
  // Already so (a second press, or someone else did the same): nothing to write.
  if (content === undefined) return seen;
  return saveResource(deps, principal, { id: command.id, revision: command.revision, content });
}

/** What comms staff write about an entry, without its id, revision and history. */
export function contentOf(resource: Resource): ResourceContent {
  const content: Record<string, unknown> = {};
  for (const key of ResourceContent.keyof().options)
    if (resource[key] !== undefined) content[key] = resource[key];
  return content as ResourceContent;
}

/** `2026-12-04`: the date staff see on the wall, in the service's time zone. */
function calendarDay(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(now)
    .reduce<Record<string, string>>((all, part) => Object.assign(all, { [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}
