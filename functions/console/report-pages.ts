import { ConflictError, ValidationError } from '../../shared/domain/errors.js';
import { hasAnyRole, Permissions } from '../../shared/domain/principal.js';
import { reportCsv } from '../../shared/domain/report-export.js';
import type { ConsoleHandlers, ConsoleInput } from '../../shared/http/console-route.js';
import type { HttpResult } from '../../shared/http/http-api.js';
import type { reportRoutes } from '../../shared/http/workspace/report-routes.js';
import {
  listReportTimes,
  readAfterActionReport,
  saveAfterActionNotes,
} from '../../shared/use-cases/after-action-reports.js';
import { renderReportList } from '../../web/workspace/reports/list-page.js';
import type { NotesValues } from '../../web/workspace/reports/notes-form.js';
import { renderReportPage } from '../../web/workspace/reports/report-page.js';
import { appContext } from './context.js';
import { page, redirect } from './responses.js';
import { frameOf } from './site.js';

type Routes = typeof reportRoutes;

/** The workspace's report pages (docs/architecture.md D32, D33): the list, a report, its findings, its downloads. */
export const reportPages: Pick<ConsoleHandlers, keyof Routes> = {
  'GET /console/reports': async ({ query, session }) => {
    const context = await appContext();
    const found = await listReportTimes(context, session.principal, {
      ...(query.mode ? { mode: query.mode } : {}),
      limit: 25,
      cursor: query.cursor,
    });
    const next = found.cursor
      ? `/console/reports?${new URLSearchParams({ ...(query.mode ? { mode: query.mode } : {}), cursor: found.cursor })}`
      : undefined;
    return page(
      200,
      renderReportList({
        frame: frameOf(context),
        session,
        registry: context.registry,
        items: found.items,
        mode: query.mode,
        next,
      }),
    );
  },

  'GET /console/reports/{id}': async ({ params, query, session }) => {
    const context = await appContext();
    const { report, notes } = await readAfterActionReport(context, session.principal, params.id);
    return page(
      200,
      renderReportPage({
        frame: frameOf(context),
        session,
        registry: context.registry,
        report,
        canWrite: hasAnyRole(session.principal, Permissions.writeReports),
        values: notes,
        errors: {},
        note: query.note,
      }),
    );
  },

  'POST /console/reports/{id}': async (input) => {
    const { params, session } = input;
    const context = await appContext();
    const values = typedValues(input);
    try {
      await saveAfterActionNotes(context, session.principal, {
        incidentId: params.id,
        revision: values.revision,
        strengths: values.strengths,
        improvements: values.improvements,
        actions: values.actions,
      });
      return redirect(`/console/reports/${params.id}?note=saved#findings`);
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error;
      // Refused: the page again with what was typed; after a conflict, the other save shown beside it.
      const { report, notes } = await readAfterActionReport(context, session.principal, params.id);
      const errors =
        error instanceof ValidationError
          ? fieldErrors(error)
          : {
              form: `Someone else saved these findings (revision ${notes.revision}, by ${notes.updatedBy ?? 'another person'}) while you were editing. Nothing of yours was saved: what you typed is still in the form, and their version is shown under it. Saving again replaces theirs.`,
            };
      return page(
        error instanceof ValidationError ? 422 : 409,
        renderReportPage({
          frame: frameOf(context),
          session,
          registry: context.registry,
          report,
          canWrite: true,
          values: error instanceof ConflictError ? { ...values, revision: notes.revision } : values,
          errors,
          showSaved: error instanceof ConflictError,
        }),
      );
    }
  },

  'GET /console/reports/{id}/csv': async ({ params, session }) => {
    const context = await appContext();
    const { report } = await readAfterActionReport(context, session.principal, params.id);
    return download(
      reportCsv(report),
      'text/csv; charset=utf-8; header=present',
      `${report.incident.id}.csv`,
    );
  },

  'GET /console/reports/{id}/json': async ({ params, session }) => {
    const context = await appContext();
    const { report } = await readAfterActionReport(context, session.principal, params.id);
    return download(
      `${JSON.stringify(report, null, 2)}\n`,
      'application/json; charset=utf-8',
      `${report.incident.id}.json`,
    );
  },
};

function download(body: string, contentType: string, name: string): HttpResult {
  return {
    statusCode: 200,
    headers: {
      'content-type': contentType,
      'content-disposition': `attachment; filename="herald-after-action-${name}"`,
    },
    body,
  };
}

/**
 * The form as typed, its action rows in page order without the empty ones: the page shown again
 * after a refusal lists them from the top, so an issue's index is the row it shows at.
 */
function typedValues(input: ConsoleInput<Routes['POST /console/reports/{id}']>): NotesValues {
  const { form } = input;
  const what = form.actionWhat ?? [];
  const owner = form.actionOwner ?? [];
  const due = form.actionDue ?? [];
  const rows = Array.from({ length: Math.max(what.length, owner.length, due.length) }, (_, i) => ({
    what: what[i] ?? '',
    owner: owner[i] ?? '',
    due: due[i] ?? '',
  }));
  return {
    revision: Number(form.revision),
    strengths: form.strengths ?? '',
    improvements: form.improvements ?? '',
    actions: rows.filter((row) => `${row.what}${row.owner}${row.due}`.trim()),
  };
}

const FIELD = { what: 'actionWhat', owner: 'actionOwner', due: 'actionDue' } as const;

/** The domain's issue paths as the form's fields: `['actions', 2, 'due']` is `actionDue-2`. */
function fieldErrors(error: ValidationError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const [head, index, cell] = issue.path;
    const field =
      head === 'actions' && typeof index === 'number'
        ? `${FIELD[cell as keyof typeof FIELD] ?? 'actionWhat'}-${index}`
        : head === 'strengths' || head === 'improvements'
          ? head
          : head === 'actions'
            ? 'actionWhat-0'
            : 'form';
    const text = issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
    errors[field] ??= /[.!?]$/.test(text) ? text : `${text}.`;
  }
  return errors;
}
