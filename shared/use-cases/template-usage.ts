import type { Principal } from '../domain/principal.js';
import type { Registry } from '../domain/registry.js';
import type { BroadcastKind } from '../domain/vocabulary.js';
import type { BroadcastRepository, IncidentRepository } from '../ports/repositories.js';
import { searchIncidents } from './search-incidents.js';

/** A broadcast rendered from a template, and the version of each language's template it used. */
export interface TemplateUse {
  broadcastId: string;
  incidentId: string;
  status: string;
  createdAt: string;
  /** CAP status: Actual, Exercise or Test. */
  mode: string;
  versions: { language: string; version: number }[];
}

/**
 * Which broadcasts used which version of a category's templates of one kind, newest first. Every
 * broadcast records the templates it was rendered from (`content.templates`, set by the renderer),
 * so this only reads: the category's latest incidents (`incidents` of them, through the history
 * search and its scan cap) and their broadcasts of that kind.
 */
export async function broadcastsUsingTemplates(
  deps: { incidents: IncidentRepository; broadcasts: BroadcastRepository; registry: Registry },
  principal: Principal,
  query: { category: string; kind: BroadcastKind; incidents?: number },
): Promise<TemplateUse[]> {
  const found = await searchIncidents(deps, principal, {
    category: query.category,
    limit: query.incidents ?? 25,
  });
  const broadcasts = await Promise.all(found.items.map((i) => deps.broadcasts.listByIncident(i.id)));
  return broadcasts
    .flat()
    .filter((b) => b.kind === query.kind)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((b) => ({
      broadcastId: b.id,
      incidentId: b.incidentId,
      status: b.status,
      createdAt: b.createdAt,
      mode: b.content.status,
      versions: b.content.templates.map(({ language, version }) => ({ language, version })),
    }));
}
