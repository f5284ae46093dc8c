// Over 250 lines: the filing form's field groups, each a small component, kept together as the one form they make.
import type { Broadcast } from '../../shared/domain/broadcast.js';
import type { Category, FactDeclaration, Registry } from '../../shared/domain/registry.js';
import type { StaffSession } from '../../shared/domain/staff-session.js';
import { CapCertainty, CapSeverity, CapUrgency } from '../../shared/domain/vocabulary.js';
import { Choices, CsrfField, ErrorSummary } from '../pages/subscribe/form-parts.js';
import { Select, TextArea, TextField } from './fields.js';
import { type ConsoleFrame, ConsoleLayout, MODE_WORD, type Mode, renderConsole } from './layout.js';
import { BroadcastPreview, type SubscriberEstimate } from './preview.js';

export const EXPIRY_HOURS = [1, 2, 3, 4, 6, 8, 12, 24, 48, 72, 168] as const;

export interface FilingValues {
  areas: string[];
  citywide: boolean;
  confirmCitywide: boolean;
  languages: string[];
  severity?: string | undefined;
  urgency?: string | undefined;
  certainty?: string | undefined;
  expiresInHours: string;
  /** By field name: `fact.location`, `fact.description.fr`. */
  facts: Record<string, string>;
}

export interface FilingPageModel {
  frame: ConsoleFrame;
  session: StaffSession;
  registry: Registry;
  mode: Mode;
  category: Category;
  values: FilingValues;
  /** By field id; each becomes a line of the summary and a sentence at its field. */
  errors: Record<string, string>;
  preview?: { broadcast: Broadcast; estimate?: SubscriberEstimate | undefined } | undefined;
}

const MODES: { mode: Mode; title: string; text: string }[] = [
  {
    mode: 'live',
    title: 'Live alert',
    text: 'A real alert: it posts on the real accounts and messages the subscribers.',
  },
  {
    mode: 'exercise',
    title: 'Exercise',
    text: 'A drill: sandbox accounts and exercise topics only. The public sees nothing.',
  },
  {
    mode: 'test',
    title: 'Test',
    text: 'A technical test: sandbox accounts and exercise topics only. The public sees nothing.',
  },
];

/** Step 1: live, exercise or test, before anything else, so the choice is deliberate. */
export function renderModeChoice(props: { frame: ConsoleFrame; session: StaffSession }): string {
  return renderConsole(
    <ConsoleLayout
      title="New incident: live or exercise?"
      frame={props.frame}
      session={props.session}
      section="new"
    >
      <h1 class="govuk-heading-xl">Is this a live alert or an exercise?</h1>
      <ul class="govuk-list herald-choice-cards">
        {MODES.map((m) => (
          <li key={m.mode} class={`herald-choice-card herald-choice-card--${m.mode}`}>
            <a
              class="govuk-link herald-choice-card__link"
              href={`/console/incidents/new/${m.mode}`}
              id={`mode-${m.mode}`}
            >
              {m.title}
            </a>
            <p class="govuk-body">{m.text}</p>
          </li>
        ))}
      </ul>
    </ConsoleLayout>,
  );
}

/** Step 2: the category, with the facts each needs. */
export function renderCategoryChoice(props: {
  frame: ConsoleFrame;
  session: StaffSession;
  registry: Registry;
  mode: Mode;
}): string {
  return renderConsole(
    <ConsoleLayout
      title="New incident: category"
      frame={props.frame}
      session={props.session}
      mode={props.mode}
      section="new"
    >
      <a class="govuk-back-link" href="/console/incidents/new">
        Back to live or exercise
      </a>
      <h1 class="govuk-heading-xl">
        <span class="govuk-caption-l">{MODE_WORD[props.mode]}</span>What kind of incident?
      </h1>
      <ul class="govuk-list herald-choice-cards">
        {props.registry.categories.map((c) => (
          <li key={c.id} class="herald-choice-card">
            <a
              class="govuk-link herald-choice-card__link"
              id={`category-${c.id}`}
              href={`/console/incidents/new/${props.mode}/${c.id}`}
            >
              {c.name.en ?? c.id}
            </a>
            <p class="govuk-body-s">
              Facts: {c.facts.map((f) => `${factLabel(f)}${f.required ? '' : ' (optional)'}`).join(', ')}
            </p>
          </li>
        ))}
      </ul>
    </ConsoleLayout>,
  );
}

export const factLabel = (fact: FactDeclaration) =>
  fact.description ?? fact.name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());

export function exampleOf(fact: FactDeclaration, language: string): string {
  return typeof fact.example === 'string'
    ? fact.example
    : (fact.example[language] ?? Object.values(fact.example)[0] ?? '');
}

/** The fields of one fact: one input, or one per language for text written per language. */
export function FactFields(props: {
  fact: FactDeclaration;
  registry: Registry;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const { fact } = props;
  const hint = (language: string) =>
    `${fact.required ? 'Required' : 'Optional'}. Up to ${fact.maxLength} characters. For example: ${exampleOf(fact, language)}`;
  if (!fact.localized) {
    const name = `fact.${fact.name}`;
    return (
      <TextField
        name={name}
        label={factLabel(fact)}
        hint={hint('en')}
        value={props.values[name]}
        error={props.errors[name]}
      />
    );
  }
  return (
    <>
      {props.registry.languages.map((l) => {
        const name = `fact.${fact.name}.${l.code}`;
        return (
          <TextArea
            key={name}
            name={name}
            label={`${factLabel(fact)} (${l.name})`}
            hint={hint(l.code)}
            lang={l.code}
            value={props.values[name]}
            error={props.errors[name]}
          />
        );
      })}
    </>
  );
}

/**
 * Errors in the order their fields appear, for the summary at the top. A group of radios or
 * checkboxes has no element of its own name: its link goes to its first option (`anchors`).
 */
export function errorLinks(errors: Record<string, string>, anchors: Record<string, string> = {}) {
  return Object.entries(errors).map(([field, message]) => ({ href: `#${anchors[field] ?? field}`, message }));
}

/** The first option of each group on the filing form, where its summary link goes. */
export function filingAnchors(registry: Registry): Record<string, string> {
  return {
    areas: `areas-${registry.divisions[0]?.id}`,
    citywide: 'citywide-yes',
    confirmCitywide: 'confirmCitywide-yes',
    languages: `languages-${registry.languages[0]?.code}`,
    severity: `severity-${CapSeverity.options[0]}`,
    urgency: `urgency-${CapUrgency.options[0]}`,
    certainty: `certainty-${CapCertainty.options[0]}`,
  };
}

/**
 * Step 3: the filing form with its preview beside it. The Preview button comes first, so Enter in
 * a field previews and never files. Filing needs the city-wide choice confirmed separately.
 */
export function renderFilingPage(model: FilingPageModel): string {
  const { values, errors, registry, mode, category } = model;
  const word = MODE_WORD[mode];
  const action = `/console/incidents/new/${mode}/${category.id}`;
  const capChoice = (
    name: 'severity' | 'urgency' | 'certainty',
    legend: string,
    options: readonly string[],
  ) => (
    <div class="herald-inline-choices">
      <Choices
        kind="radios"
        name={name}
        legend={legend}
        options={options.map((o) => ({ value: o, label: o }))}
        checked={values[name] ? [values[name] as string] : []}
        error={errors[name] ? { message: errors[name] as string, hidden: 'Error:' } : undefined}
      />
    </div>
  );
  return renderConsole(
    <ConsoleLayout
      title={`File an incident: ${category.name.en ?? category.id}`}
      frame={model.frame}
      session={model.session}
      mode={mode}
      section="new"
      hasErrors={Object.keys(errors).length > 0}
    >
      <a class="govuk-back-link" href={`/console/incidents/new/${mode}`}>
        Back to categories
      </a>
      <ErrorSummary title="There is a problem" errors={errorLinks(errors, filingAnchors(registry))} />
      <h1 class="govuk-heading-xl">
        <span class="govuk-caption-l">{word}</span>
        {category.name.en ?? category.id}
      </h1>
      <div class="herald-two-panes">
        <form method="post" action={action} novalidate class="herald-two-panes__form" id="filing-form">
          <CsrfField token={model.session.csrfToken} />
          <h2 class="govuk-heading-l">Facts</h2>
          {category.facts.map((fact) => (
            <FactFields
              key={fact.name}
              fact={fact}
              registry={registry}
              values={values.facts}
              errors={errors}
            />
          ))}
          <div class="herald-columns">
            <Choices
              kind="checkboxes"
              name="areas"
              legend="Divisions"
              hint="Every division where people need to know. Units and headquarters follow the category's rules."
              options={registry.divisions.map((d) => ({ value: d.id, label: d.name.en ?? d.id }))}
              checked={values.areas}
              error={errors.areas ? { message: errors.areas, hidden: 'Error:' } : undefined}
            />
          </div>
          <Choices
            kind="checkboxes"
            name="citywide"
            legend="Or the whole city"
            hint="Instead of divisions: every division, the city-wide topics and headquarters."
            options={[
              {
                value: 'yes',
                label: 'City-wide: every division',
                conditional: (
                  <Choices
                    kind="checkboxes"
                    name="confirmCitywide"
                    legend="Confirm the whole city"
                    hint="A city-wide alert reaches every subscriber in the city. Tick to confirm that is what you mean."
                    options={[{ value: 'yes', label: 'Yes, this goes to the whole city' }]}
                    checked={values.confirmCitywide ? ['yes'] : []}
                    error={
                      errors.confirmCitywide
                        ? { message: errors.confirmCitywide, hidden: 'Error:' }
                        : undefined
                    }
                  />
                ),
              },
            ]}
            checked={values.citywide ? ['yes'] : []}
            error={errors.citywide ? { message: errors.citywide, hidden: 'Error:' } : undefined}
          />
          <Choices
            kind="checkboxes"
            name="languages"
            legend="Languages"
            options={registry.languages.map((l) => ({ value: l.code, label: l.name, lang: l.code }))}
            checked={values.languages}
            error={errors.languages ? { message: errors.languages, hidden: 'Error:' } : undefined}
          />
          {capChoice('severity', 'Severity', CapSeverity.options)}
          {capChoice('urgency', 'Urgency', CapUrgency.options)}
          {capChoice('certainty', 'Certainty', CapCertainty.options)}
          <Select
            name="expiresInHours"
            label="Expires after"
            hint="After this the alert shows as expired. An update can extend it."
            value={values.expiresInHours}
            error={errors.expiresInHours}
            options={EXPIRY_HOURS.map((h) => ({
              value: String(h),
              label: h === 1 ? '1 hour' : `${h} hours`,
            }))}
          />
          <div class="govuk-button-group">
            <button
              type="submit"
              name="action"
              value="preview"
              class="govuk-button govuk-button--secondary"
              id="preview-button"
            >
              {mode === 'live' ? 'Preview' : `Preview ${word}`}
            </button>
            <button
              type="submit"
              name="action"
              value="file"
              class={`govuk-button herald-button--${mode}`}
              id="file-button"
            >
              {mode === 'live' ? 'File LIVE alert for approval' : `File ${word} for approval`}
            </button>
          </div>
        </form>
        <div class="herald-two-panes__preview">
          {model.preview ? (
            <BroadcastPreview
              broadcast={model.preview.broadcast}
              registry={registry}
              areaIds={values.citywide ? [] : values.areas}
              estimate={model.preview.estimate}
              timeZone={model.frame.timeZone}
            />
          ) : (
            <p class="govuk-inset-text" id="preview-empty">
              Press Preview to see exactly what goes where: each X post, the SMS and its parts, the e-mail,
              the resources and who receives it.
            </p>
          )}
        </div>
      </div>
    </ConsoleLayout>,
  );
}
