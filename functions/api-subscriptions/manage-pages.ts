import { ValidationError } from '../../shared/domain/errors.js';
import { publicPaths } from '../../shared/domain/public-paths.js';
import { htmlPage, seeOther } from '../../shared/http/page-response.js';
import type { PageHandlers } from '../../shared/http/page-route.js';
import { ChangeSubscriptionBody } from '../../shared/http/schemas.js';
import {
  changeChoice,
  removeSubscription,
  viewSubscription,
} from '../../shared/use-cases/subscriptions/manage-subscription.js';
import { renderManagePage } from '../../web/pages/subscribe/manage-page.js';
import type { ManagePageModel } from '../../web/pages/subscribe/models.js';
import {
  renderUnsubscribedPage,
  renderUnsubscribePage,
} from '../../web/pages/subscribe/unsubscribe-pages.js';
import { renderWelcomePage } from '../../web/pages/subscribe/welcome-page.js';
import { appContext } from './context.js';
import { areaChoice, choiceProblems } from './form-problems.js';
import { siteOf } from './page-site.js';

type ManageHandlers = Omit<
  PageHandlers,
  'GET /subscribe' | 'POST /subscribe' | 'GET /subscribe/code/{id}' | 'POST /subscribe/code/{id}'
>;

/**
 * The pages of the management link: what the token's subscription is, change it, stop it. An
 * unknown, replaced or stopped token is the same 404 page, as in the API.
 */
export const managePages: ManageHandlers = {
  'GET /subscribe/manage/{token}/welcome': async ({ params, language }) => {
    const context = await appContext();
    const subscription = await viewSubscription(context, params.token);
    return htmlPage(
      200,
      renderWelcomePage({ site: siteOf(context.registry), language, token: params.token, subscription }),
    );
  },

  'GET /subscribe/manage/{token}': async ({ params, query, language, csrfToken }) => {
    const context = await appContext();
    const subscription = await viewSubscription(context, params.token);
    return htmlPage(
      200,
      renderManagePage(
        await manageModel(params.token, language, csrfToken, query.saved === '1', subscription),
      ),
    );
  },

  'POST /subscribe/manage/{token}': async ({ params, form, language, csrfToken }) => {
    const context = await appContext();
    const subscription = await viewSubscription(context, params.token);
    const values = { areas: form.areas ?? [], language: form.language };
    const again = async (paths: (readonly PropertyKey[])[]) =>
      htmlPage(
        422,
        renderManagePage({
          ...(await manageModel(params.token, language, csrfToken, false, subscription)),
          values,
          errors: choiceProblems(paths),
        }),
      );
    const parsed = ChangeSubscriptionBody.safeParse({
      areas: areaChoice(values.areas),
      ...(form.language === undefined ? {} : { language: form.language }),
    });
    if (!parsed.success) return again(parsed.error.issues.map((i) => i.path));
    try {
      await changeChoice(context, params.token, parsed.data);
    } catch (error) {
      if (error instanceof ValidationError) return again(error.issues.map((i) => i.path));
      throw error;
    }
    return seeOther(
      `${publicPaths.manage(siteOf(context.registry).languages, params.token, language)}?saved=1`,
    );
  },

  'GET /subscribe/manage/{token}/unsubscribe': async ({ params, language, csrfToken }) => {
    const context = await appContext();
    const subscription = await viewSubscription(context, params.token);
    return htmlPage(
      200,
      renderUnsubscribePage({
        site: siteOf(context.registry),
        language,
        csrfToken,
        token: params.token,
        subscription,
      }),
    );
  },

  'POST /subscribe/manage/{token}/unsubscribe': async ({ params, language }) => {
    const context = await appContext();
    await removeSubscription(context, params.token);
    return seeOther(publicPaths.unsubscribed(siteOf(context.registry).languages, language));
  },

  'GET /subscribe/unsubscribed': async ({ language }) => {
    const { registry } = await appContext();
    return htmlPage(200, renderUnsubscribedPage({ site: siteOf(registry), language }));
  },
};

async function manageModel(
  token: string,
  language: string,
  csrfToken: string,
  saved: boolean,
  subscription: ManagePageModel['subscription'],
): Promise<ManagePageModel> {
  const { registry } = await appContext();
  return {
    site: siteOf(registry),
    language,
    csrfToken,
    token,
    subscription,
    maxAreas: registry.subscriptions.maxAreas,
    saved,
    errors: {},
  };
}
