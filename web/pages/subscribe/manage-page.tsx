import { publicPaths } from '../../../shared/domain/public-paths.js';
import { renderDocument } from '../layout.js';
import { ChoiceSummary } from './choice-summary.js';
import { AreaChoices, firstAreaId, firstLanguageId, LanguageChoices } from './choices.js';
import { CsrfField, type ErrorLink, ErrorSummary, SubmitButton } from './form-parts.js';
import { Frame } from './frame.js';
import { areaValues, type ManagePageModel } from './models.js';
import { subscribeText } from './text.js';

/**
 * A subscription as its owner sees it, by the token in its link: what is sent where, a form to
 * change the areas or language, and the way to stop everything (a second page asks to confirm).
 */
export function renderManagePage(model: ManagePageModel): string {
  const { site, language, subscription, token, errors } = model;
  const words = subscribeText(language);
  const t = words.manage;
  const areasMessage = errors.areas ? words.errors.areas(model.maxAreas) : undefined;
  const languageMessage = errors.language ? words.errors.language : undefined;
  const summary: ErrorLink[] = [
    ...(areasMessage ? [{ href: `#${firstAreaId(site)}`, message: areasMessage }] : []),
    ...(languageMessage ? [{ href: `#${firstLanguageId(site)}`, message: languageMessage }] : []),
  ];
  const path = (code: string) => publicPaths.manage(site.languages, token, code);
  return renderDocument(
    <Frame site={site} language={language} title={t.title} hasErrors={summary.length > 0} path={path} private>
      <ErrorSummary title={words.errorSummaryTitle} errors={summary} />
      {model.saved ? (
        <div
          class="govuk-notification-banner govuk-notification-banner--success"
          role="alert"
          aria-labelledby="saved-title"
          id="saved"
        >
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="saved-title">
              {words.successTitle}
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            <p class="govuk-notification-banner__heading">{t.saved}</p>
          </div>
        </div>
      ) : null}
      <h1 class="govuk-heading-xl">{t.title}</h1>
      <ChoiceSummary site={site} language={language} subscription={subscription} />
      {subscription.status === 'ACTIVE' ? (
        <form method="post" action={path(language)} noValidate id="change-subscription">
          <h2 class="govuk-heading-l">{t.changeHeading}</h2>
          <CsrfField token={model.csrfToken} />
          <AreaChoices
            site={site}
            language={language}
            maxAreas={model.maxAreas}
            checked={model.values?.areas ?? areaValues(subscription.areas)}
            error={areasMessage ? { message: areasMessage, hidden: words.errorHidden } : undefined}
          />
          <LanguageChoices
            site={site}
            language={language}
            checked={model.values ? model.values.language : subscription.language}
            error={languageMessage ? { message: languageMessage, hidden: words.errorHidden } : undefined}
          />
          {subscription.channel === 'email' ? <p class="govuk-body">{t.emailChangeHint}</p> : null}
          <SubmitButton id="save-changes" text={t.save} />
        </form>
      ) : (
        <div class="govuk-inset-text" id="not-active">
          {t.optedOut}
        </div>
      )}
      <h2 class="govuk-heading-l">{t.stopHeading}</h2>
      <p class="govuk-body">
        <a
          class="govuk-link"
          id="unsubscribe-link"
          href={publicPaths.unsubscribe(site.languages, token, language)}
        >
          {t.stopLink}
        </a>
      </p>
    </Frame>,
  );
}
