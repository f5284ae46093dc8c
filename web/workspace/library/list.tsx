import type { Registry } from '../../../shared/domain/registry.js';
import { CITYWIDE } from '../../../shared/domain/resource.js';
import type { StaffSession } from '../../../shared/domain/staff-session.js';
import { FilterSelect } from '../../console/fields.js';
import { formatDay } from '../../console/format.js';
import { type ConsoleFrame, ConsoleLayout, renderConsole } from '../../console/layout.js';
import {
  areaName,
  categoryName,
  EntryName,
  type LibraryEntry,
  languageName,
  RetiredTag,
  SampleTag,
  StaleTag,
} from './parts.js';

export interface LibraryFilterValues {
  category?: string | undefined;
  area?: string | undefined;
  language?: string | undefined;
  stale?: 'yes' | 'no' | undefined;
  status?: 'active' | 'retired' | undefined;
}

export interface LibraryListModel {
  frame: ConsoleFrame;
  session: StaffSession;
  registry: Registry;
  /** The entries the filters kept. */
  entries: LibraryEntry[];
  /** How many the library has in all, and how many of them are stale. */
  total: number;
  staleCount: number;
  staleAfterDays: number;
  /** Every language some entry serves, for the filter. */
  languages: string[];
  filters: LibraryFilterValues;
  canEdit: boolean;
}

/**
 * The library: stale entries counted at the top and tagged in their row (words, then colour),
 * filters as a plain GET form (a filtered list is a link that can be shared), and for comms
 * staff the way to a new entry. Inspectors read the same list with no write control.
 */
export function renderLibraryList(model: LibraryListModel): string {
  const f = model.filters;
  const select = (
    name: keyof LibraryFilterValues,
    label: string,
    options: { value: string; label: string }[],
    any = 'Any',
  ) => <FilterSelect name={name} label={label} options={options} selected={f[name]} any={any} />;
  return renderConsole(
    <ConsoleLayout title="Resource library" frame={model.frame} session={model.session} section="resources">
      <h1 class="govuk-heading-xl">Resource library</h1>
      <p class="govuk-body herald-lede">
        The hotlines, shelters and services every broadcast attaches when they serve its category and area. An
        entry not verified in the last {model.staleAfterDays} days is stale: call the service, check each
        field, then mark it verified.
      </p>
      {model.staleCount > 0 ? (
        <div class="govuk-warning-text" data-testid="stale-summary">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Warning</span>
            {model.staleCount === 1 ? '1 entry is stale' : `${model.staleCount} entries are stale`}: not
            verified in the last {model.staleAfterDays} days.{' '}
            <a class="govuk-link" href="/console/resources?stale=yes">
              Show the stale entries
            </a>
          </strong>
        </div>
      ) : null}
      {model.canEdit ? (
        <a href="/console/resources/new" class="govuk-button" id="new-resource" draggable={false}>
          New entry
        </a>
      ) : null}
      <form method="get" action="/console/resources" class="herald-filters" id="library-filters">
        {select(
          'category',
          'Category',
          model.registry.categories.map((c) => ({ value: c.id, label: c.name.en ?? c.id })),
        )}
        {select('area', 'Serves the area', [
          { value: CITYWIDE, label: 'The whole city' },
          ...model.registry.divisions.map((d) => ({ value: d.id, label: d.name.en ?? d.id })),
        ])}
        {select(
          'language',
          'Language served',
          model.languages.map((code) => ({ value: code, label: languageName(code) })),
        )}
        {select('stale', 'Verification', [
          { value: 'yes', label: 'Stale only' },
          { value: 'no', label: 'Verified recently' },
        ])}
        {select('status', 'In use', [
          { value: 'active', label: 'In use' },
          { value: 'retired', label: 'Retired' },
        ])}
        <button type="submit" class="govuk-button govuk-button--secondary" id="filter-button">
          Filter
        </button>
      </form>
      <p class="govuk-body" id="library-count" role="status">
        {model.entries.length === model.total
          ? `${model.total} entries.`
          : `${model.entries.length} of ${model.total} entries match the filters.`}{' '}
        {Object.values(f).some(Boolean) ? (
          <a class="govuk-link" href="/console/resources">
            Clear the filters
          </a>
        ) : null}
      </p>
      <LibraryTable {...model} />
    </ConsoleLayout>,
  );
}

function LibraryTable(model: LibraryListModel) {
  if (model.entries.length === 0) return <p class="govuk-body">No entry matches these filters.</p>;
  return (
    <table class="govuk-table herald-library-table" id="library">
      <caption class="govuk-table__caption govuk-table__caption--m">Entries by name</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Name
          </th>
          <th scope="col" class="govuk-table__header">
            Status
          </th>
          <th scope="col" class="govuk-table__header">
            Last verified
          </th>
          <th scope="col" class="govuk-table__header">
            Areas
          </th>
          <th scope="col" class="govuk-table__header">
            Categories
          </th>
          <th scope="col" class="govuk-table__header">
            Languages
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {model.entries.map((entry) => (
          <tr
            key={entry.id}
            class={`govuk-table__row${entry.stale ? ' herald-library-row--stale' : ''}`}
            data-resource={entry.id}
          >
            <th scope="row" class="govuk-table__header">
              <a class="govuk-link" href={`/console/resources/${entry.id}`}>
                <EntryName resource={entry} />
              </a>
            </th>
            <td class="govuk-table__cell">
              <span class="herald-tag-list">
                {entry.stale ? <StaleTag staleAfterDays={model.staleAfterDays} /> : null}
                {entry.active ? null : <RetiredTag />}
                {entry.sample ? <SampleTag /> : null}
                {!entry.stale && entry.active && !entry.sample ? 'In use' : null}
              </span>
            </td>
            <td class="govuk-table__cell">
              {formatDay(entry.lastVerifiedAt)}
              <span class="govuk-body-s herald-secondary"> by {entry.verifiedBy}</span>
            </td>
            <td class="govuk-table__cell">
              {entry.areas.map((a) => areaName(model.registry, a)).join(', ')}
            </td>
            <td class="govuk-table__cell">
              {entry.categories.map((c) => categoryName(model.registry, c)).join(', ')}
            </td>
            <td class="govuk-table__cell">{entry.languagesServed.join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
