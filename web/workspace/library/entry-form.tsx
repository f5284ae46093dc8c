import type { Registry } from '../../../shared/domain/registry.js';
import { CITYWIDE } from '../../../shared/domain/resource.js';
import { TextArea, TextField } from '../../console/fields.js';
import { Choices, CsrfField } from '../../pages/subscribe/form-parts.js';
import { languageName } from './parts.js';

export type FormValues = Record<string, string | string[]>;

export interface EntryFormProps {
  registry: Registry;
  csrfToken: string;
  /** Where the form posts: the entry's page, or the new entry's. */
  action: string;
  /** A new entry has an id field; an existing one keeps its id. */
  isNew: boolean;
  values: FormValues;
  errors: Record<string, string>;
  /** The languages with a text field each (the registry's first). */
  languages: string[];
}

const text = (values: FormValues, name: string) => {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
};
const list = (values: FormValues, name: string) => {
  const value = values[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};
const fieldError = (message: string | undefined) => (message ? { message, hidden: 'Error:' } : undefined);

/** The first option of each group of boxes, where the error summary's link goes. */
export function entryAnchors(registry: Registry): Record<string, string> {
  return {
    areas: `areas-${CITYWIDE}`,
    categories: `categories-${registry.categories[0]?.id}`,
    sample: 'sample-yes',
  };
}

/**
 * Every field of an entry, the texts of each language side by side (a French text carries
 * `lang="fr"`). What was typed comes back as typed with each error beside its field.
 */
export function EntryForm(props: EntryFormProps) {
  const { values, errors } = props;
  const localized = (field: string, label: string, kind: 'line' | 'area', hint?: string) => (
    <fieldset class="govuk-fieldset herald-language-pair">
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{label}</legend>
      {hint ? <p class="govuk-hint">{hint}</p> : null}
      <div class="herald-language-pair__fields">
        {props.languages.map((language) => {
          const name = `${field}-${language}`;
          const common = {
            name,
            label: languageName(language),
            value: text(values, name),
            error: errors[name],
            lang: language === 'en' ? undefined : language,
          };
          return (
            <div key={name} class="herald-language-pair__field">
              {kind === 'line' ? <TextField {...common} /> : <TextArea {...common} rows={3} />}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
  return (
    <form method="post" action={props.action} novalidate id="entry-form" class="herald-entry-form">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="revision" value={text(values, 'revision') ?? '0'} />
      {props.isNew ? (
        <TextField
          name="id"
          label="Id"
          hint="Lower-case letters, digits and dashes, such as family-support-line. It cannot be changed later."
          value={text(values, 'id')}
          error={errors.id}
          width="govuk-input--width-20"
        />
      ) : null}
      {localized('name', 'Name', 'line', 'At least one language; a broadcast shows each reader their own.')}
      {localized('description', 'Description', 'area')}
      {localized('hours', 'Opening hours', 'line')}
      {localized('eligibility', 'Who it is for', 'area')}
      <h2 class="govuk-heading-m">How to reach it</h2>
      <TextField
        name="phone"
        label="Phone number (optional)"
        hint="As +14165550100, or 211, 311, 911 or 988."
        value={text(values, 'phone')}
        error={errors.phone}
        width="govuk-input--width-20"
      />
      <TextField
        name="textNumber"
        label="Text message number (optional)"
        hint="As +14165550100, or 211, 311, 911 or 988."
        value={text(values, 'textNumber')}
        error={errors.textNumber}
        width="govuk-input--width-20"
      />
      <TextField
        name="url"
        label="Web address (optional)"
        hint="Starting with https://"
        value={text(values, 'url')}
        error={errors.url}
      />
      <TextField
        name="languagesServed"
        label="Languages served"
        hint="Language codes separated by commas, such as en, fr, es, zh."
        value={text(values, 'languagesServed')}
        error={errors.languagesServed}
      />
      <div class="herald-checkbox-columns">
        <Choices
          kind="checkboxes"
          name="areas"
          legend="Areas served"
          hint="Broadcasts for these areas attach the entry. A city-wide entry goes with every broadcast of its categories."
          options={[
            { value: CITYWIDE, label: 'The whole city' },
            ...props.registry.divisions.map((d) => ({ value: d.id, label: d.name.en ?? d.id })),
          ]}
          checked={list(values, 'areas')}
          error={fieldError(errors.areas)}
        />
        <Choices
          kind="checkboxes"
          name="categories"
          legend="Categories of incident"
          options={props.registry.categories.map((c) => ({ value: c.id, label: c.name.en ?? c.id }))}
          checked={list(values, 'categories')}
          error={fieldError(errors.categories)}
        />
      </div>
      <h2 class="govuk-heading-m">Verification</h2>
      <TextField
        name="lastVerifiedAt"
        label="Last verified"
        hint="The day someone last checked every field with the service, as YYYY-MM-DD."
        value={text(values, 'lastVerifiedAt')}
        error={errors.lastVerifiedAt}
        width="govuk-input--width-10"
      />
      <TextField
        name="verifiedBy"
        label="Verified by"
        value={text(values, 'verifiedBy')}
        error={errors.verifiedBy}
        width="govuk-input--width-20"
      />
      <Choices
        kind="checkboxes"
        name="sample"
        legend="Sample"
        options={[{ value: 'yes', label: 'A sample entry: the service has not confirmed it yet' }]}
        checked={list(values, 'sample')}
        error={fieldError(errors.sample)}
      />
      <button type="submit" class="govuk-button" id="save-button">
        {props.isNew ? 'Create the entry' : 'Save changes'}
      </button>
    </form>
  );
}
