import * as z from 'zod';
import { lazySchema } from '../../domain/lazy-schema.js';
import { ResourceId } from '../../domain/resource.js';
import { Choice, Choices, type ConsoleSpec, Filter, session, Typed } from '../console-fields.js';

/**
 * The workspace's resource library and audience pages (docs/architecture.md D32). The forms take
 * what was typed; what an entry must be is the API's `SaveResourceBody`, checked by the handler.
 */

/** A localized text is one field per language: `name-en`, `description-fr`. */
export const LOCALIZED_FIELDS = ['name', 'description', 'hours', 'eligibility'] as const;
export const LOCALIZED_FIELD = /^(name|description|hours|eligibility)-([a-z]{2,3})$/;

const KNOWN = [
  'id',
  'revision',
  'phone',
  'textNumber',
  'url',
  'languagesServed',
  'areas',
  'categories',
  'lastVerifiedAt',
  'verifiedBy',
  'sample',
];

/**
 * The entry form: every field as typed, and one text per language and localized field (their
 * names depend on the registry's languages, so they are checked by pattern). Anything else: 400.
 */
export const ResourceForm = lazySchema(() =>
  z
    .object({
      id: Typed.optional(),
      revision: Choice.optional(),
      phone: Typed.optional(),
      textNumber: Typed.optional(),
      url: Typed.optional(),
      languagesServed: Typed.optional(),
      areas: Choices.optional(),
      categories: Choices.optional(),
      lastVerifiedAt: Typed.optional(),
      verifiedBy: Typed.optional(),
      sample: z.literal('yes').optional(),
    })
    .catchall(Typed)
    .refine((fields) =>
      Object.keys(fields).every((name) => KNOWN.includes(name) || LOCALIZED_FIELD.test(name)),
    ),
);
/** The form as the handler reads it: a text per field name, and the boxes ticked per group. */
export type ResourceForm = { [name: string]: string | string[] | undefined } & {
  revision?: string | undefined;
  id?: string | undefined;
  phone?: string | undefined;
  textNumber?: string | undefined;
  url?: string | undefined;
  languagesServed?: string | undefined;
  areas?: string[] | undefined;
  categories?: string[] | undefined;
  lastVerifiedAt?: string | undefined;
  verifiedBy?: string | undefined;
  sample?: 'yes' | undefined;
};

const ResourceParams = lazySchema(() => z.strictObject({ id: ResourceId }));
const RevisionForm = lazySchema(() => z.strictObject({ revision: Choice }));

export const LibraryQuery = lazySchema(() =>
  z.object({
    category: Filter(Choice),
    area: Filter(Choice),
    language: Filter(Choice),
    stale: Filter(z.enum(['yes', 'no'])),
    status: Filter(z.enum(['active', 'retired'])),
  }),
);
export type LibraryFilters = z.infer<typeof LibraryQuery>;

const ResourceNote = lazySchema(() =>
  z.object({
    note: z.enum(['created', 'saved', 'verified', 'retired', 'restored']).optional().catch(undefined),
  }),
);

export const libraryRoutes = {
  'GET /console/resources': session({
    summary: 'The resource library: every entry, stale ones flagged, with filters',
    query: LibraryQuery,
  }),
  'GET /console/resources/new': session({ summary: 'A new library entry (comms)' }),
  'POST /console/resources/new': session({
    summary: 'Create a library entry (comms)',
    form: ResourceForm,
  }),
  'GET /console/resources/{id}': session({
    summary: 'A library entry: its fields (editable by comms), verification and changes',
    params: ResourceParams,
    query: ResourceNote,
  }),
  'POST /console/resources/{id}': session({
    summary: 'Save a library entry from the revision read (comms)',
    params: ResourceParams,
    form: ResourceForm,
  }),
  'POST /console/resources/{id}/verify': session({
    summary: 'Mark a library entry verified today, by whoever presses it (comms)',
    params: ResourceParams,
    form: RevisionForm,
  }),
  'GET /console/resources/{id}/retire': session({
    summary: 'Confirm retiring a library entry',
    params: ResourceParams,
  }),
  'POST /console/resources/{id}/retire': session({
    summary: 'Retire a library entry: no broadcast attaches it any more (comms)',
    params: ResourceParams,
    form: RevisionForm,
  }),
  'POST /console/resources/{id}/restore': session({
    summary: 'Put a retired library entry back in use (comms)',
    params: ResourceParams,
    form: RevisionForm,
  }),
  'GET /console/audience': session({
    summary: 'Subscribers per division, language and channel, and topic subscriptions: counts only',
  }),
} as const satisfies Record<string, ConsoleSpec>;
