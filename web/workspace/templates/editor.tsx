import type { ComponentChildren } from 'preact';
import type { Category, Registry } from '../../../shared/domain/registry.js';
import type { StaffSession } from '../../../shared/domain/staff-session.js';
import { TEMPLATE_FIELDS, templateFieldMax } from '../../../shared/domain/template.js';
import type { ParityGap } from '../../../shared/domain/template-parity.js';
import type { BroadcastKind } from '../../../shared/domain/vocabulary.js';
import { SuccessNote, TextArea } from '../../console/fields.js';
import { errorLinks, FactFields } from '../../console/filing.js';
import { formatTime } from '../../console/format.js';
import { type ConsoleFrame, ConsoleLayout, renderConsole } from '../../console/layout.js';
import { CsrfField, ErrorSummary } from '../../pages/subscribe/form-parts.js';
import type { EditorLanguage } from './editor-model.js';
import { type LanguagePreview, TemplatePreview } from './editor-preview.js';
import { editorPath, FIELD_LABELS, KIND_NAMES } from './labels.js';
import { Variables } from './variables.js';

export interface TemplateEditorModel {
  frame: ConsoleFrame;
  session: StaffSession;
  registry: Registry;
  category: Category;
  kind: BroadcastKind;
  languages: EditorLanguage[];
  /** Comms staff: fields and buttons. Everyone else reads the texts and the preview. */
  canEdit: boolean;
  /** The preview's `fact.*` fields, as typed (pre-filled with the category's examples). */
  facts: Record<string, string>;
  errors: Record<string, string>;
  previews: LanguagePreview[];
  parity: ParityGap[];
  note?: 'saved' | 'published' | 'unchanged' | undefined;
  /** Someone else changed a language first: who, what and when, one sentence each. */
  conflicts?: string[] | undefined;
  /** What was written before or after the conflict ("English was published as version 3"). */
  written?: string[] | undefined;
}

const NOTES = {
  saved: 'Draft saved. Nothing is sent with it until it is published.',
  published: 'Published. The next broadcast of this category and kind uses the new version.',
  unchanged: 'Nothing had changed, so nothing was saved.',
};

/**
 * The editor of one category and kind: every language's texts side by side (each field carries
 * its language), the variables the category supplies, and the preview beside it. Preview is the
 * first button, so Enter in a field previews and never publishes.
 */
export function renderTemplateEditor(model: TemplateEditorModel): string {
  const { category, kind, errors } = model;
  const title = `${category.name.en ?? category.id}: ${KIND_NAMES[kind]}`;
  const names = Object.fromEntries(model.registry.languages.map((l) => [l.code, l.name]));
  return renderConsole(
    <ConsoleLayout
      title={`Template ${title}`}
      frame={model.frame}
      session={model.session}
      section="templates"
      hasErrors={Object.keys(errors).length > 0 || (model.conflicts?.length ?? 0) > 0}
    >
      <a class="govuk-back-link" href="/console/templates">
        Back to templates
      </a>
      <ErrorSummary
        title="There is a problem"
        // The links go to the form's fields; a read-only page has none, so it names the problem only.
        errors={model.canEdit ? errorLinks(errors) : Object.values(errors).map((message) => ({ message }))}
      />
      {model.conflicts?.length ? (
        <Conflict sentences={model.conflicts} written={model.written ?? []} />
      ) : null}
      {model.note ? <SuccessNote>{NOTES[model.note]}</SuccessNote> : null}
      <h1 class="govuk-heading-xl">
        <span class="govuk-caption-l">Template</span>
        {title}
      </h1>
      <p class="govuk-body">
        <a class="govuk-link" href={`${editorPath(category.id, kind)}/history`}>
          Version history, differences and the broadcasts that used each version
        </a>
      </p>
      <div class="herald-template-editor">
        <EditorForm
          canEdit={model.canEdit}
          action={editorPath(category.id, kind)}
          csrf={model.session.csrfToken}
        >
          <Variables category={category} kind={kind} languages={model.languages} />
          <div class="herald-template-languages">
            {model.languages.map((l) => (
              <LanguageColumn
                key={l.code}
                language={l}
                canEdit={model.canEdit}
                errors={errors}
                timeZone={model.frame.timeZone}
              />
            ))}
          </div>
          {model.canEdit ? (
            <>
              <h2 class="govuk-heading-m">Facts for the preview</h2>
              <p class="govuk-body">
                The category's examples; change them to see the texts with other facts.
              </p>
              {category.facts.map((fact) => (
                <FactFields
                  key={fact.name}
                  fact={fact}
                  registry={model.registry}
                  values={model.facts}
                  errors={errors}
                />
              ))}
              <div class="govuk-button-group">
                <button
                  type="submit"
                  name="action"
                  value="preview"
                  class="govuk-button govuk-button--secondary"
                >
                  Preview
                </button>
                <button type="submit" name="action" value="save" class="govuk-button govuk-button--secondary">
                  Save draft
                </button>
                <button type="submit" name="action" value="publish" class="govuk-button">
                  Publish
                </button>
              </div>
            </>
          ) : (
            <p class="govuk-inset-text" data-testid="read-only">
              You can read this template. Communications staff edit and publish templates.
            </p>
          )}
        </EditorForm>
        <TemplatePreview
          previews={model.previews}
          parity={model.parity}
          languageNames={names}
          timeZone={model.frame.timeZone}
        />
      </div>
    </ConsoleLayout>,
  );
}

/** Comms staff get the form; anyone else the same texts with no form and no write control. */
function EditorForm(props: { canEdit: boolean; action: string; csrf: string; children: ComponentChildren }) {
  if (!props.canEdit) return <div class="herald-template-editor__form">{props.children}</div>;
  return (
    <form
      method="post"
      action={props.action}
      novalidate
      id="template-form"
      class="herald-template-editor__form"
    >
      <CsrfField token={props.csrf} />
      {props.children}
    </form>
  );
}

function Conflict(props: { sentences: string[]; written: string[] }) {
  return (
    <div class="govuk-error-summary" data-testid="conflict" tabIndex={-1} autofocus>
      <div role="alert">
        <h2 class="govuk-error-summary__title">Someone else changed this template while you were editing</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list">
            {props.sentences.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          {props.written.length === 0 ? (
            <p class="govuk-body">
              Your text is kept below and nothing of it was saved. Compare with theirs in the version history;
              saving again replaces their version with yours.
            </p>
          ) : (
            <p class="govuk-body" data-testid="conflict-written">
              {props.written.join('; ')}. The language they changed was not saved: your text for it is kept
              below. Compare with theirs in the version history; saving again replaces their version with
              yours.
            </p>
          )}
        </div>
      </div>
    </div>
  );
}

function LanguageColumn(props: {
  language: EditorLanguage;
  canEdit: boolean;
  errors: Record<string, string>;
  timeZone: string;
}) {
  const l = props.language;
  return (
    <fieldset class="govuk-fieldset herald-template-language" aria-describedby={`${l.code}-state`}>
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
        <h2 class="govuk-fieldset__heading">
          <span lang={l.code}>{l.name}</span>
        </h2>
      </legend>
      <p class="govuk-body-s" id={`${l.code}-state`} data-testid={`state-${l.code}`}>
        {l.published
          ? `Published: version ${l.published.version}${l.published.builtin ? ' (as shipped)' : `, by ${l.published.publishedBy}, ${formatTime(l.published.publishedAt, props.timeZone)}`}.`
          : 'Not published yet.'}{' '}
        {l.draft
          ? `Draft by ${l.draft.updatedBy}, ${formatTime(l.draft.updatedAt, props.timeZone)}.`
          : 'No draft.'}
      </p>
      {props.canEdit ? <input type="hidden" name={`${l.code}-revision`} value={String(l.revision)} /> : null}
      {TEMPLATE_FIELDS.map((field) => {
        const name = `${l.code}-${field}`;
        const about = FIELD_LABELS[field];
        return props.canEdit ? (
          <TextArea
            key={name}
            name={name}
            label={about.label}
            hint={about.hint}
            rows={about.rows}
            maxLength={templateFieldMax()[field]}
            lang={l.code}
            value={l.values[field]}
            error={props.errors[name]}
          />
        ) : (
          <div class="govuk-form-group" key={name}>
            <h3 class="govuk-heading-s">{about.label}</h3>
            <pre class="herald-preview__post" lang={l.code} data-testid={`text-${name}`}>
              {l.values[field]}
            </pre>
          </div>
        );
      })}
    </fieldset>
  );
}
