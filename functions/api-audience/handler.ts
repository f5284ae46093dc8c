import { contract } from '../../shared/http/contract.js';
import { httpApi, json, route } from '../../shared/http/http-api.js';
import { table } from '../../shared/runtime/aws/table.js';
import { awsContext } from '../../shared/runtime/aws-context.js';
import { subscriptionStore } from '../../shared/runtime/table-ports.js';
import { audienceCounts } from '../../shared/use-cases/subscriptions/audience.js';

/** The AWS adapters this function uses (its manifest access; checked by tests/unit/runtime). */
export const appContext = awsContext(table(subscriptionStore));

/** Staff see how many subscribers each area, language and channel has; never who they are. */
export const routes = {
  'GET /audience': route(contract['GET /audience'], async ({ principal }) =>
    json(200, await audienceCounts(await appContext(), principal)),
  ),
};

export const handler = httpApi(routes, appContext.logger);
