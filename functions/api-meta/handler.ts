import { Permissions, requireRole } from '../../shared/domain/principal.js';
import { contract } from '../../shared/http/contract.js';
import { httpApi, json, route } from '../../shared/http/http-api.js';
import { openApiDocument } from '../../shared/http/openapi.js';
import { appContext, contextLogger } from '../../shared/runtime/context.js';

export const routes = {
  'GET /health': route(contract['GET /health'], async () => json(200, { status: 'ok' })),
  'GET /openapi.json': route(contract['GET /openapi.json'], async () => json(200, openApiDocument())),
  'GET /registry': route(contract['GET /registry'], async ({ principal }) => {
    requireRole(principal, Permissions.read, 'reading the registry');
    const { registry } = await appContext();
    return json(200, {
      version: registry.version,
      divisions: registry.divisions,
      units: registry.units,
      accounts: registry.accounts,
      headquarters: registry.headquarters,
      languages: registry.languages,
      categories: registry.categories,
    });
  }),
};

export const handler = httpApi(routes, contextLogger);
