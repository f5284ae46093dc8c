import { nameIn } from '../../../shared/domain/audit.js';
import type { Registry } from '../../../shared/domain/registry.js';
import { areaName, categoryName, type LibraryEntry, languageName } from './parts.js';

/** An entry's fields as text, for staff who read the library and do not edit it. */
export function EntryDetails(props: { entry: LibraryEntry; registry: Registry; heading?: string }) {
  const { entry, registry } = props;
  const localized = (texts: Record<string, string>) => (
    <ul class="govuk-list">
      {Object.entries(texts).map(([language, text]) => (
        <li key={language}>
          <span class="govuk-body-s herald-secondary">{languageName(language)}: </span>
          <span lang={language}>{text}</span>
        </li>
      ))}
    </ul>
  );
  const rows: [string, preact.ComponentChildren][] = [
    ['Name', localized(entry.name)],
    ['Description', localized(entry.description)],
    ['Opening hours', localized(entry.hours)],
    ['Who it is for', localized(entry.eligibility)],
    ['Phone number', entry.phone ?? 'None'],
    ['Text message number', entry.textNumber ?? 'None'],
    ['Web address', entry.url ?? 'None'],
    ['Languages served', entry.languagesServed.map(languageName).join(', ')],
    ['Areas served', entry.areas.map((a) => areaName(registry, a)).join(', ')],
    ['Categories', entry.categories.map((c) => categoryName(registry, c)).join(', ')],
  ];
  return (
    <section aria-labelledby="details-heading">
      <h2 class="govuk-heading-l" id="details-heading">
        {props.heading ?? 'The entry'}
      </h2>
      <dl class="govuk-summary-list" data-testid="entry-details">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Revision</dt>
          <dd class="govuk-summary-list__value">
            {entry.revision}
            {entry.updatedBy
              ? `, saved by ${entry.updatedByName ?? nameIn(entry.history, entry.updatedBy)}`
              : ''}
          </dd>
        </div>
        {rows.map(([label, value]) => (
          <div class="govuk-summary-list__row" key={label}>
            <dt class="govuk-summary-list__key">{label}</dt>
            <dd class="govuk-summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
