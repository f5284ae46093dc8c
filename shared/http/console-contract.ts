import * as z from 'zod';
import { lazySchema } from '../domain/lazy-schema.js';
import { Choice, Choices, type ConsoleSpec, Filter, open, session, Typed } from './console-fields.js';
import { MalformedBodyError } from './errors.js';
import { BroadcastId, IncidentId } from './schemas.js';
import { libraryRoutes } from './workspace/library-routes.js';
import { reportRoutes } from './workspace/report-routes.js';
import { templateRoutes } from './workspace/template-routes.js';

export type { ConsoleSpec } from './console-fields.js';

/**
 * The duty console's pages (docs/architecture.md D31): server-rendered HTML under `/console`, in
 * the `console` function. Each route says whether it needs a signed-in session (`session`) or
 * serves the way in (`open`: sign-in, the provider's callback, the stylesheet and script). A form
 * schema lists every field a page takes, as typed: an unknown field is a 400 page. What the values
 * must be is checked by the API's schemas and the use cases, so every rule stays in one place.
 */
export const ConsoleMode = lazySchema(() => z.enum(['live', 'exercise', 'test']));
export type ConsoleMode = z.infer<typeof ConsoleMode>;
export const FollowUpChoice = lazySchema(() => z.enum(['update', 'correction', 'cancel', 'all-clear']));

/** A fact field: `fact.location`, or `fact.description.fr` for a fact written per language. */
export const FACT_FIELD = /^fact\.([a-z][a-zA-Z0-9-]{0,40})(?:\.([a-z]{2,3}))?$/;
const FactFields = lazySchema(() => z.record(z.string().regex(FACT_FIELD), Typed));

const Action = lazySchema(() => z.enum(['preview', 'file']));

/** The filing form; `fact.*` fields depend on the category, so they are checked by name pattern. */
export const IncidentForm = lazySchema(() =>
  z.strictObject({
    action: Action,
    areas: Choices.optional(),
    citywide: z.literal('yes').optional(),
    confirmCitywide: z.literal('yes').optional(),
    languages: Choices.optional(),
    severity: Choice.optional(),
    urgency: Choice.optional(),
    certainty: Choice.optional(),
    expiresInHours: Choice.optional(),
  }),
);
export const FollowUpForm = lazySchema(() =>
  z.strictObject({
    action: Action,
    note: Typed.optional(),
    noteFr: Typed.optional(),
  }),
);
export const ApproveForm = lazySchema(() =>
  z.strictObject({
    contentHash: z.string().max(80),
    breakGlassReason: Typed.optional(),
  }),
);
export const RejectForm = lazySchema(() =>
  z.strictObject({
    outcome: z.enum(['reject', 'return']).optional(),
    reason: Typed.optional(),
  }),
);
export const DemoSignInForm = lazySchema(() => z.strictObject({ user: Choice, returnTo: Typed.optional() }));

const ModeParams = lazySchema(() => z.strictObject({ mode: ConsoleMode }));
const FilingParams = lazySchema(() =>
  z.strictObject({
    mode: ConsoleMode,
    category: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/),
  }),
);
const IncidentParams = lazySchema(() => z.strictObject({ id: IncidentId }));
const FollowUpParams = lazySchema(() => z.strictObject({ id: IncidentId, kind: FollowUpChoice }));
const BroadcastParams = lazySchema(() => z.strictObject({ id: BroadcastId }));
const AssetParams = lazySchema(() =>
  z.strictObject({ file: z.string().regex(/^console\.[0-9a-f]{10}\.(css|js)$/) }),
);
const ReturnTo = lazySchema(() => z.object({ returnTo: z.string().max(512).optional().catch(undefined) }));
const Prefill = lazySchema(() => z.object({ from: BroadcastId.optional().catch(undefined) }));
const HistoryQuery = lazySchema(() =>
  z.object({
    state: Filter(z.enum(['OPEN', 'CLOSED'])),
    category: Filter(Choice),
    division: Filter(Choice),
    mode: Filter(z.enum(['live', 'exercise'])),
    cursor: z.string().max(2048).optional().catch(undefined),
  }),
);
const BoardQuery = lazySchema(() =>
  z.object({
    note: z.enum(['approved', 'already-approved', 'filed', 'rejected']).optional().catch(undefined),
  }),
);
const CallbackQuery = lazySchema(() =>
  z.object({
    code: z.string().max(2048).optional().catch(undefined),
    state: z.string().max(256).optional().catch(undefined),
    error: z.string().max(256).optional().catch(undefined),
  }),
);

export const consoleContract = {
  'GET /console/sign-in': open({
    summary: 'Sign in: the demo users locally, the staff directory on AWS',
    query: lazySchema(() =>
      ReturnTo.extend({ reason: z.enum(['signed-out', 'idle', 'expired']).optional().catch(undefined) }),
    ),
  }),
  'POST /console/sign-in': open({
    summary: 'Sign in as a demo user (local runtime only)',
    form: DemoSignInForm,
  }),
  'GET /console/sign-in/start': open({ summary: "Starts the provider's sign-in (PKCE)", query: ReturnTo }),
  'GET /console/auth/callback': open({
    summary: "The provider's answer: a code to trade for the staff member",
    query: CallbackQuery,
  }),
  'GET /console/signed-out': open({ summary: 'Signed out' }),
  'GET /console/assets/{file}': open({
    summary: "The console's stylesheet and script, cached for a year",
    params: AssetParams,
  }),
  'POST /console/sign-out': session({ summary: 'Sign out', form: lazySchema(() => z.strictObject({})) }),
  'POST /console/session/extend': session({
    summary: 'Stay signed in',
    form: lazySchema(() => ReturnTo.strict()),
  }),
  'GET /console/session/status': session({
    summary: "The session's idle end, for the inactivity warning (not activity)",
  }),
  'GET /console': session({ summary: 'Duty overview: awaiting approval, active incidents' }),
  'GET /console/incidents': session({
    summary: 'History: incidents newest first, with filters',
    query: HistoryQuery,
  }),
  'GET /console/incidents/new': session({ summary: 'New incident: live, exercise or test, chosen first' }),
  'GET /console/incidents/new/{mode}': session({ summary: 'New incident: the category', params: ModeParams }),
  'GET /console/incidents/new/{mode}/{category}': session({
    summary: 'New incident: the filing form',
    params: FilingParams,
    query: Prefill,
  }),
  'POST /console/incidents/new/{mode}/{category}': session({
    summary: 'Preview or file the incident',
    params: FilingParams,
    form: IncidentForm,
    facts: true,
  }),
  'GET /console/incidents/{id}': session({
    summary: 'An incident: its broadcasts, follow-ups and audit trail',
    params: IncidentParams,
  }),
  'GET /console/incidents/{id}/follow-up/{kind}': session({
    summary: 'A follow-up form, pre-filled',
    params: FollowUpParams,
  }),
  'POST /console/incidents/{id}/follow-up/{kind}': session({
    summary: 'Preview or file a follow-up',
    params: FollowUpParams,
    form: FollowUpForm,
    facts: true,
  }),
  'GET /console/approvals': session({ summary: 'Broadcasts awaiting approval, oldest first' }),
  'GET /console/broadcasts/{id}': session({
    summary: 'A broadcast: the approval page while pending, then its live delivery board',
    params: BroadcastParams,
    query: BoardQuery,
  }),
  'GET /console/broadcasts/{id}/board': session({
    summary: 'The delivery board alone, for the live refresh (not activity)',
    params: BroadcastParams,
  }),
  'POST /console/broadcasts/{id}/approve': session({
    summary: 'Approve this exact content',
    params: BroadcastParams,
    form: ApproveForm,
  }),
  'POST /console/broadcasts/{id}/reject': session({
    summary: 'Reject, or return for edit, with a reason',
    params: BroadcastParams,
    form: RejectForm,
  }),
  // The communications workspace (D32): templates, the resource library, the audience, reports.
  ...templateRoutes,
  ...libraryRoutes,
  ...reportRoutes,
} as const satisfies Record<string, ConsoleSpec>;

export type ConsoleKey = keyof typeof consoleContract;

/**
 * Splits the `fact.*` fields from the rest of a filing or follow-up form. A fact field sent twice
 * or over the length is refused by the schema like any malformed field.
 */
export function splitFactFields(fields: Record<string, string | string[]>): {
  facts: Record<string, string>;
  rest: Record<string, string | string[]>;
} {
  const named: Record<string, string | string[]> = {};
  const rest: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (FACT_FIELD.test(name)) named[name] = value;
    else rest[name] = value;
  }
  const facts = FactFields.safeParse(named);
  // A fact field sent twice, or longer than any field takes, is not what the form sends: a 400.
  if (!facts.success) throw new MalformedBodyError('the form has fields this page does not take');
  return { facts: facts.data, rest };
}
