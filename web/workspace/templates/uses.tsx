import type { Registry } from '../../../shared/domain/registry.js';
import { formatTime } from '../../console/format.js';

/** A broadcast and the template version of each of its languages. */
export interface UseRow {
  broadcastId: string;
  incidentId: string;
  status: string;
  createdAt: string;
  mode: string;
  versions: { language: string; version: number }[];
}

/** The broadcasts of the category's latest incidents, each with the version of every language it used. */
export function Uses(props: { uses: UseRow[]; registry: Registry; timeZone: string }) {
  return (
    <section aria-labelledby="uses-heading">
      <h2 class="govuk-heading-l" id="uses-heading">
        Broadcasts that used this template
      </h2>
      {props.uses.length === 0 ? (
        <p class="govuk-body">No broadcast of the latest incidents of this category used it.</p>
      ) : (
        <table class="govuk-table" data-testid="uses">
          <caption class="govuk-visually-hidden">
            Broadcasts and the version of each language they used
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Broadcast
              </th>
              <th scope="col" class="govuk-table__header">
                Filed
              </th>
              <th scope="col" class="govuk-table__header">
                Status
              </th>
              {props.registry.languages.map((l) => (
                <th scope="col" class="govuk-table__header" key={l.code}>
                  <span lang={l.code}>{l.name}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {props.uses.map((u) => (
              <tr class="govuk-table__row" key={u.broadcastId}>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/console/broadcasts/${u.broadcastId}`}>
                    <code>{u.broadcastId}</code>
                  </a>
                  {u.mode !== 'Actual' ? <span class="govuk-body-s"> ({u.mode.toLowerCase()})</span> : null}
                </td>
                <td class="govuk-table__cell">{formatTime(u.createdAt, props.timeZone)}</td>
                <td class="govuk-table__cell">{u.status.toLowerCase().replace('_', ' ')}</td>
                {props.registry.languages.map((l) => {
                  const used = u.versions.find((v) => v.language === l.code);
                  return (
                    <td class="govuk-table__cell" key={l.code} data-testid={`use-${u.broadcastId}-${l.code}`}>
                      {used ? `Version ${used.version}` : 'Not sent'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
