import { contract } from '../../shared/http/contract.js';
import { httpApi, json, route } from '../../shared/http/http-api.js';
import { appContext, contextLogger } from '../../shared/runtime/context.js';
import { audienceCounts } from '../../shared/use-cases/subscriptions/audience.js';

/** Staff see how many subscribers each area, language and channel has; never who they are. */
export const routes = {
  'GET /audience': route(contract['GET /audience'], async ({ principal }) =>
    json(200, await audienceCounts(await appContext(), principal)),
  ),
};

export const handler = httpApi(routes, contextLogger);
