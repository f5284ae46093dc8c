import type { ComponentChildren } from 'preact';

/**
 * GOV.UK Frontend's form patterns as preact components, without their script: every input has a
 * label, a hint and an error are tied to it with aria-describedby, and an error is a sentence
 * next to its field. Ids are `{name}` for a text input and `{name}-{value}` for each option, so
 * the error summary and browser tests can find every field.
 */

/** A line of the error summary: the field's own sentence, linking to the field. */
export interface ErrorLink {
  href?: string;
  message: string;
}

/**
 * The summary at the top of a page with errors. `autofocus` moves focus to it on load with no
 * script, so a screen reader reads the problems first; role="alert" announces it too.
 */
export function ErrorSummary(props: { title: string; errors: ErrorLink[] }) {
  if (props.errors.length === 0) return null;
  return (
    <div class="govuk-error-summary" id="error-summary" tabIndex={-1} autofocus>
      <div role="alert">
        <h2 class="govuk-error-summary__title">{props.title}</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {props.errors.map((error) => (
              <li key={error.message}>
                {error.href ? <a href={error.href}>{error.message}</a> : error.message}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export interface FieldError {
  message: string;
  /** "Error:", read before the message by screen readers. */
  hidden: string;
}

function ErrorMessage(props: { id: string; error: FieldError }) {
  return (
    <p id={props.id} class="govuk-error-message">
      <span class="govuk-visually-hidden">{props.error.hidden}</span> {props.error.message}
    </p>
  );
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter(Boolean);
  return present.length > 0 ? present.join(' ') : undefined;
}

/** The anti-forgery token every form posts back (docs/architecture.md D26). */
export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="csrf" value={props.token} />;
}

export interface Option {
  value: string;
  label: string;
  /** The label's language when it differs from the page's (a language's own name). */
  lang?: string;
  /** Shown under the option: with no script it is always shown, as GOV.UK does without JavaScript. */
  conditional?: ComponentChildren;
}

export const optionId = (name: string, value: string) => `${name}-${value}`;

interface ChoiceProps {
  name: string;
  legend: string;
  hint?: string;
  options: Option[];
  error?: FieldError | undefined;
  /** An option set apart after a divider ("or"): the whole city after the divisions. */
  divider?: { text: string; option: Option };
}

/** Radios (one choice) or checkboxes (several), in a fieldset whose legend is the question. */
export function Choices(props: ChoiceProps & { kind: 'radios' | 'checkboxes'; checked: readonly string[] }) {
  const { name, kind, error } = props;
  const hintId = props.hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  const item = (option: Option) => {
    const id = optionId(name, option.value);
    return [
      <div class={`govuk-${kind}__item`} key={id}>
        <input
          class={`govuk-${kind}__input`}
          id={id}
          name={name}
          type={kind === 'radios' ? 'radio' : 'checkbox'}
          value={option.value}
          checked={props.checked.includes(option.value)}
        />
        <label class={`govuk-label govuk-${kind}__label`} for={id} lang={option.lang}>
          {option.label}
        </label>
      </div>,
      option.conditional ? (
        <div class={`govuk-${kind}__conditional`} id={`${id}-conditional`} key={`${id}-conditional`}>
          {option.conditional}
        </div>
      ) : null,
    ];
  };
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(hintId, errorId)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
          <h2 class="govuk-fieldset__heading">{props.legend}</h2>
        </legend>
        {props.hint ? (
          <div id={hintId} class="govuk-hint">
            {props.hint}
          </div>
        ) : null}
        {error && errorId ? <ErrorMessage id={errorId} error={error} /> : null}
        <div class={kind === 'checkboxes' ? 'govuk-checkboxes govuk-checkboxes--small' : 'govuk-radios'}>
          {props.options.map(item)}
          {props.divider ? (
            <>
              <div class={`govuk-${kind}__divider`}>{props.divider.text}</div>
              {item(props.divider.option)}
            </>
          ) : null}
        </div>
      </fieldset>
    </div>
  );
}

export interface TextInputProps {
  name: string;
  label: string;
  hint?: string;
  type: 'text' | 'tel' | 'email';
  value?: string | undefined;
  autocomplete: string;
  inputMode?: 'numeric' | 'tel' | 'email';
  /** GOV.UK width classes: `govuk-input--width-10`. */
  width?: string;
  error?: FieldError | undefined;
}

/** A labelled text input; what was typed stays in it when the page comes back with an error. */
export function TextInput(props: TextInputProps) {
  const { name, error } = props;
  const hintId = props.hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  const classes = ['govuk-input', props.width, error ? 'govuk-input--error' : undefined].filter(Boolean);
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={name}>
        {props.label}
      </label>
      {props.hint ? (
        <div id={hintId} class="govuk-hint">
          {props.hint}
        </div>
      ) : null}
      {error && errorId ? <ErrorMessage id={errorId} error={error} /> : null}
      <input
        class={classes.join(' ')}
        id={name}
        name={name}
        // preact types each input type apart; text, tel and email take the same attributes here.
        type={props.type as 'text'}
        value={props.value ?? ''}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        spellcheck={false}
        aria-describedby={describedBy(hintId, errorId)}
      />
    </div>
  );
}

export function SubmitButton(props: { id: string; text: string; warning?: boolean }) {
  return (
    <button
      type="submit"
      id={props.id}
      class={`govuk-button${props.warning ? ' govuk-button--warning' : ''}`}
    >
      {props.text}
    </button>
  );
}
