import { contract } from '../../shared/http/contract.js';
import { httpApi, json, route } from '../../shared/http/http-api.js';
import { sqsQueue } from '../../shared/runtime/aws/sqs.js';
import { table } from '../../shared/runtime/aws/table.js';
import { awsContext } from '../../shared/runtime/aws-context.js';
import { resourceRepository, templateRepository } from '../../shared/runtime/library-ports.js';
import {
  getResource,
  getTemplate,
  getTemplateVersion,
  listCategories,
  listResources,
  listTemplates,
} from '../../shared/use-cases/library-read-models.js';
import { previewTemplate } from '../../shared/use-cases/preview-template.js';
import { publishTemplate } from '../../shared/use-cases/publish-template.js';
import { saveResource } from '../../shared/use-cases/save-resource.js';
import { saveTemplateDraft } from '../../shared/use-cases/save-template-draft.js';

/** The AWS adapters this function uses (its manifest access; checked by tests/unit/runtime). */
export const appContext = awsContext(table(templateRepository, resourceRepository), sqsQueue);

/** Templates, the resource library and the categories: what comms staff own. */
export const routes = {
  'GET /categories': route(contract['GET /categories'], async ({ principal }) =>
    json(200, { categories: listCategories(await appContext(), principal) }),
  ),
  'GET /templates': route(contract['GET /templates'], async ({ query, principal }) =>
    json(200, { templates: await listTemplates(await appContext(), principal, query) }),
  ),
  'GET /templates/{id}': route(contract['GET /templates/{id}'], async ({ params, principal }) =>
    json(200, await getTemplate(await appContext(), principal, params.id)),
  ),
  'PUT /templates/{id}': route(contract['PUT /templates/{id}'], async ({ params, body, principal }) => {
    const template = await saveTemplateDraft(await appContext(), principal, { id: params.id, ...body });
    return json(body.revision === 0 ? 201 : 200, { template });
  }),
  'POST /templates/{id}/publish': route(
    contract['POST /templates/{id}/publish'],
    async ({ params, body, principal }) =>
      json(200, {
        template: await publishTemplate(await appContext(), principal, { id: params.id, ...body }),
      }),
  ),
  'POST /templates/{id}/preview': route(
    contract['POST /templates/{id}/preview'],
    async ({ params, body, principal }) =>
      json(200, await previewTemplate(await appContext(), principal, { id: params.id, ...body })),
  ),
  'GET /templates/{id}/versions/{version}': route(
    contract['GET /templates/{id}/versions/{version}'],
    async ({ params, principal }) =>
      json(200, {
        version: await getTemplateVersion(await appContext(), principal, params.id, params.version),
      }),
  ),
  'GET /resources': route(contract['GET /resources'], async ({ principal }) =>
    json(200, await listResources(await appContext(), principal)),
  ),
  'GET /resources/{id}': route(contract['GET /resources/{id}'], async ({ params, principal }) =>
    json(200, { resource: await getResource(await appContext(), principal, params.id) }),
  ),
  'PUT /resources/{id}': route(contract['PUT /resources/{id}'], async ({ params, body, principal }) => {
    const resource = await saveResource(await appContext(), principal, { id: params.id, ...body });
    return json(body.revision === 0 ? 201 : 200, { resource });
  }),
};

export const handler = httpApi(routes, appContext.logger);
