import { NotFoundError } from '../domain/errors.js';
import { Permissions, type Principal, requireRole } from '../domain/principal.js';
import type { Registry } from '../domain/registry.js';
import { isStale, type Resource } from '../domain/resource.js';
import type { ResourceRepository } from '../ports/resources.js';
import type { Clock } from '../ports/system.js';
import type { TemplateRepository } from '../ports/templates.js';

/** What any staff member may read of the library: templates, resources, categories. */

export function listCategories(deps: { registry: Registry }, principal: Principal) {
  requireRole(principal, Permissions.read, 'reading categories');
  return deps.registry.categories.map(({ id, name, capCategory, facts }) => ({
    id,
    name,
    capCategory,
    facts,
  }));
}

export async function listTemplates(
  deps: { templates: TemplateRepository },
  principal: Principal,
  filter: { category?: string; language?: string },
) {
  requireRole(principal, Permissions.read, 'reading templates');
  const all = await deps.templates.list();
  return all
    .filter((t) => filter.category === undefined || t.category === filter.category)
    .filter((t) => filter.language === undefined || t.language === filter.language)
    .map(({ history: _history, ...summary }) => summary);
}

export async function getTemplate(deps: { templates: TemplateRepository }, principal: Principal, id: string) {
  requireRole(principal, Permissions.read, 'reading templates');
  const template = await deps.templates.get(id);
  if (!template) throw new NotFoundError(`no template ${id}`);
  const versions = (await deps.templates.listVersions(id)).map(
    ({ version, publishedAt, publishedBy, publishedByName, rolledBackFrom }) => ({
      version,
      publishedAt,
      publishedBy,
      publishedByName,
      rolledBackFrom,
    }),
  );
  return { template, versions };
}

export async function getTemplateVersion(
  deps: { templates: TemplateRepository },
  principal: Principal,
  id: string,
  number: number,
) {
  requireRole(principal, Permissions.read, 'reading templates');
  const version = await deps.templates.getVersion(id, number);
  if (!version) throw new NotFoundError(`template ${id} has no version ${number}`);
  return version;
}

type LibraryDeps = { resources: ResourceRepository; registry: Registry; clock: Clock };

/** Every entry, each flagged `stale` against the registry's limit as of now. */
export async function listResources(deps: LibraryDeps, principal: Principal) {
  requireRole(principal, Permissions.read, 'reading the resource library');
  const flag = staleFlag(deps);
  return {
    staleAfterDays: deps.registry.library.staleAfterDays,
    resources: (await deps.resources.list()).map(flag),
  };
}

export async function getResource(deps: LibraryDeps, principal: Principal, id: string) {
  requireRole(principal, Permissions.read, 'reading the resource library');
  const resource = await deps.resources.get(id);
  if (!resource) throw new NotFoundError(`no resource ${id}`);
  return staleFlag(deps)(resource);
}

function staleFlag({ registry, clock }: LibraryDeps) {
  const now = clock.now();
  return (resource: Resource) => ({
    ...resource,
    stale: isStale(resource, now, registry.library.staleAfterDays),
  });
}
