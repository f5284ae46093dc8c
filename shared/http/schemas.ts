import * as z from 'zod';
import { FactValue } from '../domain/incident.js';
import { incidentFilterFields, MAX_PAGE_SIZE } from '../domain/incident-filters.js';
import { lazySchema } from '../domain/lazy-schema.js';
import { ResourceContent, ResourceId } from '../domain/resource.js';
import { safeRecord } from '../domain/safe-record.js';
import { TemplateContent, TemplateId } from '../domain/template.js';
import {
  CapCertainty,
  CapSeverity,
  CapStatus,
  CapUrgency,
  FollowUpKind,
  LanguageCode,
} from '../domain/vocabulary.js';

/**
 * Request schemas of the HTTP API: strict (unknown fields are refused, so nobody sets a status,
 * an approver or an id by sending it), and the source of `GET /openapi.json`.
 */

const Id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), `a ${prefix}_ id`);
export const IncidentId = lazySchema(() => Id('inc'));
export const BroadcastId = lazySchema(() => Id('bc'));

const FactName = lazySchema(() => z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'a camelCase fact name'));
const Facts = lazySchema(() =>
  safeRecord(FactName, FactValue).refine((facts) => Object.keys(facts).length <= 30, 'at most 30 facts'),
);

export const FileIncidentBody = lazySchema(() =>
  z.strictObject({
    category: z.string().min(1).max(64),
    status: CapStatus,
    severity: CapSeverity,
    urgency: CapUrgency,
    certainty: CapCertainty,
    areas: z.array(z.string().min(1).max(32)).max(100).optional(),
    citywide: z.literal(true).optional().describe('set to true for a city-wide broadcast instead of areas'),
    languages: z.array(LanguageCode).min(1).max(10),
    facts: Facts,
    expiresAt: z.iso.datetime({ offset: true }),
  }),
);

export const ApproveBody = lazySchema(() =>
  z.strictObject({
    contentHash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'the contentHash shown with the preview'),
    breakGlassReason: z
      .string()
      .trim()
      .min(10, 'say why no second person can approve (at least 10 characters)')
      .max(500)
      .optional(),
  }),
);

export const RejectBody = lazySchema(() =>
  z.strictObject({
    reason: z.string().trim().min(3).max(500),
    returnForEdit: z
      .boolean()
      .optional()
      .describe('return it to its author for edit, the reason saying what to change (not for the author)'),
  }),
);

export const FollowUpBody = lazySchema(() =>
  z.strictObject({
    kind: FollowUpKind,
    follows: BroadcastId.optional().describe(
      "the broadcast to follow; default: the incident's latest approved one",
    ),
    facts: Facts.optional(),
    note: FactValue.optional().describe('a short note for cancel and all-clear'),
  }),
);

export const IncidentParams = lazySchema(() => z.strictObject({ id: IncidentId }));
export const BroadcastParams = lazySchema(() => z.strictObject({ id: BroadcastId }));

/**
 * A page of incidents, optionally filtered; the filters' names are checked against the registry
 * by the search itself (`checkIncidentFilters`), the rule the console shares.
 */
export const ListQuery = lazySchema(() =>
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
    cursor: z.string().min(1).max(2048).optional(),
    ...incidentFilterFields(),
  }),
);

export const TemplateParams = lazySchema(() => z.strictObject({ id: TemplateId }));
export const TemplateVersionParams = lazySchema(() =>
  z.strictObject({
    id: TemplateId,
    version: z.coerce.number().int().min(1).max(1_000_000),
  }),
);
export const TemplateListQuery = lazySchema(() =>
  z.strictObject({
    category: z.string().min(1).max(64).optional(),
    language: LanguageCode.optional(),
  }),
);

const Revision = lazySchema(() =>
  z.number().int().min(0).describe('the revision you read (0 to create); a stale one is refused with 409'),
);

export const SaveTemplateBody = lazySchema(() =>
  z.strictObject({ revision: Revision, content: TemplateContent }),
);

export const PublishTemplateBody = lazySchema(() =>
  z.strictObject({
    revision: Revision,
    rollbackTo: z.number().int().min(1).optional().describe('publish this older version again, as a new one'),
  }),
);

export const PreviewTemplateBody = lazySchema(() =>
  z.strictObject({
    facts: Facts.optional().describe("default: the category's examples"),
    version: z.union([z.number().int().min(1), z.literal('draft')]).optional(),
    areas: z.array(z.string().min(1).max(32)).max(100).optional(),
    citywide: z.literal(true).optional(),
    status: CapStatus.optional(),
  }),
);

export const ResourceParams = lazySchema(() => z.strictObject({ id: ResourceId }));
export const SaveResourceBody = lazySchema(() =>
  z.strictObject({ revision: Revision, content: ResourceContent }),
);

export const SubscriptionId = lazySchema(() => Id('sub'));
// Any short text: the sign-up's domain check names the division meant when a name was typed.
const DivisionId = lazySchema(() => z.string().min(1).max(64));
const AreaChoice = lazySchema(() =>
  z.union([z.literal('citywide'), z.array(DivisionId).min(1, 'choose at least one area').max(50)]),
);

export const SignUpBody = lazySchema(() =>
  z.strictObject({
    channel: z.enum(['sms', 'email']),
    /** A mobile number (E.164, or national in the registry's country) or an e-mail address. */
    address: z.string().min(3).max(254),
    areas: AreaChoice,
    language: LanguageCode,
  }),
);

export const SubscriptionParams = lazySchema(() => z.strictObject({ id: SubscriptionId }));

export const ConfirmCodeBody = lazySchema(() =>
  z.strictObject({
    code: z.string().regex(/^\d{6}$/, 'the 6-digit code'),
  }),
);

export const ManageParams = lazySchema(() =>
  z.strictObject({
    token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a management token'),
  }),
);

export const ChangeSubscriptionBody = lazySchema(() =>
  z
    .strictObject({ areas: AreaChoice.optional(), language: LanguageCode.optional() })
    .refine(
      (body) => body.areas !== undefined || body.language !== undefined,
      'change areas, language or both',
    ),
);
