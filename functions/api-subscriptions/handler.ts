import { contract } from '../../shared/http/contract.js';
import { httpApi, json, route } from '../../shared/http/http-api.js';
import { servePages } from '../../shared/http/page-route.js';
import { confirmCode } from '../../shared/use-cases/subscriptions/confirm-code.js';
import {
  changeChoice,
  removeSubscription,
  viewSubscription,
} from '../../shared/use-cases/subscriptions/manage-subscription.js';
import { signUp } from '../../shared/use-cases/subscriptions/sign-up.js';
import { appContext } from './context.js';
import { managePages } from './manage-pages.js';
import { pageSite } from './page-site.js';
import { signUpPages } from './sign-up-pages.js';

export { appContext };

/**
 * The public's side: sign up, prove the number, and manage or end a subscription by its token,
 * as JSON for programs and as HTML forms for people (the same use cases behind both).
 */
export const routes = {
  'POST /subscriptions': route(contract['POST /subscriptions'], async ({ body, event }) =>
    json(202, {
      subscription: await signUp(await appContext(), body, { ip: event.requestContext.http.sourceIp }),
    }),
  ),
  'POST /subscriptions/{id}/confirm': route(
    contract['POST /subscriptions/{id}/confirm'],
    async ({ params, body }) => json(200, await confirmCode(await appContext(), params.id, body.code)),
  ),
  'GET /subscriptions/manage/{token}': route(
    contract['GET /subscriptions/manage/{token}'],
    async ({ params }) =>
      json(200, { subscription: await viewSubscription(await appContext(), params.token) }),
  ),
  'PUT /subscriptions/manage/{token}': route(
    contract['PUT /subscriptions/manage/{token}'],
    async ({ params, body }) =>
      json(200, { subscription: await changeChoice(await appContext(), params.token, body) }),
  ),
  'DELETE /subscriptions/manage/{token}': route(
    contract['DELETE /subscriptions/manage/{token}'],
    async ({ params }) =>
      json(200, { subscription: await removeSubscription(await appContext(), params.token) }),
  ),
  ...servePages(pageSite, { ...signUpPages, ...managePages }),
};

export const handler = httpApi(routes, appContext.logger);
