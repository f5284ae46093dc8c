import {
  CodeBudgetExhaustedError,
  RateLimitedError,
  UnavailableError,
  ValidationError,
} from '../../shared/domain/errors.js';
import { publicPaths } from '../../shared/domain/public-paths.js';
import { acceptedCountries } from '../../shared/domain/sign-up-protection.js';
import { htmlPage, retryAfter, seeOther } from '../../shared/http/page-response.js';
import type { PageHandlers } from '../../shared/http/page-route.js';
import { ConfirmCodeBody, SignUpBody } from '../../shared/http/schemas.js';
import { confirmCode } from '../../shared/use-cases/subscriptions/confirm-code.js';
import { signUp } from '../../shared/use-cases/subscriptions/sign-up.js';
import { renderCodePage } from '../../web/pages/subscribe/code-page.js';
import type { FieldProblem, SignUpPageModel } from '../../web/pages/subscribe/models.js';
import { renderSignUpPage } from '../../web/pages/subscribe/sign-up-page.js';
import { appContext } from './context.js';
import { areaChoice, signUpIssues, signUpProblems } from './form-problems.js';
import { siteOf } from './page-site.js';

type SignUpHandlers = Pick<
  PageHandlers,
  'GET /subscribe' | 'POST /subscribe' | 'GET /subscribe/code/{id}' | 'POST /subscribe/code/{id}'
>;

/**
 * Signing up through the forms: the same use cases as `POST /subscriptions` and its confirm route,
 * so the same rules, limits and answers (the next page never depends on whether the address was
 * known). Each successful post redirects, so a reload never sends a second code.
 */
export const signUpPages: SignUpHandlers = {
  'GET /subscribe': async ({ language, csrfToken }) => {
    const { registry } = await appContext();
    return htmlPage(
      200,
      renderSignUpPage({
        site: siteOf(registry),
        language,
        csrfToken,
        maxAreas: registry.subscriptions.maxAreas,
        acceptedCountries: acceptedCountries(registry.subscriptions),
        values: {},
        errors: {},
      }),
    );
  },

  'POST /subscribe': async ({ form, language, csrfToken, event, formServedAtMs }) => {
    const context = await appContext();
    const site = siteOf(context.registry);
    const { website, ...values } = form;
    const again = (status: number, more: Pick<SignUpPageModel, 'errors' | 'formProblem'>) =>
      htmlPage(
        status,
        renderSignUpPage({
          site,
          language,
          csrfToken,
          maxAreas: context.registry.subscriptions.maxAreas,
          acceptedCountries: acceptedCountries(context.registry.subscriptions),
          values,
          ...more,
        }),
      );
    const bot = botCheck(context, website, formServedAtMs);
    if (bot) {
      context.log.warn('sign-up form refused by the bot check', { reason: bot, rule: 'bot-check' });
      return again(422, { errors: {}, formProblem: 'bot-check' });
    }
    const address = form.channel === 'sms' ? form.phone : form.channel === 'email' ? form.email : undefined;
    const candidate = {
      channel: form.channel,
      address: address ?? '',
      areas: areaChoice(form.areas ?? []),
      language: form.language,
    };
    const issues = signUpIssues(context.registry, candidate);
    const parsed = SignUpBody.safeParse(candidate);
    if (issues.length > 0 || !parsed.success) return again(422, { errors: signUpProblems(issues, values) });
    try {
      const answer = await signUp(context, parsed.data, { ip: event.requestContext.http.sourceIp });
      return seeOther(
        answer.manageToken
          ? publicPaths.welcome(site.languages, answer.manageToken, language)
          : publicPaths.subscribeCode(site.languages, answer.id, language),
      );
    } catch (error) {
      if (error instanceof ValidationError)
        return again(422, {
          errors: signUpProblems(
            error.issues.map((i) => i.path),
            values,
          ),
        });
      if (error instanceof RateLimitedError)
        return retryAfter(again(429, { errors: {}, formProblem: 'rate-limited' }), error.retryAfterSeconds);
      if (error instanceof CodeBudgetExhaustedError)
        return retryAfter(again(503, { errors: {}, formProblem: 'paused' }), error.retryAfterSeconds);
      if (error instanceof UnavailableError)
        return retryAfter(again(503, { errors: {}, formProblem: 'unavailable' }), 60);
      throw error;
    }
  },

  'GET /subscribe/code/{id}': async ({ params, language, csrfToken }) => {
    const { registry } = await appContext();
    return htmlPage(
      200,
      renderCodePage({
        site: siteOf(registry),
        language,
        csrfToken,
        subscriptionId: params.id,
        codeTtlMinutes: registry.subscriptions.codeTtlMinutes,
      }),
    );
  },

  'POST /subscribe/code/{id}': async ({ params, form, language, csrfToken }) => {
    const context = await appContext();
    const again = (error: FieldProblem) =>
      htmlPage(
        422,
        renderCodePage({
          site: siteOf(context.registry),
          language,
          csrfToken,
          subscriptionId: params.id,
          codeTtlMinutes: context.registry.subscriptions.codeTtlMinutes,
          code: form.code,
          error,
        }),
      );
    // People copy codes with spaces ("123 456"); the code itself is digits only.
    const code = (form.code ?? '').replace(/\s+/g, '');
    const parsed = ConfirmCodeBody.safeParse({ code });
    if (!parsed.success) return again(code === '' ? 'missing' : 'invalid');
    try {
      const { manageToken } = await confirmCode(context, params.id, parsed.data.code);
      return seeOther(publicPaths.welcome(siteOf(context.registry).languages, manageToken, language));
    } catch (error) {
      // A wrong code; an expired code, too many wrong ones or a finished sign-up are problem pages.
      if (error instanceof ValidationError) return again('wrong');
      throw error;
    }
  },
};

/**
 * The forms' no-JavaScript bot check (D34): the hidden field must be empty, and the form must come
 * back no sooner than `minFillSeconds` after it was served (the time is in its signed anti-forgery
 * token). What failed, for the log; undefined when it passed.
 */
function botCheck(
  context: Awaited<ReturnType<typeof appContext>>,
  honeypot: string | undefined,
  servedAtMs: number | undefined,
): 'hidden-field-filled' | 'filled-too-fast' | undefined {
  if (honeypot !== undefined && honeypot !== '') return 'hidden-field-filled';
  const minFillMs = context.registry.subscriptions.protection.form.minFillSeconds * 1000;
  if (minFillMs > 0 && (servedAtMs === undefined || context.clock.now().getTime() - servedAtMs < minFillMs))
    return 'filled-too-fast';
  return undefined;
}
