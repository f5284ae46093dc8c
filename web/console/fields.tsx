/**
 * The console's field patterns beyond the public forms' (web/pages/subscribe/form-parts.tsx):
 * a textarea and a select, each labelled, with its hint and error tied to it.
 */
import type { ComponentChildren } from 'preact';
export interface FieldProps {
  name: string;
  label: string;
  hint?: string | undefined;
  value?: string | undefined;
  error?: string | undefined;
  /** The language of what is typed, when it is not the page's. */
  lang?: string | undefined;
}

const describedBy = (...ids: (string | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

function FieldError(props: { id: string; message: string }) {
  return (
    <p id={props.id} class="govuk-error-message">
      <span class="govuk-visually-hidden">Error:</span> {props.message}
    </p>
  );
}

export function TextArea(props: FieldProps & { rows?: number; maxLength?: number }) {
  const hintId = props.hint ? `${props.name}-hint` : undefined;
  const errorId = props.error ? `${props.name}-error` : undefined;
  return (
    <div class={`govuk-form-group${props.error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label govuk-label--s" for={props.name}>
        {props.label}
      </label>
      {props.hint ? (
        <div id={hintId} class="govuk-hint">
          {props.hint}
        </div>
      ) : null}
      {props.error && errorId ? <FieldError id={errorId} message={props.error} /> : null}
      <textarea
        class={`govuk-textarea${props.error ? ' govuk-textarea--error' : ''}`}
        id={props.name}
        name={props.name}
        rows={props.rows ?? 3}
        maxLength={props.maxLength}
        lang={props.lang}
        aria-describedby={describedBy(hintId, errorId)}
        value={props.value ?? ''}
      />
    </div>
  );
}

export function TextField(props: FieldProps & { width?: string }) {
  const hintId = props.hint ? `${props.name}-hint` : undefined;
  const errorId = props.error ? `${props.name}-error` : undefined;
  const classes = ['govuk-input', props.width, props.error ? 'govuk-input--error' : undefined].filter(
    Boolean,
  );
  return (
    <div class={`govuk-form-group${props.error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label govuk-label--s" for={props.name}>
        {props.label}
      </label>
      {props.hint ? (
        <div id={hintId} class="govuk-hint">
          {props.hint}
        </div>
      ) : null}
      {props.error && errorId ? <FieldError id={errorId} message={props.error} /> : null}
      <input
        class={classes.join(' ')}
        id={props.name}
        name={props.name}
        type="text"
        lang={props.lang}
        value={props.value ?? ''}
        autocomplete="off"
        aria-describedby={describedBy(hintId, errorId)}
      />
    </div>
  );
}

export function Select(props: FieldProps & { options: { value: string; label: string }[] }) {
  const hintId = props.hint ? `${props.name}-hint` : undefined;
  const errorId = props.error ? `${props.name}-error` : undefined;
  return (
    <div class={`govuk-form-group${props.error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label govuk-label--s" for={props.name}>
        {props.label}
      </label>
      {props.hint ? (
        <div id={hintId} class="govuk-hint">
          {props.hint}
        </div>
      ) : null}
      {props.error && errorId ? <FieldError id={errorId} message={props.error} /> : null}
      <select
        class={`govuk-select${props.error ? ' govuk-select--error' : ''}`}
        id={props.name}
        name={props.name}
        aria-describedby={describedBy(hintId, errorId)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** One filter of a list page's GET form: "Any" (or `any`) first, the chosen value kept selected. */
export function FilterSelect(props: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  selected: string | undefined;
  any?: string;
}) {
  return (
    <div class="govuk-form-group herald-filter">
      <label class="govuk-label govuk-label--s" for={`filter-${props.name}`}>
        {props.label}
      </label>
      <select class="govuk-select" id={`filter-${props.name}`} name={props.name}>
        <option value="">{props.any ?? 'Any'}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={props.selected === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The green banner a page shows after its own redirect: what the post just did. */
export function SuccessNote(props: { children: ComponentChildren; id?: string; testId?: string }) {
  return (
    <div
      class="govuk-notification-banner govuk-notification-banner--success"
      role="status"
      id={props.id}
      data-testid={props.testId}
    >
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{props.children}</p>
      </div>
    </div>
  );
}
