import type { StaffSession } from '../../../shared/domain/staff-session.js';
import { TextArea } from '../../console/fields.js';
import { CsrfField } from '../../pages/subscribe/form-parts.js';

/** What the findings form shows: the saved notes, or what was typed when a save was refused. */
export interface NotesValues {
  revision: number;
  strengths: string;
  improvements: string;
  actions: { what: string; owner: string; due: string }[];
}

/** Blank rows under the saved actions: a plain form adds actions without a script. */
export const BLANK_ACTION_ROWS = 2;
export const MAX_ACTION_ROWS = 20;

function Cell(props: {
  name: string;
  row: number;
  label: string;
  value: string;
  error?: string | undefined;
  width: string;
  hint?: string;
}) {
  const id = `${props.name}-${props.row}`;
  const errorId = props.error ? `${id}-error` : undefined;
  const hintId = props.hint ? `${id}-hint` : undefined;
  return (
    <div
      class={`govuk-form-group herald-report-action__field${props.error ? ' govuk-form-group--error' : ''}`}
    >
      <label class="govuk-label govuk-label--s" for={id}>
        {props.label}
      </label>
      {props.hint ? (
        <div class="govuk-hint" id={hintId}>
          {props.hint}
        </div>
      ) : null}
      {props.error ? (
        <p class="govuk-error-message" id={errorId}>
          <span class="govuk-visually-hidden">Error:</span> {props.error}
        </p>
      ) : null}
      <input
        class={`govuk-input ${props.width}${props.error ? ' govuk-input--error' : ''}`}
        id={id}
        name={props.name}
        type="text"
        value={props.value}
        autocomplete="off"
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      />
    </div>
  );
}

/**
 * The findings (what worked, what to improve) and the improvement plan, as one plain form that
 * posts the revision it was built from: a second writer's save in between is refused, not lost.
 */
export function NotesForm(props: {
  incidentId: string;
  session: StaffSession;
  values: NotesValues;
  errors: Record<string, string>;
}) {
  const { values, errors } = props;
  const rows = [...values.actions];
  for (let i = 0; i < BLANK_ACTION_ROWS && rows.length < MAX_ACTION_ROWS; i += 1)
    rows.push({ what: '', owner: '', due: '' });
  return (
    <form
      method="post"
      action={`/console/reports/${props.incidentId}`}
      id="notes-form"
      class="herald-report-form"
      novalidate
    >
      <CsrfField token={props.session.csrfToken} />
      <input type="hidden" name="revision" value={String(values.revision)} />
      <h2 class="govuk-heading-l" id="findings">
        Findings
      </h2>
      <TextArea
        name="strengths"
        label="What worked (strengths)"
        hint="What helped the public get the right message quickly. No names, phone numbers or e-mail addresses."
        value={values.strengths}
        error={errors.strengths}
        rows={5}
      />
      <TextArea
        name="improvements"
        label="What to improve (areas for improvement and their causes)"
        value={values.improvements}
        error={errors.improvements}
        rows={5}
      />
      <h2 class="govuk-heading-l" id="corrective-actions">
        Corrective actions
      </h2>
      <p class="govuk-body">
        Each action with who owns it and the date it is due. Leave a row empty to skip it.
      </p>
      {rows.map((row, i) => (
        <fieldset class="govuk-fieldset herald-report-action" key={`row-${i}`}>
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Action {i + 1}</legend>
          <div class="herald-report-action__fields">
            <Cell
              name="actionWhat"
              row={i}
              label="What will be done"
              value={row.what}
              error={errors[`actionWhat-${i}`]}
              width="herald-report-input--wide"
            />
            <Cell
              name="actionOwner"
              row={i}
              label="Who owns it"
              value={row.owner}
              error={errors[`actionOwner-${i}`]}
              width="govuk-input--width-20"
            />
            <Cell
              name="actionDue"
              row={i}
              label="Due by"
              hint="YYYY-MM-DD"
              value={row.due}
              error={errors[`actionDue-${i}`]}
              width="govuk-input--width-10"
            />
          </div>
        </fieldset>
      ))}
      <button type="submit" class="govuk-button" id="save-notes" data-prevent-double-click="true">
        Save findings and actions
      </button>
    </form>
  );
}
