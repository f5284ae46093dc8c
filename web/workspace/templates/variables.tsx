import type { Category } from '../../../shared/domain/registry.js';
import type { BroadcastKind } from '../../../shared/domain/vocabulary.js';
import type { EditorLanguage } from './editor-model.js';

/** The facts a template may use, whether intake requires them, and which languages declare them. */
export function Variables(props: { category: Category; kind: BroadcastKind; languages: EditorLanguage[] }) {
  const facts = [
    ...props.category.facts.map((f) => ({ name: f.name, required: f.required, about: f.description })),
    ...(props.kind === 'alert' ? [] : [{ name: 'note', required: false, about: 'The follow-up’s note' }]),
  ];
  return (
    <details class="govuk-details" open>
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">Variables: the facts of this category</span>
      </summary>
      <div class="govuk-details__text">
        <p class="govuk-body-s">
          Write <code>{'{{name}}'}</code> in a text. A fact used in a text is declared when the draft is
          saved; Herald fills in <code>{'{{link}}'}</code>, <code>{'{{areas}}'}</code>,{' '}
          <code>{'{{category}}'}</code> and <code>{'{{service}}'}</code> itself.
        </p>
        <table class="govuk-table" data-testid="variables">
          <caption class="govuk-visually-hidden">Variables and the languages that declare them</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Variable
              </th>
              <th scope="col" class="govuk-table__header">
                Intake
              </th>
              {props.languages.map((l) => (
                <th scope="col" class="govuk-table__header" key={l.code}>
                  Declared in <span lang={l.code}>{l.name}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {facts.map((f) => (
              <tr class="govuk-table__row" key={f.name}>
                <th scope="row" class="govuk-table__header">
                  <code>{`{{${f.name}}}`}</code>
                  {f.about ? <span class="govuk-body-s herald-template-state">{f.about}</span> : null}
                </th>
                <td class="govuk-table__cell">{f.required ? 'Required' : 'Optional'}</td>
                {props.languages.map((l) => (
                  <td class="govuk-table__cell" key={l.code}>
                    {l.variables.some((v) => v.name === f.name) ? 'Yes' : 'No'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
