import { auditActor } from '../domain/audit.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { Permissions, type Principal, requireRole } from '../domain/principal.js';
import {
  checkRevision,
  type TemplateContent,
  type TemplateRecord,
  templateContentOf,
} from '../domain/template.js';
import { asVersion, type PreviewDeps, renderForPreview } from './preview-template.js';

/**
 * Publishes a template (comms staff only): the draft, or with `rollbackTo` an older published
 * version, becomes a new immutable version and the one the next broadcast uses.
 *
 * 1. Checks the role and that `revision` is the one the editor read (409 if not).
 * 2. Renders the new version with the category's examples: a template whose SMS or X text cannot
 *    fit is refused (422) before anyone can file with it.
 * 3. One conditional write makes it the published version; broadcasts already rendered keep the
 *    text and version they recorded.
 */
export async function publishTemplate(
  deps: PreviewDeps,
  principal: Principal,
  command: { id: string; revision: number; rollbackTo?: number },
): Promise<TemplateRecord> {
  requireRole(principal, Permissions.editLibrary, 'publishing templates');
  const seen = await deps.templates.get(command.id);
  if (!seen) throw new NotFoundError(`no template ${command.id}`);
  checkRevision(seen, command.revision);

  let content: TemplateContent;
  if (command.rollbackTo !== undefined) {
    const old = await deps.templates.getVersion(seen.id, command.rollbackTo);
    if (!old) throw new NotFoundError(`template ${seen.id} has no version ${command.rollbackTo}`);
    content = templateContentOf(old);
  } else {
    if (!seen.draft) {
      throw new ValidationError(`template ${seen.id} has no draft to publish`, [
        { path: ['revision'], message: 'save a draft first' },
      ]);
    }
    content = seen.draft.content;
  }

  const next = asVersion(seen, content, seen.latestVersion + 1);
  await renderForPreview(deps, next, {});
  const at = deps.clock.now().toISOString();
  // The version keeps the publisher's name beside the id, as the audit entry does (D36).
  const { actor, actorName } = auditActor(principal);
  return deps.templates.publish(
    seen,
    {
      ...next,
      publishedAt: at,
      publishedBy: actor,
      ...(actorName ? { publishedByName: actorName } : {}),
      ...(command.rollbackTo !== undefined ? { rolledBackFrom: command.rollbackTo } : {}),
    },
    {
      at,
      actor,
      ...(actorName ? { actorName } : {}),
      from: seen.published ? `v${seen.published.version}` : null,
      to: `v${next.version}`,
      ...(command.rollbackTo !== undefined ? { reason: `rollback to v${command.rollbackTo}` } : {}),
    },
  );
}
