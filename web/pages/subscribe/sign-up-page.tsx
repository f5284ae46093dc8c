import { publicPaths } from '../../../shared/domain/public-paths.js';
import { HONEYPOT_FIELD } from '../../../shared/domain/sign-up-protection.js';
import { renderDocument } from '../layout.js';
import { AreaChoices, firstAreaId, firstLanguageId, LanguageChoices } from './choices.js';
import {
  Choices,
  CsrfField,
  type ErrorLink,
  ErrorSummary,
  type FieldError,
  SubmitButton,
  TextInput,
} from './form-parts.js';
import { Frame } from './frame.js';
import type { FieldProblem, SignUpField, SignUpPageModel } from './models.js';
import { subscribeText } from './text.js';

const FIELD_ORDER: SignUpField[] = ['channel', 'phone', 'email', 'areas', 'language'];

/**
 * The sign-up form: text message or e-mail (each with its own input, so the browser offers the
 * right autofill and keyboard), the areas, the language. It posts to itself; with errors it comes
 * back with what was typed, each error next to its field and all of them in a summary on top.
 */
export function renderSignUpPage(model: SignUpPageModel): string {
  const { site, language, values } = model;
  const words = subscribeText(language);
  const t = words.signUp;
  const messages = signUpMessages(model);
  const fieldError = (field: SignUpField): FieldError | undefined => {
    const message = messages[field];
    return message ? { message, hidden: words.errorHidden } : undefined;
  };
  const targets: Record<SignUpField, string> = {
    channel: 'channel-sms',
    phone: 'phone',
    email: 'email',
    areas: firstAreaId(site),
    language: firstLanguageId(site),
  };
  const summary: ErrorLink[] = FIELD_ORDER.flatMap((field) => {
    const message = messages[field];
    return message ? [{ href: `#${targets[field]}`, message }] : [];
  });
  if (model.formProblem) summary.unshift({ message: formProblemMessage(words, model.formProblem) });
  const path = (code: string) => publicPaths.subscribe(site.languages, code);
  return renderDocument(
    <Frame site={site} language={language} title={t.title} hasErrors={summary.length > 0} path={path}>
      <ErrorSummary title={words.errorSummaryTitle} errors={summary} />
      <h1 class="govuk-heading-xl">{t.title}</h1>
      <p class="govuk-body">{t.intro}</p>
      <form method="post" action={path(language)} noValidate id="sign-up">
        <CsrfField token={model.csrfToken} />
        <HoneypotField label={words.honeypotLabel} />
        <Choices
          kind="radios"
          name="channel"
          legend={t.channelLegend}
          options={[
            {
              value: 'sms',
              label: t.sms,
              conditional: (
                <TextInput
                  name="phone"
                  type="tel"
                  label={t.phoneLabel}
                  hint={t.phoneHint}
                  value={values.phone}
                  autocomplete="tel"
                  width="govuk-input--width-20"
                  error={fieldError('phone')}
                />
              ),
            },
            {
              value: 'email',
              label: t.email,
              conditional: (
                <TextInput
                  name="email"
                  type="email"
                  label={t.emailLabel}
                  hint={t.emailHint}
                  value={values.email}
                  autocomplete="email"
                  error={fieldError('email')}
                />
              ),
            },
          ]}
          checked={values.channel ? [values.channel] : []}
          error={fieldError('channel')}
        />
        <AreaChoices
          site={site}
          language={language}
          maxAreas={model.maxAreas}
          checked={values.areas ?? []}
          error={fieldError('areas')}
        />
        <LanguageChoices
          site={site}
          language={language}
          checked={values.language ?? language}
          error={fieldError('language')}
        />
        <p class="govuk-body">{t.privacy}</p>
        <SubmitButton id="sign-up-submit" text={t.submit} />
      </form>
    </Frame>,
  );
}

function signUpMessages(model: SignUpPageModel): Partial<Record<SignUpField, string>> {
  const { errors: e } = subscribeText(model.language);
  const { errors } = model;
  return {
    ...(errors.channel ? { channel: e.channel } : {}),
    ...(errors.phone ? { phone: phoneMessage(model, errors.phone) } : {}),
    ...(errors.email ? { email: errors.email === 'missing' ? e.emailMissing : e.emailInvalid } : {}),
    ...(errors.areas ? { areas: e.areas(model.maxAreas) } : {}),
    ...(errors.language ? { language: e.language } : {}),
  };
}

function phoneMessage(model: SignUpPageModel, problem: FieldProblem): string {
  const { errors: e } = subscribeText(model.language);
  if (problem === 'missing') return e.phoneMissing;
  if (problem !== 'country') return e.phoneInvalid;
  const names = new Intl.DisplayNames([model.language], { type: 'region' });
  return e.phoneCountry(model.acceptedCountries.map((code) => names.of(code) ?? code).join(', '));
}

function formProblemMessage(
  words: ReturnType<typeof subscribeText>,
  problem: NonNullable<SignUpPageModel['formProblem']>,
): string {
  const e = words.errors;
  return {
    'rate-limited': e.rateLimited,
    unavailable: e.unavailable,
    paused: e.paused,
    'bot-check': e.botCheck,
  }[problem];
}

/**
 * The bot check's hidden field (D34): people do not see it (visually hidden, out of the tab order,
 * no autofill) and leave it empty; a form-filling bot fills it. Its label says to leave it empty,
 * for whoever a screen reader takes there.
 */
function HoneypotField(props: { label: string }) {
  return (
    <div class="govuk-visually-hidden">
      <label for={HONEYPOT_FIELD}>{props.label}</label>
      <input
        type="text"
        id={HONEYPOT_FIELD}
        name={HONEYPOT_FIELD}
        value=""
        tabIndex={-1}
        autocomplete="off"
      />
    </div>
  );
}
