import { NotFoundError } from '../../shared/domain/errors.js';
import { Permissions, requireRole } from '../../shared/domain/principal.js';
import { isStale } from '../../shared/domain/resource.js';
import { contract } from '../../shared/http/contract.js';
import { httpApi, json, route } from '../../shared/http/http-api.js';
import { appContext, contextLogger } from '../../shared/runtime/context.js';
import { previewTemplate } from '../../shared/use-cases/preview-template.js';
import { publishTemplate } from '../../shared/use-cases/publish-template.js';
import { saveResource } from '../../shared/use-cases/save-resource.js';
import { saveTemplateDraft } from '../../shared/use-cases/save-template-draft.js';

/** Templates, the resource library and the categories: what comms staff own. */
export const routes = {
  'GET /categories': route(contract['GET /categories'], async ({ principal }) => {
    requireRole(principal, Permissions.read, 'reading categories');
    const { registry } = await appContext();
    return json(200, {
      categories: registry.categories.map(({ id, name, capCategory, facts }) => ({
        id,
        name,
        capCategory,
        facts,
      })),
    });
  }),
  'GET /templates': route(contract['GET /templates'], async ({ query, principal }) => {
    requireRole(principal, Permissions.read, 'reading templates');
    const all = await (await appContext()).templates.list();
    const templates = all.filter(
      (t) =>
        (query.category === undefined || t.category === query.category) &&
        (query.language === undefined || t.language === query.language),
    );
    return json(200, { templates: templates.map(({ history: _history, ...summary }) => summary) });
  }),
  'GET /templates/{id}': route(contract['GET /templates/{id}'], async ({ params, principal }) => {
    requireRole(principal, Permissions.read, 'reading templates');
    const { templates } = await appContext();
    const template = await templates.get(params.id);
    if (!template) throw new NotFoundError(`no template ${params.id}`);
    const versions = (await templates.listVersions(params.id)).map(
      ({ version, publishedAt, publishedBy, rolledBackFrom }) => ({
        version,
        publishedAt,
        publishedBy,
        rolledBackFrom,
      }),
    );
    return json(200, { template, versions });
  }),
  'PUT /templates/{id}': route(contract['PUT /templates/{id}'], async ({ params, body, principal }) => {
    const template = await saveTemplateDraft(await appContext(), principal, { id: params.id, ...body });
    return json(body.revision === 0 ? 201 : 200, { template });
  }),
  'POST /templates/{id}/publish': route(
    contract['POST /templates/{id}/publish'],
    async ({ params, body, principal }) => {
      const template = await publishTemplate(await appContext(), principal, { id: params.id, ...body });
      return json(200, { template });
    },
  ),
  'POST /templates/{id}/preview': route(
    contract['POST /templates/{id}/preview'],
    async ({ params, body, principal }) => {
      const preview = await previewTemplate(await appContext(), principal, { id: params.id, ...body });
      return json(200, preview);
    },
  ),
  'GET /templates/{id}/versions/{version}': route(
    contract['GET /templates/{id}/versions/{version}'],
    async ({ params, principal }) => {
      requireRole(principal, Permissions.read, 'reading templates');
      const version = await (await appContext()).templates.getVersion(params.id, params.version);
      if (!version) throw new NotFoundError(`template ${params.id} has no version ${params.version}`);
      return json(200, { version });
    },
  ),
  'GET /resources': route(contract['GET /resources'], async ({ principal }) => {
    requireRole(principal, Permissions.read, 'reading the resource library');
    const { resources, registry, clock } = await appContext();
    const now = clock.now();
    const library = await resources.list();
    return json(200, {
      staleAfterDays: registry.library.staleAfterDays,
      resources: library.map((r) => ({ ...r, stale: isStale(r, now, registry.library.staleAfterDays) })),
    });
  }),
  'GET /resources/{id}': route(contract['GET /resources/{id}'], async ({ params, principal }) => {
    requireRole(principal, Permissions.read, 'reading the resource library');
    const { resources, registry, clock } = await appContext();
    const resource = await resources.get(params.id);
    if (!resource) throw new NotFoundError(`no resource ${params.id}`);
    return json(200, {
      resource: { ...resource, stale: isStale(resource, clock.now(), registry.library.staleAfterDays) },
    });
  }),
  'PUT /resources/{id}': route(contract['PUT /resources/{id}'], async ({ params, body, principal }) => {
    const resource = await saveResource(await appContext(), principal, { id: params.id, ...body });
    return json(body.revision === 0 ? 201 : 200, { resource });
  }),
};

export const handler = httpApi(routes, contextLogger);
