import type { Category, Registry } from '../../../shared/domain/registry.js';
import type { StaffSession } from '../../../shared/domain/staff-session.js';
import type { TemplateField } from '../../../shared/domain/template.js';
import type { DiffRow } from '../../../shared/domain/text-diff.js';
import type { BroadcastKind } from '../../../shared/domain/vocabulary.js';
import { Select, SuccessNote } from '../../console/fields.js';
import { formatTime } from '../../console/format.js';
import { type ConsoleFrame, ConsoleLayout, renderConsole } from '../../console/layout.js';
import { CsrfField } from '../../pages/subscribe/form-parts.js';
import { SideBySide } from './diff.js';
import { editorPath, FIELD_LABELS, KIND_NAMES } from './labels.js';
import type { UseRow } from './uses.js';
import { Uses } from './uses.js';

export interface VersionRow {
  version: number;
  publishedAt: string;
  publishedBy: string;
  rolledBackFrom?: number | undefined;
}

export interface TemplateHistoryModel {
  frame: ConsoleFrame;
  session: StaffSession;
  registry: Registry;
  category: Category;
  kind: BroadcastKind;
  language: string;
  /** Newest first. */
  versions: VersionRow[];
  published?: number | undefined;
  revision: number;
  canEdit: boolean;
  compare?:
    | { from: number; to: number; fields: { field: TemplateField; rows: DiffRow[] | undefined }[] }
    | undefined;
  uses: UseRow[];
  note?: 'rolled-back' | undefined;
  /** A rollback refused: someone published first, or the version cannot be sent. */
  problem?: string | undefined;
}

/**
 * A template's versions in one language: who published each and when, any two compared side by
 * side (a GET form, so a comparison is a link), a rollback per older version for comms staff,
 * and the broadcasts that were rendered from each version.
 */
export function renderTemplateHistory(model: TemplateHistoryModel): string {
  const { category, kind, language } = model;
  const path = editorPath(category.id, kind);
  const languageName = model.registry.languages.find((l) => l.code === language)?.name ?? language;
  const title = `${category.name.en ?? category.id}: ${KIND_NAMES[kind]}`;
  const options = model.versions.map((v) => ({ value: String(v.version), label: `Version ${v.version}` }));
  return renderConsole(
    <ConsoleLayout
      title={`History of ${title} (${languageName})`}
      frame={model.frame}
      session={model.session}
      section="templates"
      hasErrors={model.problem !== undefined}
    >
      <a class="govuk-back-link" href={path}>
        Back to the editor
      </a>
      {model.problem ? (
        <div class="govuk-error-summary" data-testid="conflict" tabIndex={-1} autofocus>
          <div role="alert">
            <h2 class="govuk-error-summary__title">The rollback was not published</h2>
            <div class="govuk-error-summary__body">
              <p class="govuk-body">{model.problem}</p>
            </div>
          </div>
        </div>
      ) : null}
      {model.note ? (
        <SuccessNote>
          Rolled back: the older text is published again as version {model.published}.
        </SuccessNote>
      ) : null}
      <h1 class="govuk-heading-xl">
        <span class="govuk-caption-l">
          Version history · <span lang={language}>{languageName}</span>
        </span>
        {title}
      </h1>
      <nav aria-label="Languages" class="herald-template-tabs">
        <ul class="govuk-list">
          {model.registry.languages.map((l) => (
            <li key={l.code}>
              <a
                class="govuk-link"
                href={`${path}/history?language=${l.code}`}
                aria-current={l.code === language ? 'page' : undefined}
              >
                <span lang={l.code}>{l.name}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Versions {...model} path={path} />
      {model.versions.length >= 2 ? (
        <form method="get" action={`${path}/history`} class="herald-filters" aria-label="Compare versions">
          <input type="hidden" name="language" value={language} />
          <Select name="from" label="Compare" value={String(model.compare?.from ?? '')} options={options} />
          <Select name="to" label="with" value={String(model.compare?.to ?? '')} options={options} />
          <button type="submit" class="govuk-button govuk-button--secondary">
            Compare
          </button>
        </form>
      ) : null}
      {model.compare ? <Comparison compare={model.compare} lang={language} /> : null}
      <Uses uses={model.uses} registry={model.registry} timeZone={model.frame.timeZone} />
    </ConsoleLayout>,
  );
}

function Versions(props: TemplateHistoryModel & { path: string }) {
  return (
    <table class="govuk-table" data-testid="versions">
      <caption class="govuk-table__caption govuk-table__caption--m">Published versions</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Version
          </th>
          <th scope="col" class="govuk-table__header">
            Published
          </th>
          <th scope="col" class="govuk-table__header">
            By
          </th>
          {props.canEdit ? (
            <th scope="col" class="govuk-table__header">
              <span class="govuk-visually-hidden">Action</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {props.versions.map((v) => (
          <tr class="govuk-table__row" key={v.version}>
            <th scope="row" class="govuk-table__header">
              Version {v.version}
              {v.version === props.published ? (
                <strong class="govuk-tag govuk-tag--green herald-tag-gap">In use</strong>
              ) : null}
              {v.rolledBackFrom ? (
                <span class="govuk-body-s"> (version {v.rolledBackFrom} again)</span>
              ) : null}
            </th>
            <td class="govuk-table__cell">{formatTime(v.publishedAt, props.frame.timeZone)}</td>
            <td class="govuk-table__cell">{v.publishedBy}</td>
            {props.canEdit ? (
              <td class="govuk-table__cell">
                {v.version !== props.published ? (
                  <form method="post" action={`${props.path}/rollback`} class="herald-inline-form">
                    <CsrfField token={props.session.csrfToken} />
                    <input type="hidden" name="language" value={props.language} />
                    <input type="hidden" name="version" value={String(v.version)} />
                    <input type="hidden" name="revision" value={String(props.revision)} />
                    <button type="submit" class="govuk-button govuk-button--warning herald-button-small">
                      Publish version {v.version} again
                    </button>
                  </form>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Comparison(props: { compare: NonNullable<TemplateHistoryModel['compare']>; lang: string }) {
  const { from, to, fields } = props.compare;
  const changed = fields.filter((f) => f.rows);
  return (
    <section aria-labelledby="comparison-heading" data-testid="comparison">
      <h2 class="govuk-heading-l" id="comparison-heading">
        Version {from} and version {to}
      </h2>
      {changed.length === 0 ? <p class="govuk-body">The two versions say exactly the same.</p> : null}
      {changed.map((f) => (
        <SideBySide
          key={f.field}
          caption={FIELD_LABELS[f.field].label}
          rows={f.rows ?? []}
          left={`Version ${from}`}
          right={`Version ${to}`}
          lang={props.lang}
        />
      ))}
      {fields.length > changed.length ? (
        <p class="govuk-body-s">
          The same in both:{' '}
          {fields
            .filter((f) => !f.rows)
            .map((f) => FIELD_LABELS[f.field].label)
            .join(', ')}
          .
        </p>
      ) : null}
    </section>
  );
}
