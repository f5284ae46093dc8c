import { actorLabel, nameIn } from '../../shared/domain/audit.js';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';
import { hasAnyRole, Permissions, requireRole } from '../../shared/domain/principal.js';
import type { StaffSession } from '../../shared/domain/staff-session.js';
import { TEMPLATE_FIELDS, templateId } from '../../shared/domain/template.js';
import { diffLines } from '../../shared/domain/text-diff.js';
import type { BroadcastKind } from '../../shared/domain/vocabulary.js';
import type { ConsoleHandlers } from '../../shared/http/console-route.js';
import { getTemplate, getTemplateVersion } from '../../shared/use-cases/library-read-models.js';
import { publishTemplate } from '../../shared/use-cases/publish-template.js';
import { broadcastsUsingTemplates } from '../../shared/use-cases/template-usage.js';
import { renderTemplateHistory } from '../../web/workspace/templates/history.js';
import { editorPath } from '../../web/workspace/templates/labels.js';
import { appContext, type ConsoleContext } from './context.js';
import { page, redirect } from './responses.js';
import { frameOf } from './site.js';
import { categoryOf } from './template-editor.js';

type HistoryHandlers = Pick<
  ConsoleHandlers,
  'GET /console/templates/{category}/{kind}/history' | 'POST /console/templates/{category}/{kind}/rollback'
>;

/** A template's versions, two of them compared, the broadcasts that used them, and the rollback. */
export const templateHistoryPages: HistoryHandlers = {
  'GET /console/templates/{category}/{kind}/history': async ({ params, query, session }) => {
    const context = await appContext();
    const language = context.registry.languages.some((l) => l.code === query.language)
      ? (query.language as string)
      : (context.registry.languages[0]?.code ?? 'en');
    return historyPage(context, session, params, language, {
      from: query.from,
      to: query.to,
      note: query.note,
    });
  },

  'POST /console/templates/{category}/{kind}/rollback': async ({ params, form, session }) => {
    const context = await appContext();
    requireRole(session.principal, Permissions.editLibrary, 'publishing templates');
    categoryOf(context, params.category);
    if (!context.registry.languages.some((l) => l.code === form.language))
      throw new ValidationError(`there is no language ${form.language}`, [
        { path: ['language'], message: 'unknown language' },
      ]);
    const id = templateId({ category: params.category, language: form.language, kind: params.kind });
    try {
      await publishTemplate(context, session.principal, {
        id,
        revision: Number(form.revision),
        rollbackTo: Number(form.version),
      });
    } catch (error) {
      if (!(error instanceof ConflictError || error instanceof ValidationError)) throw error;
      const fresh = await getTemplate(context, session.principal, id);
      const last = fresh.template.history.at(-1);
      const problem =
        error instanceof ConflictError && last
          ? `${actorLabel(last)} changed this template first (${last.to === 'DRAFT' ? 'a new draft' : `published ${last.to.replace(/^v/, 'version ')}`}). Look at the versions again and choose.`
          : error.message;
      return historyPage(
        context,
        session,
        params,
        form.language,
        { problem },
        error instanceof ConflictError ? 409 : 422,
      );
    }
    return redirect(
      `${editorPath(params.category, params.kind)}/history?language=${form.language}&note=rolled-back`,
    );
  },
};

async function historyPage(
  context: ConsoleContext,
  session: StaffSession,
  params: { category: string; kind: BroadcastKind },
  language: string,
  options: {
    from?: number | undefined;
    to?: number | undefined;
    note?: 'rolled-back' | undefined;
    problem?: string;
  },
  status = 200,
) {
  const category = categoryOf(context, params.category);
  const id = templateId({ category: category.id, language, kind: params.kind });
  const found = await getTemplate(context, session.principal, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  // Staff read who published by the name the version kept, else the one its audit trail kept
  // (versions published before names were kept), else the id (D36).
  const versions = [...(found?.versions ?? [])].reverse().map((v) => ({
    ...v,
    publishedBy: v.publishedByName ?? (found ? nameIn(found.template.history, v.publishedBy) : v.publishedBy),
  }));
  const numbers = versions.map((v) => v.version);
  const to = numbers.includes(options.to ?? 0) ? (options.to as number) : numbers[0];
  const from = numbers.includes(options.from ?? 0) ? (options.from as number) : numbers.find((n) => n !== to);
  let compare: Parameters<typeof renderTemplateHistory>[0]['compare'];
  if (from !== undefined && to !== undefined) {
    const [left, right] = await Promise.all([
      getTemplateVersion(context, session.principal, id, from),
      getTemplateVersion(context, session.principal, id, to),
    ]);
    compare = {
      from,
      to,
      fields: TEMPLATE_FIELDS.map((field) => ({
        field,
        rows: left[field] === right[field] ? undefined : diffLines(left[field], right[field]),
      })),
    };
  }
  const uses = await broadcastsUsingTemplates(context, session.principal, {
    category: category.id,
    kind: params.kind,
  });
  return page(
    status,
    renderTemplateHistory({
      frame: frameOf(context),
      session,
      registry: context.registry,
      category,
      kind: params.kind,
      language,
      versions,
      published: found?.template.published?.version,
      revision: found?.template.revision ?? 0,
      canEdit: hasAnyRole(session.principal, Permissions.editLibrary),
      compare,
      uses,
      note: options.note,
      problem: options.problem,
    }),
  );
}
