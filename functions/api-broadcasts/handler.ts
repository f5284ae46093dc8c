import { contract } from '../../shared/http/contract.js';
import { httpApi, json, route } from '../../shared/http/http-api.js';
import { broadcastView, deliveryView } from '../../shared/http/views.js';
import { sqsQueue } from '../../shared/runtime/aws/sqs.js';
import { table } from '../../shared/runtime/aws/table.js';
import { awsContext } from '../../shared/runtime/aws-context.js';
import {
  broadcastRepository,
  deliveryLedger,
  incidentRepository,
  subscriptionStore,
  xPostBudget,
} from '../../shared/runtime/table-ports.js';
import { approveBroadcast } from '../../shared/use-cases/approve-broadcast.js';
import { getBroadcast, subscriberCounts } from '../../shared/use-cases/read-models.js';
import { rejectBroadcast } from '../../shared/use-cases/reject-broadcast.js';

/** The AWS adapters this function uses (its manifest access; checked by tests/unit/runtime). */
export const appContext = awsContext(
  table(incidentRepository, broadcastRepository, deliveryLedger, xPostBudget, subscriptionStore),
  sqsQueue,
);

export const routes = {
  'GET /broadcasts/{id}': route(contract['GET /broadcasts/{id}'], async ({ params, principal }) => {
    const context = await appContext();
    const { broadcast, dispatch } = await getBroadcast(context, principal, params.id);
    return json(200, { broadcast: broadcastView(broadcast, dispatch, await subscriberCounts(context)) });
  }),
  'POST /broadcasts/{id}/approve': route(
    contract['POST /broadcasts/{id}/approve'],
    async ({ params, body, principal }) => {
      const context = await appContext();
      const approved = await approveBroadcast(context, principal, { broadcastId: params.id, ...body });
      return json(200, { broadcast: broadcastView(approved) });
    },
  ),
  'POST /broadcasts/{id}/reject': route(
    contract['POST /broadcasts/{id}/reject'],
    async ({ params, body, principal }) => {
      const rejected = await rejectBroadcast(await appContext(), principal, {
        broadcastId: params.id,
        ...body,
      });
      return json(200, { broadcast: broadcastView(rejected) });
    },
  ),
  'GET /broadcasts/{id}/deliveries': route(
    contract['GET /broadcasts/{id}/deliveries'],
    async ({ params, principal }) => {
      const context = await appContext();
      const { deliveries } = await getBroadcast(context, principal, params.id);
      return json(
        200,
        deliveries.map((delivery) => deliveryView(delivery, context.registry)),
      );
    },
  ),
};

export const handler = httpApi(routes, appContext.logger);
