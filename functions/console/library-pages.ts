import { ConflictError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';
import { hasAnyRole, Permissions, type Principal, requireRole } from '../../shared/domain/principal.js';
import { ResourceId } from '../../shared/domain/resource.js';
import type { StaffSession } from '../../shared/domain/staff-session.js';
import type { ConsoleHandlers } from '../../shared/http/console-route.js';
import { MalformedBodyError } from '../../shared/http/errors.js';
import type { libraryRoutes } from '../../shared/http/workspace/library-routes.js';
import { getResource, listResources } from '../../shared/use-cases/library-read-models.js';
import { setResourceActive, verifyResource } from '../../shared/use-cases/resource-actions.js';
import { saveResource } from '../../shared/use-cases/save-resource.js';
import { type EntryPageModel, renderEntryPage } from '../../web/workspace/library/entry.js';
import { renderLibraryList } from '../../web/workspace/library/list.js';
import { renderRetirePage } from '../../web/workspace/library/retire.js';
import { audiencePage } from './audience-page.js';
import { appContext, type ConsoleContext } from './context.js';
import { byName, filterEntries } from './library-filter.js';
import {
  bodyFrom,
  type FormValues,
  formLanguages,
  resourceFieldErrors,
  typedValues,
  valuesOf,
} from './library-form.js';
import { page, redirect } from './responses.js';
import { frameOf } from './site.js';

const EDITING = 'editing the resource library';
const canEdit = (principal: Principal) => hasAnyRole(principal, Permissions.editLibrary);

/** The workspace's resource library and audience (docs/architecture.md D32). */
export const libraryPages: Pick<ConsoleHandlers, keyof typeof libraryRoutes> = {
  'GET /console/resources': async ({ query, session }) => {
    const context = await appContext();
    const { staleAfterDays, resources } = await listResources(context, session.principal);
    const all = [...resources].sort(byName);
    return page(
      200,
      renderLibraryList({
        frame: frameOf(context),
        session,
        registry: context.registry,
        entries: filterEntries(all, query),
        total: all.length,
        staleCount: all.filter((e) => e.stale).length,
        staleAfterDays,
        languages: [...new Set(all.flatMap((e) => e.languagesServed))].sort(),
        filters: query,
        canEdit: canEdit(session.principal),
      }),
    );
  },

  'GET /console/resources/new': async ({ session }) => {
    requireRole(session.principal, Permissions.editLibrary, EDITING);
    const context = await appContext();
    return entryPage(context, session, 200, { values: { revision: '0' }, errors: {} });
  },

  'POST /console/resources/new': async ({ form, session }) => {
    requireRole(session.principal, Permissions.editLibrary, EDITING);
    const context = await appContext();
    const values = typedValues(form);
    const id = form.id?.trim() ?? '';
    const again = (status: number, errors: Record<string, string>) =>
      entryPage(context, session, status, { values, errors });
    const parsed = bodyFrom({ ...form, revision: '0' }, true);
    const errors = parsed.success
      ? {}
      : resourceFieldErrors(parsed.error.issues, formLanguages(context.registry, values));
    const idError = !ResourceId.safeParse(id).success
      ? 'Enter an id of lower-case letters, digits and dashes, such as family-support-line.'
      : (await exists(context, session, id))
        ? 'An entry with this id already exists: choose another id, or edit that entry.'
        : undefined;
    if (idError || !parsed.success) return again(422, { ...(idError ? { id: idError } : {}), ...errors });
    try {
      await saveResource(context, session.principal, { id, ...parsed.data });
    } catch (error) {
      // Created by someone else between the check and the write: the conditional write refused it.
      if (error instanceof ConflictError)
        return again(409, {
          id: 'An entry with this id was just created by someone else: choose another id.',
        });
      throw error;
    }
    return redirect(`/console/resources/${id}?note=created`);
  },

  'GET /console/resources/{id}': async ({ params, query, session }) => {
    const context = await appContext();
    const entry = await getResource(context, session.principal, params.id);
    return entryPage(context, session, 200, { entry, values: valuesOf(entry), errors: {}, note: query.note });
  },

  'POST /console/resources/{id}': async ({ params, form, session }) => {
    requireRole(session.principal, Permissions.editLibrary, EDITING);
    const context = await appContext();
    const entry = await getResource(context, session.principal, params.id);
    const values = typedValues(form);
    const languages = formLanguages(context.registry, values);
    // Saving the form never retires or restores: that is its own button.
    const parsed = bodyFrom(form, entry.active);
    if (!parsed.success)
      return entryPage(context, session, 422, {
        entry,
        values,
        errors: resourceFieldErrors(parsed.error.issues, languages),
      });
    try {
      await saveResource(context, session.principal, { id: params.id, ...parsed.data });
    } catch (error) {
      if (error instanceof ValidationError)
        return entryPage(context, session, 422, {
          entry,
          values,
          errors: resourceFieldErrors(error.issues, languages),
        });
      if (!(error instanceof ConflictError)) throw error;
      const now = await getResource(context, session.principal, params.id);
      // What was typed stays; saving again is from the revision now shown, a choice made knowingly.
      return entryPage(context, session, 409, {
        entry: now,
        values: { ...values, revision: String(now.revision) },
        errors: {},
        conflict: 'save',
      });
    }
    return redirect(`/console/resources/${params.id}?note=saved`);
  },

  'POST /console/resources/{id}/verify': async ({ params, form, session }) => {
    const context = await appContext();
    const command = { id: params.id, revision: revisionOf(form.revision) };
    return pressed(context, session, params.id, 'verified', () =>
      verifyResource(context, session.principal, command),
    );
  },

  'GET /console/resources/{id}/retire': async ({ params, session }) => {
    requireRole(session.principal, Permissions.editLibrary, EDITING);
    const context = await appContext();
    const entry = await getResource(context, session.principal, params.id);
    if (!entry.active) return redirect(`/console/resources/${params.id}?note=retired`);
    return page(200, renderRetirePage({ frame: frameOf(context), session, entry }));
  },

  'POST /console/resources/{id}/retire': async ({ params, form, session }) => {
    const context = await appContext();
    const command = { id: params.id, revision: revisionOf(form.revision), active: false };
    return pressed(context, session, params.id, 'retired', () =>
      setResourceActive(context, session.principal, command),
    );
  },

  'POST /console/resources/{id}/restore': async ({ params, form, session }) => {
    const context = await appContext();
    const command = { id: params.id, revision: revisionOf(form.revision), active: true };
    return pressed(context, session, params.id, 'restored', () =>
      setResourceActive(context, session.principal, command),
    );
  },

  ...audiencePage,
};

/** A one-press action: done, back to the entry with a note; or its page again with the conflict. */
async function pressed(
  context: ConsoleContext,
  session: StaffSession,
  id: string,
  note: 'verified' | 'retired' | 'restored',
  act: () => Promise<unknown>,
) {
  try {
    await act();
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const entry = await getResource(context, session.principal, id);
    return entryPage(context, session, 409, {
      entry,
      values: valuesOf(entry),
      errors: {},
      conflict: 'action',
    });
  }
  return redirect(`/console/resources/${id}?note=${note}`);
}

async function exists(context: ConsoleContext, session: StaffSession, id: string): Promise<boolean> {
  try {
    await getResource(context, session.principal, id);
    return true;
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
}

/** The revision a page was read at: a hidden field, so anything else is not this console's form. */
function revisionOf(value: string | undefined): number {
  if (!value || !/^\d{1,9}$/.test(value))
    throw new MalformedBodyError('the form has fields this page does not take');
  return Number(value);
}

async function entryPage(
  context: ConsoleContext,
  session: StaffSession,
  status: number,
  model: Pick<EntryPageModel, 'entry' | 'errors' | 'conflict' | 'note'> & { values: FormValues },
) {
  return page(
    status,
    renderEntryPage({
      frame: frameOf(context),
      session,
      registry: context.registry,
      staleAfterDays: context.registry.library.staleAfterDays,
      canEdit: canEdit(session.principal),
      languages: formLanguages(context.registry, model.values),
      ...model,
    }),
  );
}
