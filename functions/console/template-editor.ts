import { NotFoundError, ValidationError } from '../../shared/domain/errors.js';
import type { Principal } from '../../shared/domain/principal.js';
import type { Category } from '../../shared/domain/registry.js';
import {
  TEMPLATE_FIELDS,
  TemplateContent,
  type TemplateField,
  type TemplateRecord,
  templateContentOf,
  templateId,
} from '../../shared/domain/template.js';
import { declareUsedFacts } from '../../shared/domain/template-declarations.js';
import { factParity } from '../../shared/domain/template-parity.js';
import type { BroadcastKind } from '../../shared/domain/vocabulary.js';
import { MalformedBodyError } from '../../shared/http/errors.js';
import { listTemplates } from '../../shared/use-cases/library-read-models.js';
import { asVersion, renderForPreview } from '../../shared/use-cases/preview-template.js';
import { exampleOf } from '../../web/console/filing.js';
import type { EditorLanguage } from '../../web/workspace/templates/editor-model.js';
import type { LanguagePreview } from '../../web/workspace/templates/editor-preview.js';
import type { ConsoleContext } from './context.js';
import { factsFromFields } from './filing-form.js';
import { fieldErrors } from './form-errors.js';

export type StoredTemplate = Omit<TemplateRecord, 'history'>;

/** The category of a page's path; an unknown one is a page that does not exist. */
export function categoryOf(context: ConsoleContext, id: string): Category {
  const category = context.registry.categories.find((c) => c.id === id);
  if (!category) throw new NotFoundError(`there is no category ${id}`);
  return category;
}

/** Each language's template of the category and kind, as stored (absent when there is none yet). */
export async function storedTemplates(
  context: ConsoleContext,
  principal: Principal,
  category: string,
  kind: BroadcastKind,
): Promise<Map<string, StoredTemplate>> {
  const all = await listTemplates(context, principal, { category });
  return new Map(all.filter((t) => t.kind === kind).map((t) => [t.language, t]));
}

const storedContent = (t: StoredTemplate | undefined): TemplateContent | undefined =>
  t?.draft?.content ?? (t?.published ? templateContentOf(t.published) : undefined);

/** The editor's columns as stored: the draft when there is one, else the published version. */
export function storedLanguages(
  context: ConsoleContext,
  stored: Map<string, StoredTemplate>,
): EditorLanguage[] {
  return context.registry.languages.map((l) => {
    const t = stored.get(l.code);
    const content = storedContent(t);
    const values = Object.fromEntries(TEMPLATE_FIELDS.map((f) => [f, content?.[f] ?? ''])) as Record<
      TemplateField,
      string
    >;
    return languageColumn(l, t, values, t?.revision ?? 0, content?.variables ?? []);
  });
}

function languageColumn(
  l: { code: string; name: string },
  t: StoredTemplate | undefined,
  values: Record<TemplateField, string>,
  revision: number,
  variables: TemplateContent['variables'],
): EditorLanguage {
  // Staff read who published and who saved the draft by name; records from before names were
  // kept (D36) show the id.
  return {
    code: l.code,
    name: l.name,
    values,
    revision,
    variables,
    published: t?.published
      ? {
          version: t.published.version,
          publishedAt: t.published.publishedAt,
          publishedBy: t.published.publishedByName ?? t.published.publishedBy,
          builtin: t.builtin,
        }
      : undefined,
    draft: t?.draft
      ? { updatedAt: t.draft.updatedAt, updatedBy: t.draft.updatedByName ?? t.draft.updatedBy }
      : undefined,
  };
}

/**
 * The editor's columns as posted, each with the content the API would take: the texts typed, the
 * variables declared before plus the facts now used. A language whose revision is missing was
 * not sent by this page: a 400.
 */
export function postedLanguages(
  context: ConsoleContext,
  stored: Map<string, StoredTemplate>,
  form: Record<string, string>,
  category: Category,
  kind: BroadcastKind,
) {
  const errors: Record<string, string> = {};
  const columns = context.registry.languages.map((l) => {
    const revision = form[`${l.code}-revision`];
    if (revision === undefined || !/^[0-9]{1,9}$/.test(revision))
      throw new MalformedBodyError('the form has fields this page does not take');
    const values = Object.fromEntries(
      TEMPLATE_FIELDS.map((f) => [f, (form[`${l.code}-${f}`] ?? '').replace(/\r\n/g, '\n')]),
    ) as Record<TemplateField, string>;
    const t = stored.get(l.code);
    const variables = declareUsedFacts(values, storedContent(t)?.variables ?? [], category, kind);
    const parsed = TemplateContent.safeParse({ ...values, variables });
    if (!parsed.success) Object.assign(errors, languageErrors(l.code, parsed.error.issues));
    const column = languageColumn(l, t, values, Number(revision), variables);
    const changed = parsed.success && !sameContent(parsed.data, storedContent(t));
    return { column, content: parsed.success ? parsed.data : undefined, changed, stored: t };
  });
  return { columns, errors };
}

/** Same texts and declarations, whatever order the keys were written in. */
function sameContent(a: TemplateContent, b: TemplateContent | undefined): boolean {
  if (!b) return false;
  const declared = (c: TemplateContent) =>
    JSON.stringify(c.variables.map((v) => [v.name, v.required, v.type, v.maxLength, v.example]));
  return TEMPLATE_FIELDS.every((f) => a[f] === b[f]) && declared(a) === declared(b);
}

const FIELD_SENTENCES: Record<string, string> = {
  too_small: 'Enter the text; it cannot be empty',
};

/** Issues of one language's content (`['sms']`, `['variables', 0, 'name']`) as its fields' errors. */
export function languageErrors(
  language: string,
  issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[],
): Record<string, string> {
  return fieldErrors(
    issues.map((issue) => {
      const [head] = issue.path.map(String);
      const field = (TEMPLATE_FIELDS as readonly string[]).includes(head ?? '')
        ? `${language}-${head}`
        : `${language}-headline`;
      const message = (issue.code && FIELD_SENTENCES[issue.code]) ?? issue.message;
      return { path: [field], message: head === 'variables' ? `variables: ${message}` : message };
    }),
    { firstLanguage: language },
  );
}

/** The preview's fact fields, pre-filled with the category's examples in every language. */
export function exampleFactFields(context: ConsoleContext, category: Category): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const fact of category.facts) {
    if (!fact.localized)
      fields[`fact.${fact.name}`] = exampleOf(fact, context.registry.languages[0]?.code ?? 'en');
    else
      for (const l of context.registry.languages)
        fields[`fact.${fact.name}.${l.code}`] = exampleOf(fact, l.code);
  }
  return fields;
}

/** Every language rendered with the facts of the form, and what the languages say differently. */
export async function previewsOf(
  context: ConsoleContext,
  category: Category,
  kind: BroadcastKind,
  columns: {
    column: EditorLanguage;
    content: TemplateContent | undefined;
    stored: StoredTemplate | undefined;
  }[],
  factFields: Record<string, string>,
) {
  const languages = context.registry.languages.map((l) => l.code);
  const facts = factsFromFields(category, factFields, languages);
  const errors: Record<string, string> = {};
  const previews: LanguagePreview[] = [];
  for (const { column, content, stored } of columns) {
    if (!content) continue;
    const key = {
      id: templateId({ category: category.id, language: column.code, kind }),
      category: category.id,
      language: column.code,
      kind,
    };
    try {
      const preview = await renderForPreview(
        context,
        asVersion(key, content, (stored?.latestVersion ?? 0) + 1),
        { facts },
      );
      previews.push({ language: column.code, languageName: column.name, ...preview });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      Object.assign(errors, previewErrors(column.code, error));
    }
  }
  const parity = factParity(Object.fromEntries(columns.map(({ column }) => [column.code, column.values])));
  return { previews, parity, errors };
}

/** A fact the texts need and the facts lack points at the fact's field; a text that fails, at the text. */
function previewErrors(language: string, error: ValidationError): Record<string, string> {
  const facts = error.issues.filter((i) => i.path[0] === 'facts');
  const rest = error.issues.filter((i) => i.path[0] !== 'facts');
  return {
    ...fieldErrors(facts, { firstLanguage: language }),
    ...languageErrors(language, rest.length || facts.length ? rest : [{ path: [], message: error.message }]),
  };
}
