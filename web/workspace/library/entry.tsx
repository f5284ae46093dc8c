import { actorLabel } from '../../../shared/domain/audit.js';
import type { Registry } from '../../../shared/domain/registry.js';
import type { StaffSession } from '../../../shared/domain/staff-session.js';
import { SuccessNote } from '../../console/fields.js';
import { formatDay, formatTime } from '../../console/format.js';
import { type ConsoleFrame, ConsoleLayout, renderConsole } from '../../console/layout.js';
import { CsrfField, ErrorSummary } from '../../pages/subscribe/form-parts.js';
import { EntryDetails } from './entry-details.js';
import { EntryForm, entryAnchors, type FormValues } from './entry-form.js';
import { EntryName, type LibraryEntry, RetiredTag, SampleTag, StaleTag } from './parts.js';

export type EntryNote = 'created' | 'saved' | 'verified' | 'retired' | 'restored';

const NOTES: Record<EntryNote, string> = {
  created: 'Entry created.',
  saved: 'Changes saved.',
  verified: 'Marked verified today.',
  retired: 'Entry retired: no broadcast attaches it any more. You can put it back in use below.',
  restored: 'Entry back in use: broadcasts of its categories and areas attach it again.',
};

const CONFLICTS = {
  save: {
    message:
      'Someone else saved this entry after you opened it, so your changes were not saved. What they saved is under “Saved now”; your changes are still in the form. Check them, then save again to replace their version.',
    href: '#save-button',
  },
  action: {
    message:
      'Someone else changed this entry after you opened it, so nothing was done. The page now shows their version: check it, then press the button again.',
    href: '#state-heading',
  },
};

export interface EntryPageModel {
  frame: ConsoleFrame;
  session: StaffSession;
  registry: Registry;
  staleAfterDays: number;
  /** The entry as saved; absent on the new entry's page. */
  entry?: LibraryEntry | undefined;
  values: FormValues;
  errors: Record<string, string>;
  /**
   * Someone else saved first: `save` when the form was posted (what was typed is kept), `action`
   * when a button was pressed on a page older than the entry.
   */
  conflict?: 'save' | 'action' | undefined;
  note?: EntryNote | undefined;
  canEdit: boolean;
  languages: string[];
}

/**
 * One library entry: its state (stale, retired, sample) and its verification first, then for
 * comms staff the one-press actions and the form with every field, for everyone else the fields
 * as text; then every change with who made it and when.
 */
export function renderEntryPage(model: EntryPageModel): string {
  const { entry } = model;
  const title = entry ? (entry.name.en ?? Object.values(entry.name)[0] ?? entry.id) : 'New entry';
  const links = Object.entries(model.errors).map(([field, message]) => ({
    ...(field === 'form' ? {} : { href: `#${entryAnchors(model.registry)[field] ?? field}` }),
    message,
  }));
  const summary = model.conflict ? [CONFLICTS[model.conflict], ...links] : links;
  return renderConsole(
    <ConsoleLayout
      title={entry ? `${title}: resource library` : 'New entry: resource library'}
      frame={model.frame}
      session={model.session}
      section="resources"
      hasErrors={summary.length > 0}
    >
      <a href="/console/resources" class="govuk-back-link">
        Resource library
      </a>
      <ErrorSummary title="There is a problem" errors={summary} />
      {model.note ? <SuccessNote testId="note">{NOTES[model.note]}</SuccessNote> : null}
      <h1 class="govuk-heading-xl">
        <span class="govuk-caption-l">Resource library{entry ? ` · ${entry.id}` : ''}</span>
        {entry ? <EntryName resource={entry} /> : 'New entry'}
      </h1>
      {entry ? <EntryState {...model} entry={entry} /> : null}
      {model.conflict === 'save' && entry ? (
        <EntryDetails entry={entry} registry={model.registry} heading="Saved now" />
      ) : null}
      {model.canEdit ? (
        <>
          <h2 class="govuk-heading-l">{entry ? 'Edit the entry' : 'The entry'}</h2>
          <EntryForm
            registry={model.registry}
            csrfToken={model.session.csrfToken}
            action={entry ? `/console/resources/${entry.id}` : '/console/resources/new'}
            isNew={!entry}
            values={model.values}
            errors={model.errors}
            languages={model.languages}
          />
        </>
      ) : entry ? (
        <EntryDetails entry={entry} registry={model.registry} />
      ) : null}
      {entry ? <Changes entry={entry} timeZone={model.frame.timeZone} /> : null}
    </ConsoleLayout>,
  );
}

/** Stale or not, who verified it and when, and the one-press actions for comms staff. */
function EntryState(props: EntryPageModel & { entry: LibraryEntry }) {
  const { entry } = props;
  return (
    <section aria-labelledby="state-heading" class="herald-entry-state" data-testid="entry-state">
      <h2 class="govuk-heading-m" id="state-heading">
        Status
      </h2>
      <p class="govuk-body">
        <span class="herald-tag-list">
          {entry.stale ? <StaleTag staleAfterDays={props.staleAfterDays} /> : null}
          {entry.active ? null : <RetiredTag />}
          {entry.sample ? <SampleTag /> : null}
        </span>{' '}
        <span data-testid="verified" id="verified">
          {entry.stale ? `Not verified in the last ${props.staleAfterDays} days: last` : 'Last'} verified on{' '}
          {formatDay(entry.lastVerifiedAt)} by {entry.verifiedBy}.
        </span>{' '}
        {entry.active
          ? 'In use: broadcasts of its categories and areas attach it.'
          : 'Retired: no broadcast attaches it.'}
      </p>
      {props.canEdit ? (
        <div class="govuk-button-group">
          <form method="post" action={`/console/resources/${entry.id}/verify`} class="herald-inline-form">
            <CsrfField token={props.session.csrfToken} />
            <input type="hidden" name="revision" value={String(entry.revision)} />
            <button type="submit" class="govuk-button" id="verify-button">
              Mark verified today
            </button>
          </form>
          {entry.active ? (
            <a class="govuk-link" href={`/console/resources/${entry.id}/retire`} id="retire-link">
              Retire this entry
            </a>
          ) : (
            <form method="post" action={`/console/resources/${entry.id}/restore`} class="herald-inline-form">
              <CsrfField token={props.session.csrfToken} />
              <input type="hidden" name="revision" value={String(entry.revision)} />
              <button type="submit" class="govuk-button govuk-button--secondary" id="restore-button">
                Put back in use
              </button>
            </form>
          )}
        </div>
      ) : null}
    </section>
  );
}

/** The entry's audit trail: every saved revision, who saved it and when. */
function Changes(props: { entry: LibraryEntry; timeZone: string }) {
  const history = [...props.entry.history].reverse();
  return (
    <section aria-labelledby="changes-heading">
      <h2 class="govuk-heading-l" id="changes-heading">
        Changes
      </h2>
      {history.length === 0 ? (
        <p class="govuk-body">Not changed since Herald shipped it.</p>
      ) : (
        <table class="govuk-table" id="changes">
          <caption class="govuk-visually-hidden">Changes, newest first</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                When
              </th>
              <th scope="col" class="govuk-table__header">
                Who
              </th>
              <th scope="col" class="govuk-table__header">
                Revision
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {history.map((change) => (
              <tr class="govuk-table__row" key={`${change.at}-${change.to}`}>
                <td class="govuk-table__cell">{formatTime(change.at, props.timeZone)}</td>
                <td class="govuk-table__cell">{actorLabel(change)}</td>
                <td class="govuk-table__cell">
                  {change.from ? `${change.from} to ${change.to}` : `created as ${change.to}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
