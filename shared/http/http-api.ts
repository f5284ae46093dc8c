import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type * as z from 'zod';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import { principalFromClaims } from '../domain/principal-from-claims.js';
import { PROTOTYPE_KEYS } from '../domain/safe-record.js';
import type { Logger } from '../ports/logger.js';
import { bodyText } from './body.js';
import { errorResponse, MalformedBodyError } from './errors.js';
import { json } from './response.js';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export { MAX_BODY_BYTES } from './body.js';

export interface RouteSpec<B extends z.ZodType, P extends z.ZodType, Q extends z.ZodType> {
  auth: 'staff' | 'public';
  summary: string;
  body?: B;
  params?: P;
  query?: Q;
}

export interface RouteInput<B, P, Q> {
  body: B;
  params: P;
  query: Q;
  principal: Principal;
  event: HttpEvent;
}

export interface Route {
  spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>;
  run(event: HttpEvent): Promise<HttpResult>;
}

/**
 * One route: its contract (auth, schemas) and a handler that only maps input to a use case and
 * its result to a response. Parsing and validation happen here, once, for every route.
 */
export function route<
  B extends z.ZodType = z.ZodUndefined,
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
>(
  spec: RouteSpec<B, P, Q>,
  handle: (input: RouteInput<z.infer<B>, z.infer<P>, z.infer<Q>>) => Promise<HttpResult>,
): Route {
  return {
    spec: spec as RouteSpec<z.ZodType, z.ZodType, z.ZodType>,
    async run(event) {
      const principal =
        spec.auth === 'staff' ? principalFromClaims(event.requestContext.authorizer?.jwt?.claims) : anonymous;
      const body = spec.body ? spec.body.parse(readJsonBody(event)) : undefined;
      const params = spec.params ? spec.params.parse(event.pathParameters ?? {}) : undefined;
      const query = spec.query ? spec.query.parse(readQuery(event)) : undefined;
      return handle({ body, params, query, principal, event } as RouteInput<
        z.infer<B>,
        z.infer<P>,
        z.infer<Q>
      >);
    },
  };
}

const anonymous: Principal = { id: 'anonymous', roles: [] };

/**
 * The query parameters, refusing a `__proto__`, `constructor` or `prototype` name by itself from
 * the raw query: an event builder that fills the parameters by assignment would drop a `__proto__`
 * name silently, so the strict query schema would never see it. The local server keeps such names
 * now; this check does not depend on how any runtime built the event.
 */
function readQuery(event: HttpEvent): NonNullable<HttpEvent['queryStringParameters']> {
  const names = new Set(new URLSearchParams(event.rawQueryString ?? '').keys());
  const issues = PROTOTYPE_KEYS.filter((name) => names.has(name)).map((name) => ({
    path: [name],
    message: `the query parameter ${name} is not allowed`,
  }));
  if (issues.length > 0) throw new ValidationError('the request is invalid', issues);
  return event.queryStringParameters ?? {};
}

function readJsonBody(event: HttpEvent): unknown {
  const raw = bodyText(event, 'application/json', 'send the body as application/json');
  if (raw.trim() === '') throw new MalformedBodyError('the body is empty; a JSON object is expected');
  try {
    // JSON.parse keeps a `"__proto__"` key as an own property (it never sets the prototype), so
    // the schemas see it and refuse it like any other unknown or forbidden key.
    return JSON.parse(raw);
  } catch {
    throw new MalformedBodyError('the body is not valid JSON');
  }
}

/**
 * A Lambda handler serving several routes of the API (one function per resource keeps the number
 * of functions and cold starts small). The route is picked by API Gateway's `routeKey`.
 */
export function httpApi(routes: Record<string, Route>, log: () => Promise<Logger>) {
  return middy<HttpEvent, HttpResult, Error, Context>()
    .use({
      onError: async (request) => {
        request.response = errorResponse(request.error, await log(), request.event.requestContext?.requestId);
      },
    })
    .handler(async (event) => {
      const match = routes[event.routeKey];
      if (!match) throw new NotFoundError(`no route ${event.routeKey}`);
      return match.run(event);
    });
}

export { json };
