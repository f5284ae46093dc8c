import * as z from 'zod';
import { lazySchema } from '../../domain/lazy-schema.js';
import { TEMPLATE_FIELDS, templateFieldMax } from '../../domain/template.js';
import { BroadcastKind } from '../../domain/vocabulary.js';
import { Choice, type ConsoleSpec, Filter, session } from '../console-fields.js';

/**
 * An editor field: `{language}-{field}` (`fr-sms`) or `{language}-revision`. The languages come
 * from the registry, so a field is checked by its name's shape here; what its text must be is
 * checked by the API's TemplateContent schema and the use cases.
 */
export const TEMPLATE_EDITOR_FIELD = new RegExp(
  `^([a-z]{2,3}(?:-[A-Z]{2})?)-(revision|${TEMPLATE_FIELDS.join('|')})$`,
);

const EditorParams = lazySchema(() =>
  z.strictObject({
    category: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/),
    kind: BroadcastKind,
  }),
);

/**
 * Twice the longest text any template field takes (the e-mail body's and the public page's 8,000,
 * read from TemplateContent). The form only bounds the size here: each field's own limit is
 * TemplateContent's, checked after, so a text over it gets its 422 beside the field with the text
 * kept, not a bare 400 page that loses what was typed.
 */
const EditorText = lazySchema(() => z.string().max(2 * Math.max(...Object.values(templateFieldMax()))));

/** The editor's form: its action, then every language's texts and the revision it read. */
export const TemplateEditorForm = lazySchema(() =>
  z
    .object({ action: z.enum(['preview', 'save', 'publish']) })
    .catchall(EditorText)
    .superRefine((form, context) => {
      for (const name of Object.keys(form))
        if (name !== 'action' && !TEMPLATE_EDITOR_FIELD.test(name))
          context.addIssue({ code: 'custom', path: [name], message: 'not a field of the editor' });
    }),
);

export const TemplateRollbackForm = lazySchema(() =>
  z.strictObject({
    language: Choice,
    version: z.string().regex(/^[1-9][0-9]{0,6}$/),
    revision: z.string().regex(/^[0-9]{1,9}$/),
  }),
);

const Version = lazySchema(() => z.coerce.number().int().min(1).max(1_000_000));

/** The workspace's template pages (docs/architecture.md D32). */
export const templateRoutes = {
  'GET /console/templates': session({
    summary: 'Templates by category and kind, each language with its published version and draft',
    query: lazySchema(() => z.object({ category: Filter(Choice), language: Filter(Choice) })),
  }),
  'GET /console/templates/{category}/{kind}': session({
    summary: 'A template in every language side by side, with its live preview',
    params: EditorParams,
    query: lazySchema(() =>
      z.object({
        note: z.enum(['saved', 'published', 'unchanged']).optional().catch(undefined),
      }),
    ),
  }),
  'POST /console/templates/{category}/{kind}': session({
    summary: 'Preview, save the draft of, or publish a template (every language)',
    params: EditorParams,
    form: TemplateEditorForm,
    facts: true,
  }),
  'GET /console/templates/{category}/{kind}/history': session({
    summary: 'The versions of a template: who published each, two compared, the broadcasts that used them',
    params: EditorParams,
    query: lazySchema(() =>
      z.object({
        language: Filter(Choice),
        from: Filter(Version),
        to: Filter(Version),
        note: z.enum(['rolled-back']).optional().catch(undefined),
      }),
    ),
  }),
  'POST /console/templates/{category}/{kind}/rollback': session({
    summary: 'Publish an older version of one language again, as a new version',
    params: EditorParams,
    form: TemplateRollbackForm,
  }),
} as const satisfies Record<string, ConsoleSpec>;
