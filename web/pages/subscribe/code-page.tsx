import { publicPaths } from '../../../shared/domain/public-paths.js';
import { SUBSCRIPTION_CODE_DIGITS } from '../../../shared/domain/subscription.js';
import { renderDocument } from '../layout.js';
import { CsrfField, ErrorSummary, SubmitButton, TextInput } from './form-parts.js';
import { Frame } from './frame.js';
import type { CodePageModel } from './models.js';
import { subscribeText } from './text.js';

/** Where an SMS sign-up proves the number: the code from the text message. */
export function renderCodePage(model: CodePageModel): string {
  const { site, language } = model;
  const words = subscribeText(language);
  const t = words.code;
  const message =
    model.error === 'missing'
      ? words.errors.codeMissing
      : model.error === 'wrong'
        ? words.errors.codeWrong
        : model.error === 'invalid'
          ? words.errors.codeInvalid(SUBSCRIPTION_CODE_DIGITS)
          : undefined;
  const path = (code: string) => publicPaths.subscribeCode(site.languages, model.subscriptionId, code);
  return renderDocument(
    <Frame
      site={site}
      language={language}
      title={t.title}
      hasErrors={message !== undefined}
      path={path}
      private
    >
      <ErrorSummary title={words.errorSummaryTitle} errors={message ? [{ href: '#code', message }] : []} />
      <h1 class="govuk-heading-xl">{t.title}</h1>
      <form method="post" action={path(language)} noValidate id="confirm-code">
        <CsrfField token={model.csrfToken} />
        <TextInput
          name="code"
          type="text"
          label={t.label}
          hint={t.hint(SUBSCRIPTION_CODE_DIGITS, model.codeTtlMinutes)}
          value={model.code}
          autocomplete="one-time-code"
          inputMode="numeric"
          width="govuk-input--width-5"
          error={message ? { message, hidden: words.errorHidden } : undefined}
        />
        <SubmitButton id="confirm-code-submit" text={t.submit} />
      </form>
      <p class="govuk-body">
        {t.notReceived}{' '}
        <a class="govuk-link" id="sign-up-again" href={publicPaths.subscribe(site.languages, language)}>
          {t.signUpAgain}
        </a>
        .
      </p>
    </Frame>,
  );
}
