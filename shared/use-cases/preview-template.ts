import { NotFoundError, ValidationError } from '../domain/errors.js';
import { followUpMsgType } from '../domain/follow-up.js';
import type { Facts } from '../domain/incident.js';
import { personalDataWarningsInFacts } from '../domain/personal-data-warnings/facts.js';
import { Permissions, type Principal, requireRole } from '../domain/principal.js';
import type { Registry } from '../domain/registry.js';
import { contentMeters } from '../domain/rendering/meters.js';
import { renderBroadcast } from '../domain/rendering/render-broadcast.js';
import { type AttachedResource, matchResources } from '../domain/resource.js';
import type { TemplateContent, TemplateVersion } from '../domain/template.js';
import type { CapStatus } from '../domain/vocabulary.js';
import type { ResourceRepository } from '../ports/resources.js';
import type { Clock } from '../ports/system.js';
import type { TemplateRepository } from '../ports/templates.js';

export interface PreviewDeps {
  registry: Registry;
  templates: TemplateRepository;
  resources: ResourceRepository;
  clock: Clock;
}

export interface PreviewOptions {
  /** The facts to fill in; by default the category's examples. */
  facts?: Facts;
  /** `draft`, or a published version number; by default the published version. */
  version?: number | 'draft';
  areas?: string[];
  citywide?: true;
  status?: CapStatus;
}

/**
 * Renders one template as it would be sent: every channel in its language, the meters, the
 * resources it would carry (stale ones flagged) and the personal-data warnings on the facts.
 * Nothing is stored. A missing required variable is a 422 naming it.
 */
export async function previewTemplate(
  deps: PreviewDeps,
  principal: Principal,
  command: { id: string } & PreviewOptions,
) {
  requireRole(principal, Permissions.read, 'previewing templates');
  const record = await deps.templates.get(command.id);
  if (!record) throw new NotFoundError(`no template ${command.id}`);
  const version = await versionToRender(deps, record.id, record, command.version);
  return renderForPreview(deps, version, command);
}

/** The template content asked for, as a version object the renderer can use. */
async function versionToRender(
  deps: PreviewDeps,
  id: string,
  record: NonNullable<Awaited<ReturnType<TemplateRepository['get']>>>,
  wanted: PreviewOptions['version'],
): Promise<TemplateVersion> {
  if (wanted === 'draft') {
    if (!record.draft) throw new NotFoundError(`template ${id} has no draft`);
    return asVersion(record, record.draft.content, record.latestVersion + 1);
  }
  if (wanted === undefined) {
    if (!record.published) throw new NotFoundError(`template ${id} has no published version`);
    return record.published;
  }
  const found = await deps.templates.getVersion(id, wanted);
  if (!found) throw new NotFoundError(`template ${id} has no version ${wanted}`);
  return found;
}

export function asVersion(
  key: { id: string; category: string; language: string; kind: TemplateVersion['kind'] },
  content: TemplateContent,
  version: number,
): TemplateVersion {
  return {
    ...content,
    id: key.id,
    category: key.category,
    language: key.language,
    kind: key.kind,
    version,
    publishedAt: '',
    publishedBy: '',
  };
}

/** Renders `template` alone, with the resources of its category and area. */
export async function renderForPreview(
  deps: PreviewDeps,
  template: TemplateVersion,
  options: PreviewOptions,
) {
  const category = deps.registry.categories.find((c) => c.id === template.category);
  if (!category) throw new ValidationError(`unknown category ${template.category}`, []);
  const citywide = options.citywide === true || !options.areas?.length;
  const areaIds = citywide ? [] : (options.areas ?? []);
  const library = await deps.resources.list();
  const attached = matchResources(
    library,
    { category: category.id, areaIds, citywide },
    deps.clock.now(),
    deps.registry.library.staleAfterDays,
  );
  const facts = options.facts ?? exampleFacts(category.facts, template);
  const content = renderBroadcast({
    registry: deps.registry,
    templates: new Map([[template.language, template]]),
    category: category.id,
    kind: template.kind,
    status: options.status ?? 'Actual',
    msgType: template.kind === 'alert' ? 'Alert' : followUpMsgType(template.kind),
    languages: [template.language],
    facts,
    link: `${deps.registry.service.publicBaseUrl}/b/bc_preview00000000000000000000`,
    areaIds,
    citywide,
    resources: attached,
  });
  return {
    template: { id: template.id, version: template.version },
    content,
    meters: contentMeters(content),
    resources: attachedView(attached, template.language),
    warnings: personalDataWarningsInFacts(deps.registry, facts, library),
  };
}

/** The category's examples, with the template's own examples where it declares them. */
function exampleFacts(
  declarations: Registry['categories'][number]['facts'],
  template: TemplateVersion,
): Facts {
  const facts: Facts = {};
  for (const fact of declarations) {
    const example = typeof fact.example === 'string' ? fact.example : fact.example[template.language];
    if (example) facts[fact.name] = fact.localized ? { [template.language]: example } : example;
  }
  for (const variable of template.variables) {
    if (variable.example === '') continue;
    const localized =
      declarations.find((f) => f.name === variable.name)?.localized ?? variable.name === 'note';
    facts[variable.name] = localized ? { [template.language]: variable.example } : variable.example;
  }
  return facts;
}

export function attachedView(attached: readonly AttachedResource[], language: string) {
  return attached.map(({ resource, stale }) => ({
    id: resource.id,
    name: resource.name[language] ?? Object.values(resource.name)[0],
    lastVerifiedAt: resource.lastVerifiedAt,
    stale,
    sample: resource.sample,
  }));
}
