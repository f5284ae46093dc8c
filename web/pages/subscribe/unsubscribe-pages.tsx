import { publicPaths } from '../../../shared/domain/public-paths.js';
import { renderDocument } from '../layout.js';
import { CsrfField, SubmitButton } from './form-parts.js';
import { Frame } from './frame.js';
import type { SubscribePage, UnsubscribePageModel } from './models.js';
import { subscribeText } from './text.js';

/** Stopping every alert cannot be undone (a new sign-up is needed), so it asks once more. */
export function renderUnsubscribePage(model: UnsubscribePageModel): string {
  const { site, language, token } = model;
  const t = subscribeText(language).unsubscribe;
  const path = (code: string) => publicPaths.unsubscribe(site.languages, token, code);
  return renderDocument(
    <Frame site={site} language={language} title={t.title} path={path} private>
      <h1 class="govuk-heading-xl">{t.title}</h1>
      <p class="govuk-body">{t.body(model.subscription.address)}</p>
      <form method="post" action={path(language)} noValidate id="unsubscribe">
        <CsrfField token={model.csrfToken} />
        <div class="govuk-button-group">
          <SubmitButton id="unsubscribe-confirm" text={t.confirm} warning />
          <a class="govuk-link" id="keep-alerts" href={publicPaths.manage(site.languages, token, language)}>
            {t.cancel}
          </a>
        </div>
      </form>
    </Frame>,
  );
}

export function renderUnsubscribedPage(model: SubscribePage): string {
  const { site, language } = model;
  const t = subscribeText(language).unsubscribe;
  return renderDocument(
    <Frame
      site={site}
      language={language}
      title={t.doneTitle}
      path={(code) => publicPaths.unsubscribed(site.languages, code)}
    >
      <div class="govuk-panel govuk-panel--confirmation" id="unsubscribed-panel">
        <h1 class="govuk-panel__title">{t.doneTitle}</h1>
      </div>
      <p class="govuk-body">{t.doneBody}</p>
      <p class="govuk-body">
        <a class="govuk-link" href={publicPaths.subscribe(site.languages, language)}>
          {t.signUpAgain}
        </a>
      </p>
    </Frame>,
  );
}
