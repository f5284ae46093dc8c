import { publicPaths } from '../../../shared/domain/public-paths.js';
import { renderDocument } from '../layout.js';
import { ChoiceSummary } from './choice-summary.js';
import { Frame } from './frame.js';
import type { WelcomePageModel } from './models.js';
import { subscribeText } from './text.js';

/**
 * After signing up: "you are signed up" once the SMS code is confirmed, "check your inbox" for
 * e-mail (SNS sends one confirmation per area topic), and in both cases the manage link with what
 * it is for: it is the only way back to the subscription.
 */
export function renderWelcomePage(model: WelcomePageModel): string {
  const { site, language, subscription, token } = model;
  const t = subscribeText(language).welcome;
  const sms = subscription.channel === 'sms';
  const title = sms ? t.smsTitle : t.emailTitle;
  return renderDocument(
    <Frame
      site={site}
      language={language}
      title={title}
      path={(code) => publicPaths.welcome(site.languages, token, code)}
      private
    >
      <div class="govuk-panel govuk-panel--confirmation" id="welcome-panel">
        <h1 class="govuk-panel__title">{title}</h1>
        <div class="govuk-panel__body">{sms ? t.smsBody : t.emailBody(subscription.topics.length)}</div>
      </div>
      <ChoiceSummary site={site} language={language} subscription={subscription} />
      {sms ? null : <p class="govuk-body">{t.emailFrom}</p>}
      <h2 class="govuk-heading-m">{t.manageHeading}</h2>
      <p class="govuk-body">{t.manageBody}</p>
      <p class="govuk-body">
        <a class="govuk-link" id="manage-link" href={publicPaths.manage(site.languages, token, language)}>
          {t.manageLink}
        </a>
      </p>
      {sms ? <p class="govuk-body">{t.stopByText}</p> : null}
    </Frame>,
  );
}
