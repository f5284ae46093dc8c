import type * as z from 'zod';
import type { RouteSpec } from './http-api.js';
import type { PageKey } from './page-contract.js';
import {
  ApproveBody,
  BroadcastParams,
  ChangeSubscriptionBody,
  ConfirmCodeBody,
  FileIncidentBody,
  FollowUpBody,
  IncidentParams,
  ListQuery,
  ManageParams,
  PreviewTemplateBody,
  PublishTemplateBody,
  RejectBody,
  ResourceParams,
  SaveResourceBody,
  SaveTemplateBody,
  SignUpBody,
  SubscriptionParams,
  TemplateListQuery,
  TemplateParams,
  TemplateVersionParams,
} from './schemas.js';

const spec = <B extends z.ZodType, P extends z.ZodType, Q extends z.ZodType>(s: RouteSpec<B, P, Q>) => s;

/**
 * Every route of the HTTP API with its auth and schemas, keyed by API Gateway route key. Handlers
 * implement these, the manifest assigns them to functions, and `GET /openapi.json` is generated
 * from them, so the three cannot drift.
 */
export const contract = {
  'GET /health': spec({ auth: 'public', summary: 'Liveness' }),
  'GET /openapi.json': spec({ auth: 'public', summary: 'This API, as OpenAPI 3.1' }),
  'GET /registry': spec({
    auth: 'staff',
    summary: 'Divisions, units, accounts, languages and categories with their facts',
  }),
  'POST /incidents': spec({
    auth: 'staff',
    summary: 'File an incident; returns its first broadcast awaiting approval',
    body: FileIncidentBody,
  }),
  'GET /incidents': spec({
    auth: 'staff',
    summary: 'List incidents, newest first; filter by state, category, division, live or exercise',
    query: ListQuery,
  }),
  'GET /incidents/{id}': spec({
    auth: 'staff',
    summary: 'An incident with its broadcasts',
    params: IncidentParams,
  }),
  'POST /incidents/{id}/follow-ups': spec({
    auth: 'staff',
    summary: 'File an update, cancel, all-clear or correction; returns a broadcast awaiting approval',
    params: IncidentParams,
    body: FollowUpBody,
  }),
  'GET /broadcasts/{id}': spec({
    auth: 'staff',
    summary: 'A broadcast: status, preview, audience, delivery summary and audit trail',
    params: BroadcastParams,
  }),
  'POST /broadcasts/{id}/approve': spec({
    auth: 'staff',
    summary: 'Approve the exact content by its hash; dispatch starts at once',
    params: BroadcastParams,
    body: ApproveBody,
  }),
  'POST /broadcasts/{id}/reject': spec({
    auth: 'staff',
    summary: 'Reject a pending broadcast with a reason, or return it to its author for edit',
    params: BroadcastParams,
    body: RejectBody,
  }),
  'GET /broadcasts/{id}/deliveries': spec({
    auth: 'staff',
    summary: 'Where every delivery of a broadcast stands',
    params: BroadcastParams,
  }),
  'GET /categories': spec({
    auth: 'staff',
    summary: 'Incident categories with the facts each needs, per language',
  }),
  'GET /templates': spec({
    auth: 'staff',
    summary: 'Every template (category, language, kind) with its published version and draft',
    query: TemplateListQuery,
  }),
  'GET /templates/{id}': spec({
    auth: 'staff',
    summary: 'A template: published version, draft, revision, version history',
    params: TemplateParams,
  }),
  'PUT /templates/{id}': spec({
    auth: 'staff',
    summary: 'Create a template (revision 0) or save its draft (comms)',
    params: TemplateParams,
    body: SaveTemplateBody,
  }),
  'POST /templates/{id}/publish': spec({
    auth: 'staff',
    summary: 'Publish the draft, or roll back to an older version, as a new version (comms)',
    params: TemplateParams,
    body: PublishTemplateBody,
  }),
  'POST /templates/{id}/preview': spec({
    auth: 'staff',
    summary: 'Render a template with facts: texts, length meters, resources, personal-data warnings',
    params: TemplateParams,
    body: PreviewTemplateBody,
  }),
  'GET /templates/{id}/versions/{version}': spec({
    auth: 'staff',
    summary: 'One published version of a template',
    params: TemplateVersionParams,
  }),
  'GET /resources': spec({ auth: 'staff', summary: 'The victim-resource library, stale entries flagged' }),
  'GET /resources/{id}': spec({ auth: 'staff', summary: 'One library entry', params: ResourceParams }),
  'PUT /resources/{id}': spec({
    auth: 'staff',
    summary: 'Create (revision 0) or update a library entry (comms); retire it with active: false',
    params: ResourceParams,
    body: SaveResourceBody,
  }),
  'POST /subscriptions': spec({
    auth: 'public',
    summary: 'Sign up for alerts by SMS or e-mail; the same answer whether or not the address is known',
    body: SignUpBody,
  }),
  'POST /subscriptions/{id}/confirm': spec({
    auth: 'public',
    summary: 'Confirm an SMS sign-up with its 6-digit code; returns the management token',
    params: SubscriptionParams,
    body: ConfirmCodeBody,
  }),
  'GET /subscriptions/manage/{token}': spec({
    auth: 'public',
    summary: 'A subscription as its owner sees it (address masked)',
    params: ManageParams,
  }),
  'PUT /subscriptions/manage/{token}': spec({
    auth: 'public',
    summary: 'Change areas or language; only the difference is subscribed or unsubscribed',
    params: ManageParams,
    body: ChangeSubscriptionBody,
  }),
  'DELETE /subscriptions/manage/{token}': spec({
    auth: 'public',
    summary: 'End the subscription everywhere',
    params: ManageParams,
  }),
  'GET /audience': spec({
    auth: 'staff',
    summary: 'Subscribers per area, language and channel (counts only)',
  }),
} as const;

export type RouteKey = keyof typeof contract;

/**
 * The public HTML pages (the subscription forms) are routes of the contract too, listed in
 * `page-contract.ts` with their form schemas: the manifest serves them, the OpenAPI document,
 * which describes the JSON API, leaves them out.
 */
export { type PageKey, pageContract } from './page-contract.js';

export function splitRouteKey(key: RouteKey | PageKey): {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
} {
  const [method, path] = key.split(' ') as ['GET' | 'POST' | 'PUT' | 'DELETE', string];
  return { method, path };
}
