import { contract } from '../../shared/http/contract.js';
import { httpApi, json, route } from '../../shared/http/http-api.js';
import { broadcastView } from '../../shared/http/views.js';
import { dispatchWarmer } from '../../shared/runtime/aws/dispatch-warmer.js';
import { table } from '../../shared/runtime/aws/table.js';
import { awsContext } from '../../shared/runtime/aws-context.js';
import { resourceRepository, templateRepository } from '../../shared/runtime/library-ports.js';
import {
  broadcastRepository,
  deliveryLedger,
  incidentRepository,
  subscriptionStore,
  xPostBudget,
} from '../../shared/runtime/table-ports.js';
import { fileFollowUp } from '../../shared/use-cases/file-follow-up.js';
import { fileIncident } from '../../shared/use-cases/file-incident.js';
import { getIncident, subscriberCounts } from '../../shared/use-cases/read-models.js';
import { searchIncidents } from '../../shared/use-cases/search-incidents.js';

/** The AWS adapters this function uses (its manifest access; checked by tests/unit/runtime). */
export const appContext = awsContext(
  table(
    templateRepository,
    resourceRepository,
    incidentRepository,
    broadcastRepository,
    deliveryLedger,
    xPostBudget,
    subscriptionStore,
  ),
  dispatchWarmer,
);

export const routes = {
  'POST /incidents': route(contract['POST /incidents'], async ({ body, principal }) => {
    const context = await appContext();
    const { incident, broadcast } = await fileIncident(context, principal, body);
    return json(201, {
      incident,
      broadcast: broadcastView(broadcast, undefined, await subscriberCounts(context)),
    });
  }),
  'GET /incidents': route(contract['GET /incidents'], async ({ query, principal }) => {
    const page = await searchIncidents(await appContext(), principal, query);
    return json(200, { incidents: page.items, cursor: page.cursor });
  }),
  'GET /incidents/{id}': route(contract['GET /incidents/{id}'], async ({ params, principal }) => {
    const { incident, broadcasts } = await getIncident(await appContext(), principal, params.id);
    return json(200, { incident, broadcasts: broadcasts.map((b) => broadcastView(b.broadcast, b.dispatch)) });
  }),
  'POST /incidents/{id}/follow-ups': route(
    contract['POST /incidents/{id}/follow-ups'],
    async ({ params, body, principal }) => {
      const context = await appContext();
      const broadcast = await fileFollowUp(context, principal, { incidentId: params.id, ...body });
      return json(201, { broadcast: broadcastView(broadcast, undefined, await subscriberCounts(context)) });
    },
  ),
};

export const handler = httpApi(routes, appContext.logger);
