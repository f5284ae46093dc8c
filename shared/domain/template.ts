import * as z from 'zod';
import { ConflictError, type IssueDetail, NotFoundError, ValidationError } from './errors.js';
import { lazySchema } from './lazy-schema.js';
import type { Category } from './registry.js';
import { hasMalformedPlaceholder, templateVariables } from './rendering/template-text.js';
import { BroadcastKind, LanguageCode } from './vocabulary.js';

/**
 * Message templates as data that communications staff own: one template per category, language
 * and broadcast kind, with a text per channel, the variables it declares, and versions
 * (a draft on top, published versions immutable, one published at a time).
 */

/** Variables Herald fills in itself; a template uses them without declaring them. */
export const BUILTIN_VARIABLES = ['link', 'areas', 'category', 'service'] as const;

/** The channel variants of a template. */
export const TEMPLATE_FIELDS = [
  'headline',
  'x',
  'sms',
  'emailSubject',
  'emailBody',
  'capDescription',
  'capInstruction',
  'web',
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

const VariableName = lazySchema(() =>
  z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'a camelCase variable name'),
);

export const TemplateVariable = lazySchema(() =>
  z.strictObject({
    name: VariableName,
    required: z.boolean(),
    /** What kind of text fills it, for the editor and the preview's examples. */
    type: z.enum(['text', 'place', 'time', 'name', 'number']),
    maxLength: z.number().int().min(1).max(500),
    example: z.string().max(500),
  }),
);
export type TemplateVariable = z.infer<typeof TemplateVariable>;

const FieldText = (max: number) => z.string().max(max);

/** What comms staff write: every channel's text and the variables they use. */
export const TemplateContent = lazySchema(() =>
  z.strictObject({
    headline: FieldText(200).min(1),
    x: FieldText(2_000).min(1),
    sms: FieldText(500).min(1),
    emailSubject: FieldText(200).min(1),
    emailBody: FieldText(8_000).min(1),
    capDescription: FieldText(4_000).min(1),
    capInstruction: FieldText(1_000),
    web: FieldText(8_000).min(1),
    variables: z.array(TemplateVariable).max(30),
  }),
);
export type TemplateContent = z.infer<typeof TemplateContent>;

let fieldMax: Record<TemplateField, number> | undefined;
/**
 * Each text field's longest length, read from TemplateContent so the limit is written once (at the
 * first call: reading the schema builds it, see lazySchema).
 */
export function templateFieldMax(): Record<TemplateField, number> {
  fieldMax ??= Object.fromEntries(
    TEMPLATE_FIELDS.map((field) => [field, TemplateContent.shape[field].maxLength ?? 0]),
  ) as Record<TemplateField, number>;
  return fieldMax;
}

/** A published, immutable version. */
export interface TemplateVersion extends TemplateContent {
  id: string;
  version: number;
  category: string;
  language: string;
  kind: BroadcastKind;
  publishedAt: string;
  /** The publisher's subject id (a Cognito `sub`): identity, compared, not shown alone. */
  publishedBy: string;
  /** The publisher's display name when published (D36); absent on versions published before, and built-in ones. */
  publishedByName?: string;
  /** Set when this version re-publishes an older one (a rollback). */
  rolledBackFrom?: number;
}

/** The draft on top of a template: its content and who saved it last (id, and name beside it: D36). */
export interface TemplateDraft {
  content: TemplateContent;
  updatedAt: string;
  updatedBy: string;
  /** The saver's display name; absent on drafts saved before names were kept. */
  updatedByName?: string;
  basedOn?: number;
}

/** A template as stored: its published version, the draft being edited, and its history. */
export interface TemplateRecord {
  id: string;
  category: string;
  language: string;
  kind: BroadcastKind;
  /** Grows with every change; writers send the revision they read (optimistic concurrency). */
  revision: number;
  published?: TemplateVersion;
  draft?: TemplateDraft;
  /** The highest version number used so far. */
  latestVersion: number;
  /** True while this is the version Herald ships with and nobody has changed it. */
  builtin: boolean;
  history: { at: string; actor: string; from: string | null; to: string; reason?: string }[];
}

export const TemplateId = lazySchema(() =>
  z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*\.[a-z]{2,3}(-[A-Z]{2})?\.[a-z-]+$/, 'a template id: category.language.kind'),
);

/** Template ids are deterministic, so the one template of (category, language, kind) is found with one read. */
export function templateId(key: { category: string; language: string; kind: BroadcastKind }): string {
  return `${key.category}.${key.language}.${key.kind}`;
}

export function parseTemplateId(id: string): { category: string; language: string; kind: BroadcastKind } {
  const [category = '', language = '', kind = ''] = id.split('.');
  const parsed = BroadcastKind.safeParse(kind);
  if (!parsed.success || !LanguageCode.safeParse(language).success || category === '') {
    throw new ValidationError(`${id} is not a template id`, [
      { path: ['id'], message: 'a template id: category.language.kind' },
    ]);
  }
  return { category, language, kind: parsed.data };
}

/**
 * Checks a template against its category before it is saved: every placeholder is well-formed
 * and declared (or one of Herald's own), every declared variable is something intake can supply
 * (a fact of the category, or the note of a follow-up), and no variable is declared twice.
 */
export function checkTemplateContent(
  content: TemplateContent,
  category: Category,
  kind: BroadcastKind,
): void {
  const issues: IssueDetail[] = [];
  const declared = new Map<string, number>();
  content.variables.forEach((variable, i) => {
    if (declared.has(variable.name)) {
      issues.push({ path: ['variables', i, 'name'], message: `${variable.name} is declared twice` });
    }
    declared.set(variable.name, i);
    const suppliable =
      category.facts.some((fact) => fact.name === variable.name) ||
      (kind !== 'alert' && variable.name === 'note');
    if ((BUILTIN_VARIABLES as readonly string[]).includes(variable.name)) {
      issues.push({ path: ['variables', i, 'name'], message: `${variable.name} is filled in by Herald` });
    } else if (!suppliable) {
      issues.push({
        path: ['variables', i, 'name'],
        message: `${variable.name} is not a fact of ${category.id}${kind === 'alert' ? '' : ' (nor the note)'}`,
      });
    }
  });
  for (const field of TEMPLATE_FIELDS) {
    const text = content[field];
    if (hasMalformedPlaceholder(text)) {
      issues.push({ path: [field], message: 'a placeholder is malformed; write {{name}}' });
    }
    for (const name of templateVariables(text)) {
      if ((BUILTIN_VARIABLES as readonly string[]).includes(name) || declared.has(name)) continue;
      issues.push({ path: [field], message: `{{${name}}} is used but not declared in variables` });
    }
  }
  if (issues.length > 0) {
    const summary = issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ValidationError(`the template cannot be saved: ${summary}`, issues);
  }
}

/** The editable part of a version: what a rollback publishes again. */
export function templateContentOf(version: TemplateVersion): TemplateContent {
  const content = { variables: version.variables } as TemplateContent;
  for (const field of TEMPLATE_FIELDS) content[field] = version[field];
  return content;
}

/** A stale revision is a 409; a revision for a template that does not exist yet is a 404. */
export function checkRevision(seen: TemplateRecord, sent: number): void {
  if (sent === seen.revision) return;
  if (seen.revision === 0 && !seen.published) {
    throw new NotFoundError(`template ${seen.id} does not exist yet; create it with revision 0`);
  }
  throw new ConflictError(
    `template ${seen.id} is at revision ${seen.revision}, not ${sent}: reload it and apply your change again`,
  );
}
