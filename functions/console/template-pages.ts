import { actorLabel } from '../../shared/domain/audit.js';
import { ConflictError, ValidationError } from '../../shared/domain/errors.js';
import { hasAnyRole, Permissions, requireRole } from '../../shared/domain/principal.js';
import { templateId } from '../../shared/domain/template.js';
import type { ConsoleHandlers } from '../../shared/http/console-route.js';
import type { templateRoutes } from '../../shared/http/workspace/template-routes.js';
import { getTemplate, listTemplates } from '../../shared/use-cases/library-read-models.js';
import { publishTemplate } from '../../shared/use-cases/publish-template.js';
import { saveTemplateDraft } from '../../shared/use-cases/save-template-draft.js';
import { formatTime } from '../../web/console/format.js';
import { renderTemplateEditor } from '../../web/workspace/templates/editor.js';
import { editorPath } from '../../web/workspace/templates/labels.js';
import { renderTemplateList } from '../../web/workspace/templates/list.js';
import { appContext, type ConsoleContext } from './context.js';
import { page, redirect } from './responses.js';
import { frameOf } from './site.js';
import {
  categoryOf,
  exampleFactFields,
  languageErrors,
  postedLanguages,
  previewsOf,
  storedLanguages,
  storedTemplates,
} from './template-editor.js';
import { templateHistoryPages } from './template-history.js';

/** The workspace's template pages (docs/architecture.md D32): the list, the editor, the history. */
export const templatePages: Pick<ConsoleHandlers, keyof typeof templateRoutes> = {
  'GET /console/templates': async ({ query, session }) => {
    const context = await appContext();
    const templates = await listTemplates(context, session.principal, {});
    return page(
      200,
      renderTemplateList({
        frame: frameOf(context),
        session,
        registry: context.registry,
        templates,
        filters: query,
      }),
    );
  },

  'GET /console/templates/{category}/{kind}': async ({ params, query, session }) => {
    const context = await appContext();
    const category = categoryOf(context, params.category);
    const stored = await storedTemplates(context, session.principal, category.id, params.kind);
    const languages = storedLanguages(context, stored);
    const facts = exampleFactFields(context, category);
    const columns = languages.map((column) => ({
      column,
      content: stored.has(column.code) ? { ...column.values, variables: column.variables } : undefined,
      stored: stored.get(column.code),
    }));
    const { previews, parity, errors } = await previewsOf(context, category, params.kind, columns, facts);
    return page(
      200,
      renderTemplateEditor({
        frame: frameOf(context),
        session,
        registry: context.registry,
        category,
        kind: params.kind,
        languages,
        canEdit: hasAnyRole(session.principal, Permissions.editLibrary),
        facts,
        errors,
        previews,
        parity,
        note: query.note,
      }),
    );
  },

  /**
   * Preview, save or publish every language at once. Only the languages whose texts changed are
   * saved, each conditional on the revision its column read; publishing then publishes each
   * language with a draft. Someone else's change first is a 409 page that keeps what was typed.
   */
  'POST /console/templates/{category}/{kind}': async ({ params, form, facts, session }) => {
    const context = await appContext();
    const { principal } = session;
    // Only comms staff have this form; a post from anyone else (even a preview) is forged: 403.
    requireRole(principal, Permissions.editLibrary, 'editing templates');
    const category = categoryOf(context, params.category);
    const stored = await storedTemplates(context, principal, category.id, params.kind);
    const { columns, errors } = postedLanguages(context, stored, form, category, params.kind);
    const again = async (
      status: number,
      found: Record<string, string>,
      conflicts?: string[],
      written?: string[],
    ) => {
      const preview = await previewsOf(context, category, params.kind, columns, facts);
      const failed = status === 200 && Object.keys(preview.errors).length > 0;
      return page(
        failed ? 422 : status,
        renderTemplateEditor({
          frame: frameOf(context),
          session,
          registry: context.registry,
          category,
          kind: params.kind,
          languages: columns.map((c) => c.column),
          canEdit: true,
          facts,
          errors: { ...preview.errors, ...found },
          previews: preview.previews,
          parity: preview.parity,
          conflicts,
          written,
        }),
      );
    };
    if (Object.keys(errors).length > 0) return again(422, errors);
    if (form.action === 'preview') return again(200, {});

    const conflicts: string[] = [];
    const refused: Record<string, string> = {};
    // Each language is written in turn: on a conflict the page says exactly which ones were.
    const written: string[] = [];
    for (const entry of columns) {
      const { column, content } = entry;
      const id = templateId({ category: category.id, language: column.code, kind: params.kind });
      try {
        if (entry.changed && content) {
          const saved = await saveTemplateDraft(context, principal, {
            id,
            revision: column.revision,
            content,
          });
          column.revision = saved.revision;
          if (form.action !== 'publish') written.push(`${column.name} was saved as a draft`);
        }
        const hasDraft = entry.changed || entry.stored?.draft !== undefined;
        if (form.action === 'publish' && hasDraft) {
          const published = await publishTemplate(context, principal, { id, revision: column.revision });
          column.revision = published.revision;
          written.push(`${column.name} was published as version ${published.published?.version}`);
        }
      } catch (error) {
        if (error instanceof ConflictError) {
          const fresh = await getTemplate(context, principal, id);
          conflicts.push(whoChanged(context, column.name, fresh.template.history.at(-1)));
          column.revision = fresh.template.revision;
        } else if (error instanceof ValidationError) {
          Object.assign(
            refused,
            error.issues.length
              ? languageErrors(column.code, error.issues)
              : { [`${column.code}-headline`]: `${column.name}: ${error.message}` },
          );
        } else throw error;
      }
    }
    if (conflicts.length > 0) return again(409, refused, conflicts, written);
    if (Object.keys(refused).length > 0) return again(422, refused);
    const note = written.length === 0 ? 'unchanged' : form.action === 'publish' ? 'published' : 'saved';
    return redirect(`${editorPath(category.id, params.kind)}?note=${note}`);
  },

  ...templateHistoryPages,
};

/** "comms.dana published version 3 of the French template at ...": from the template's audit trail. */
function whoChanged(
  context: ConsoleContext,
  languageName: string,
  last: { at: string; actor: string; actorName?: string; to: string } | undefined,
): string {
  if (!last) return `The ${languageName} template changed since you opened it.`;
  const what =
    last.to === 'DRAFT' ? 'saved a new draft of' : `published ${last.to.replace(/^v/, 'version ')} of`;
  return `${actorLabel(last)} ${what} the ${languageName} template at ${formatTime(last.at, context.registry.service.timeZone)}.`;
}
