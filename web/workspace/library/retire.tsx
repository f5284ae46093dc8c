import type { StaffSession } from '../../../shared/domain/staff-session.js';
import { type ConsoleFrame, ConsoleLayout, renderConsole } from '../../console/layout.js';
import { CsrfField } from '../../pages/subscribe/form-parts.js';
import { EntryName, type LibraryEntry } from './parts.js';

/** Retiring asks first, and says what it does and that it can be undone. */
export function renderRetirePage(model: {
  frame: ConsoleFrame;
  session: StaffSession;
  entry: LibraryEntry;
}): string {
  const { entry } = model;
  return renderConsole(
    <ConsoleLayout
      title="Retire an entry: resource library"
      frame={model.frame}
      session={model.session}
      section="resources"
    >
      <a href={`/console/resources/${entry.id}`} class="govuk-back-link">
        Back to the entry
      </a>
      <h1 class="govuk-heading-xl">
        <span class="govuk-caption-l">Resource library · {entry.id}</span>
        Retire <EntryName resource={entry} />?
      </h1>
      <p class="govuk-body">
        Broadcasts filed from now on will not attach it. Broadcasts already sent keep what they carried. The
        entry stays in the library, marked retired, and can be put back in use at any time.
      </p>
      <form method="post" action={`/console/resources/${entry.id}/retire`} class="govuk-button-group">
        <CsrfField token={model.session.csrfToken} />
        <input type="hidden" name="revision" value={String(entry.revision)} />
        <button type="submit" class="govuk-button govuk-button--warning" id="confirm-retire">
          Retire the entry
        </button>
        <a class="govuk-link" href={`/console/resources/${entry.id}`}>
          Keep it in use
        </a>
      </form>
    </ConsoleLayout>,
  );
}
