import * as z from 'zod';
import { lazySchema } from '../../domain/lazy-schema.js';
import type { ConsoleSpec } from '../console-fields.js';
import { Filter, session } from '../console-fields.js';
import { IncidentId } from '../schemas.js';

/** A text area of the findings; its real limits are the domain's (after-action-notes.ts). */
const Finding = lazySchema(() => z.string().max(8000));
/** One cell per corrective-action row: a row's fields come as repeated names, in row order. */
const Cells = lazySchema(() =>
  z
    .union([z.string().max(2000), z.array(z.string().max(2000)).max(40)])
    .transform((v) => (Array.isArray(v) ? v : [v])),
);

/** The findings form: the revision it was built from, then the texts and the action rows. */
export const ReportNotesForm = lazySchema(() =>
  z.strictObject({
    revision: z.string().regex(/^\d{1,9}$/),
    strengths: Finding.optional(),
    improvements: Finding.optional(),
    actionWhat: Cells.optional(),
    actionOwner: Cells.optional(),
    actionDue: Cells.optional(),
  }),
);

const ReportParams = lazySchema(() => z.strictObject({ id: IncidentId }));

/** The workspace's report pages (docs/architecture.md D32, D33). */
export const reportRoutes = {
  'GET /console/reports': session({
    summary: "After-action reports: each incident's key times, newest first",
    query: lazySchema(() =>
      z.object({
        mode: Filter(z.enum(['live', 'exercise'])),
        cursor: z.string().max(2048).optional().catch(undefined),
      }),
    ),
  }),
  'GET /console/reports/{id}': session({
    summary: "An incident's after-action report, with its findings and corrective actions",
    params: ReportParams,
    query: lazySchema(() => z.object({ note: z.enum(['saved']).optional().catch(undefined) })),
  }),
  'POST /console/reports/{id}': session({
    summary: 'Save the findings and corrective actions (communications staff)',
    params: ReportParams,
    form: ReportNotesForm,
  }),
  'GET /console/reports/{id}/csv': session({
    summary: 'The after-action report as CSV',
    params: ReportParams,
  }),
  'GET /console/reports/{id}/json': session({
    summary: 'The after-action report as JSON',
    params: ReportParams,
  }),
} as const satisfies Record<string, ConsoleSpec>;
