import type { Registry } from '../../../shared/domain/registry.js';
import type { StaffSession } from '../../../shared/domain/staff-session.js';
import type { TemplateRecord } from '../../../shared/domain/template.js';
import { BroadcastKind } from '../../../shared/domain/vocabulary.js';
import { Select } from '../../console/fields.js';
import { formatTime } from '../../console/format.js';
import { type ConsoleFrame, ConsoleLayout, renderConsole } from '../../console/layout.js';
import { editorPath, KIND_NAMES } from './labels.js';

export interface TemplateListModel {
  frame: ConsoleFrame;
  session: StaffSession;
  registry: Registry;
  templates: Omit<TemplateRecord, 'history'>[];
  filters: { category?: string | undefined; language?: string | undefined };
}

/**
 * Every template, a row per category and kind, a column per language: the version the next
 * broadcast uses and whether a draft waits. Filters are a GET form, so a filtered list is a link.
 */
export function renderTemplateList(model: TemplateListModel): string {
  const { registry, filters } = model;
  const languages = registry.languages.filter((l) => !filters.language || l.code === filters.language);
  const rows = registry.categories
    .filter((c) => !filters.category || c.id === filters.category)
    .flatMap((category) =>
      BroadcastKind.options.map((kind) => ({
        category,
        kind,
        byLanguage: new Map(
          model.templates
            .filter((t) => t.category === category.id && t.kind === kind)
            .map((t) => [t.language, t]),
        ),
      })),
    )
    .filter((row) => languages.some((l) => row.byLanguage.has(l.code)));
  return renderConsole(
    <ConsoleLayout title="Templates" frame={model.frame} session={model.session} section="templates">
      <h1 class="govuk-heading-xl">Templates</h1>
      <p class="govuk-body">
        What Herald says for each category and kind of broadcast, in every language. A broadcast uses the
        published version of its template at the moment it is filed.
      </p>
      <form method="get" action="/console/templates" class="herald-filters" aria-label="Filter templates">
        <Select
          name="category"
          label="Category"
          value={filters.category ?? ''}
          options={[
            { value: '', label: 'Any' },
            ...registry.categories.map((c) => ({ value: c.id, label: c.name.en ?? c.id })),
          ]}
        />
        <Select
          name="language"
          label="Language"
          value={filters.language ?? ''}
          options={[
            { value: '', label: 'Any' },
            ...registry.languages.map((l) => ({ value: l.code, label: l.name })),
          ]}
        />
        <button type="submit" class="govuk-button govuk-button--secondary">
          Filter
        </button>
      </form>
      {rows.length === 0 ? (
        <p class="govuk-body">No template matches these filters.</p>
      ) : (
        <table class="govuk-table herald-template-list" data-testid="template-list">
          <caption class="govuk-table__caption govuk-table__caption--m">
            {rows.length} {rows.length === 1 ? 'template' : 'templates'} by category and kind
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Category and kind
              </th>
              {languages.map((l) => (
                <th scope="col" class="govuk-table__header" key={l.code}>
                  <span lang={l.code}>{l.name}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {rows.map(({ category, kind, byLanguage }) => (
              <tr class="govuk-table__row" key={`${category.id}-${kind}`}>
                <th scope="row" class="govuk-table__header">
                  <a class="govuk-link" href={editorPath(category.id, kind)}>
                    {category.name.en ?? category.id}: {KIND_NAMES[kind]}
                  </a>
                </th>
                {languages.map((l) => (
                  <td class="govuk-table__cell" key={l.code}>
                    <LanguageState template={byLanguage.get(l.code)} timeZone={model.frame.timeZone} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>,
  );
}

function LanguageState(props: { template: Omit<TemplateRecord, 'history'> | undefined; timeZone: string }) {
  const t = props.template;
  if (!t) return <span class="govuk-body-s">No template</span>;
  return (
    <>
      {t.published ? (
        <span class="govuk-body-s herald-template-state">
          Version {t.published.version}
          {t.builtin ? ' (as shipped)' : `, ${formatTime(t.published.publishedAt, props.timeZone)}`}
        </span>
      ) : (
        <span class="govuk-body-s herald-template-state">Not published</span>
      )}
      {t.draft ? (
        <strong
          class="govuk-tag govuk-tag--yellow"
          title={`Draft by ${t.draft.updatedByName ?? t.draft.updatedBy}`}
        >
          Draft waiting
        </strong>
      ) : null}
    </>
  );
}
