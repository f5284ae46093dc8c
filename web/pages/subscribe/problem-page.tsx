import { publicPaths } from '../../../shared/domain/public-paths.js';
import { renderDocument } from '../layout.js';
import { Frame } from './frame.js';
import type { ProblemPageModel } from './models.js';
import { type ProblemStatus, subscribeText } from './text.js';

/** Statuses whose way out is the same form again, freshly loaded (a new anti-forgery token). */
const RELOAD = new Set([400, 403, 413, 415]);

/**
 * Why a request could not be done, in the reader's language, and what to do next: reload the form
 * (a refused or unreadable post; nothing changed), or sign up again (a link or code that no longer
 * works). Never which address or subscription was involved.
 */
export function renderProblemPage(model: ProblemPageModel): string {
  const { site, language, status } = model;
  const words = subscribeText(language);
  const known: ProblemStatus =
    status in words.problems ? (status as ProblemStatus) : status >= 500 ? 500 : 400;
  const { title, body } = words.problems[known];
  const reload = RELOAD.has(known);
  return renderDocument(
    <Frame
      site={site}
      language={language}
      title={title}
      path={(code) => publicPaths.subscribe(site.languages, code)}
      private
    >
      <h1 class="govuk-heading-xl">{title}</h1>
      <p class="govuk-body" id="problem">
        {body}
      </p>
      <ul class="govuk-list">
        {reload ? (
          <li>
            <a class="govuk-link" id="reload-form" href={model.retryPath}>
              {words.reloadForm}
            </a>
          </li>
        ) : known === 500 ? null : (
          <li>
            <a class="govuk-link" id="sign-up-again" href={publicPaths.subscribe(site.languages, language)}>
              {words.signUpLink}
            </a>
          </li>
        )}
        <li>
          <a class="govuk-link" href={publicPaths.index(site.languages, language)}>
            {words.home}
          </a>
        </li>
      </ul>
    </Frame>,
  );
}
