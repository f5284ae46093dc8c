import { auditActor } from '../domain/audit.js';
import type { Broadcast } from '../domain/broadcast.js';
import type { Incident } from '../domain/incident.js';
import { personalDataWarningsInFacts } from '../domain/personal-data-warnings/facts.js';
import type { Registry } from '../domain/registry.js';
import { contentHash } from '../domain/rendering/content-hash.js';
import { renderBroadcast } from '../domain/rendering/render-broadcast.js';
import { type TemplateKey, templatesToFind } from '../domain/rendering/templates-needed.js';
import { matchResources } from '../domain/resource.js';
import { resolveAudience } from '../domain/targeting.js';
import type { TemplateVersion } from '../domain/template.js';
import type { BroadcastKind, CapMsgType } from '../domain/vocabulary.js';
import { scheduleXPosts } from '../domain/x-schedule.js';
import type { ResourceRepository } from '../ports/resources.js';
import type { TemplateSource } from '../ports/templates.js';
import type { XPostBudget } from '../ports/x-budget.js';

export interface ComposeDeps {
  registry: Registry;
  templates: TemplateSource;
  resources: ResourceRepository;
  xBudget: XPostBudget;
}

/**
 * Builds a broadcast awaiting approval: audience, rendered content for every channel and language,
 * and the hash the approver must quote. Reads the resource library, the templates and the X
 * budget; nothing is stored.
 */
export async function composeBroadcast(
  { registry, templates, resources, xBudget }: ComposeDeps,
  draft: {
    id: string;
    incident: Incident;
    kind: BroadcastKind;
    msgType: CapMsgType;
    facts: Incident['facts'];
    follows?: string;
    authorId: string;
    /** The author's display name, kept in the audit entry beside the id (D36). */
    authorName?: string;
    createdAt: string;
  },
): Promise<Broadcast> {
  const { incident } = draft;
  const { audience, targets } = resolveAudience(registry, incident);
  const library = await resources.list();
  const attached = matchResources(
    library,
    { category: incident.category, areaIds: incident.areas, citywide: incident.citywide },
    new Date(draft.createdAt),
    registry.library.staleAfterDays,
  );
  const found = await findTemplates(
    templates,
    templatesToFind(registry, {
      category: incident.category,
      kind: draft.kind,
      languages: incident.languages,
    }),
  );
  const content = renderBroadcast({
    registry,
    templates: found,
    category: incident.category,
    kind: draft.kind,
    status: incident.status,
    msgType: draft.msgType,
    languages: incident.languages,
    facts: draft.facts,
    link: `${registry.service.publicBaseUrl}/b/${draft.id}`,
    areaIds: incident.areas,
    citywide: incident.citywide,
    resources: attached,
  });
  // Shown with the preview, outside the hash: when the app's X budget is short, who posts when.
  const xSchedule = scheduleXPosts(
    await xBudget.usage(new Date(draft.createdAt)),
    audience.accounts,
    content.xThread.length,
    Date.parse(draft.createdAt),
  );
  return {
    id: draft.id,
    incidentId: incident.id,
    category: incident.category,
    severity: incident.severity,
    kind: draft.kind,
    msgType: draft.msgType,
    ...(draft.follows ? { follows: draft.follows } : {}),
    status: 'PENDING_APPROVAL',
    authorId: draft.authorId,
    createdAt: draft.createdAt,
    content,
    facts: draft.facts,
    // The approver approves the words and the audience together: both are in the hash.
    contentHash: contentHash({ content, targets }),
    audience,
    targets,
    xSchedule,
    warnings: personalDataWarningsInFacts(registry, draft.facts, library),
    history: [
      {
        at: draft.createdAt,
        ...auditActor({ id: draft.authorId, name: draft.authorName }),
        from: null,
        to: 'PENDING_APPROVAL',
      },
    ],
  };
}

/** Looks the templates up in parallel; one that is missing is left out, for the renderer to report. */
async function findTemplates(
  source: TemplateSource,
  keys: readonly TemplateKey[],
): Promise<Map<string, TemplateVersion>> {
  const found = await Promise.all(keys.map((key) => source.find(key)));
  const templates = new Map<string, TemplateVersion>();
  keys.forEach((key, i) => {
    const template = found[i];
    if (template) templates.set(key.language, template);
  });
  return templates;
}
