import { auditActor } from '../domain/audit.js';
import { ValidationError } from '../domain/errors.js';
import { Permissions, type Principal, requireRole } from '../domain/principal.js';
import type { Registry } from '../domain/registry.js';
import {
  checkRevision,
  checkTemplateContent,
  parseTemplateId,
  type TemplateContent,
  type TemplateRecord,
} from '../domain/template.js';
import type { Clock } from '../ports/system.js';
import type { TemplateRepository } from '../ports/templates.js';

export interface TemplateDeps {
  registry: Registry;
  templates: TemplateRepository;
  clock: Clock;
}

/**
 * Saves the draft of a template (comms staff only).
 *
 * 1. Checks the role, that the id names a known category and language, and the content against
 *    the category (declared variables, placeholders).
 * 2. Creates the template when `revision` is 0 (a built-in one is copied in as version 1 first),
 *    or replaces its draft, conditional on `revision` being the one the editor read (409 if not).
 *
 * Published versions are never touched: a draft only goes live through `publishTemplate`.
 */
export async function saveTemplateDraft(
  deps: TemplateDeps,
  principal: Principal,
  command: { id: string; revision: number; content: TemplateContent },
): Promise<TemplateRecord> {
  requireRole(principal, Permissions.editLibrary, 'editing templates');
  const key = parseTemplateId(command.id);
  const category = deps.registry.categories.find((c) => c.id === key.category);
  if (!category) {
    const message = `unknown category ${key.category}; the categories are ${deps.registry.categories.map((c) => c.id).join(', ')}`;
    throw new ValidationError(message, [{ path: ['id'], message }]);
  }
  if (!deps.registry.languages.some((l) => l.code === key.language)) {
    const message = `unknown language ${key.language}; the languages are ${deps.registry.languages.map((l) => l.code).join(', ')}`;
    throw new ValidationError(message, [{ path: ['id'], message }]);
  }
  checkTemplateContent(command.content, category, key.kind);

  const seen: TemplateRecord = (await deps.templates.get(command.id)) ?? {
    id: command.id,
    ...key,
    revision: 0,
    latestVersion: 0,
    builtin: false,
    history: [],
  };
  checkRevision(seen, command.revision);
  const at = deps.clock.now().toISOString();
  // The draft keeps the saver's name beside the id, as the audit entry does (D36).
  const { actor, actorName } = auditActor(principal);
  return deps.templates.saveDraft(
    seen,
    {
      content: command.content,
      updatedAt: at,
      updatedBy: actor,
      ...(actorName ? { updatedByName: actorName } : {}),
      ...(seen.published ? { basedOn: seen.published.version } : {}),
    },
    {
      at,
      actor,
      ...(actorName ? { actorName } : {}),
      from: seen.draft ? 'DRAFT' : seen.published ? 'PUBLISHED' : null,
      to: 'DRAFT',
    },
  );
}
