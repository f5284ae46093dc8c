import { Permissions, requireRole } from '../../shared/domain/principal.js';
import { contract } from '../../shared/http/contract.js';
import { httpApi, json, route } from '../../shared/http/http-api.js';
import { openApiDocument } from '../../shared/http/openapi.js';
import { awsContext } from '../../shared/runtime/aws-context.js';

/** The AWS adapters this function uses (its manifest access; checked by tests/unit/runtime). */
export const appContext = awsContext();

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

export const handler = httpApi(routes, appContext.logger);
