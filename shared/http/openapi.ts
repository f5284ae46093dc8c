import * as z from 'zod';
import { contract, type RouteKey, splitRouteKey } from './contract.js';

/** OpenAPI 3.1 for the whole API, generated from the same zod schemas the handlers validate with. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const key of Object.keys(contract) as RouteKey[]) {
    const spec = contract[key] as (typeof contract)[RouteKey] & {
      body?: z.ZodType;
      params?: z.ZodObject;
      query?: z.ZodObject;
    };
    const { method, path } = splitRouteKey(key);
    const parameters = [
      ...fieldsOf(spec.params).map(([name, schema]) => ({ name, in: 'path', required: true, schema })),
      ...fieldsOf(spec.query).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
    ];
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[method.toLowerCase()] = {
      summary: spec.summary,
      ...(spec.auth === 'staff' ? { security: [{ staffJwt: [] }] } : { security: [] }),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: z.toJSONSchema(spec.body, { io: 'input' }),
                },
              },
            },
          }
        : {}),
      responses: responsesFor(spec.auth, method),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Herald', version: '1', description: 'File, approve and dispatch public alerts.' },
    components: { securitySchemes: { staffJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}

function fieldsOf(schema: z.ZodObject | undefined): [string, unknown][] {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => [
    name,
    z.toJSONSchema(field as z.ZodType, { io: 'input' }),
  ]);
}

function responsesFor(auth: 'staff' | 'public', method: string): Record<string, { description: string }> {
  return {
    [method === 'POST' ? '200/201' : '200']: { description: 'success' },
    ...(method === 'POST'
      ? { 400: { description: 'not JSON' }, 413: { description: 'body too large' } }
      : {}),
    ...(auth === 'staff'
      ? {
          401: { description: 'no or bad token' },
          403: { description: 'wrong role, or the author approving' },
        }
      : {}),
    404: { description: 'not found' },
    409: { description: 'the state or content hash changed' },
    422: { description: 'invalid input, with the issue paths' },
  };
}
