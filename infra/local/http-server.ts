/**
 * Local stand-in for API Gateway HTTP API (ARCHITECTURE.md 1 and 7): serves the manifest's HTTP
 * functions, and the local-only dev routes before them, on node:http. Route selection, the JWT
 * authorizer and the payload 2.0 event live in their own files; this one reads requests and
 * writes answers.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type { FunctionDefinition, HttpRoute } from '../../functions/manifest-types.js';
import type { Logger } from '../../shared/ports/logger.js';
import { buildHttpEvent, writeResult } from './api-gateway-event.js';
import { type DevAuth, unauthorizedBody } from './dev-auth.js';
import { answerDevRoute, type DevRoute } from './dev-routes.js';
import { readBody, sendJson } from './http-io.js';
import { authorize } from './jwt-authorizer.js';
import { createLambdaContext } from './lambda-context.js';
import { routeMatcher } from './route-matcher.js';

export type HttpHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<unknown>;

export interface HttpFunction {
  definition: FunctionDefinition;
  handler: HttpHandler;
}

export interface HttpServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Functions whose trigger is not `http` are ignored. */
  functions: readonly HttpFunction[];
  auth: DevAuth;
  devRoutes?: readonly DevRoute[];
  /** @default 1048576 */
  maxBodyBytes?: number;
  /** The rendered public site, served where no function route matches (CloudFront's job on AWS). */
  site?: { serve(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> };
  /** @default console */
  logger?: Logger;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  /** Stops accepting and ends open (keep-alive) connections, so the process can exit at once. */
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  // Above the handlers' own limits (the console form's 512 KiB), as API Gateway's 10 MB is, so they answer.
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const logger = options.logger ?? console;
  const functionRoute = routeMatcher(
    options.functions.flatMap((fn) =>
      fn.definition.trigger.kind === 'http'
        ? fn.definition.trigger.routes.map((route): HttpRoute & { target: HttpFunction } => ({
            ...route,
            target: fn,
          }))
        : [],
    ),
  );
  const devRoute = routeMatcher(options.devRoutes ?? []);

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
    const rawQueryString = queryAt === -1 ? '' : url.slice(queryAt + 1);

    const dev = devRoute(method, rawPath);
    if (dev) {
      const body = await readBody(req, maxBodyBytes);
      if (body === 'too-large') return sendJson(res, 413, { message: 'Request Entity Too Large' }, true);
      const answer = await answerDevRoute(dev.route, dev.params, body, rawQueryString);
      return sendJson(res, answer.status, answer.body);
    }

    const match = functionRoute(method, rawPath);
    if (!match) {
      if (options.site && (await options.site.serve(req, res, rawPath))) return;
      return sendJson(res, 404, { message: 'Not Found' });
    }
    const { route, params: pathParameters } = match;

    let claims: Record<string, string> | undefined;
    if (route.auth === 'staff') {
      const authorization = await authorize(options.auth, req.headers.authorization);
      if ('refused' in authorization) return sendJson(res, 401, unauthorizedBody(authorization.refused));
      claims = authorization.claims;
    }

    const body = await readBody(req, maxBodyBytes);
    if (body === 'too-large') return sendJson(res, 413, { message: 'Request Entity Too Large' }, true);

    const routeKey = `${route.method} ${route.path}`;
    const serverAddress = `${options.host}:${options.port}`;
    const event = buildHttpEvent({
      req,
      routeKey,
      rawPath,
      rawQueryString,
      pathParameters,
      body,
      claims,
      serverAddress,
    });
    const { definition, handler } = route.target;
    let result: unknown;
    try {
      result = await handler(event, createLambdaContext(definition));
    } catch (error) {
      logger.error('HTTP handler failed', { function: definition.name, routeKey, error });
      return sendJson(res, 500, { message: 'Internal Server Error' });
    }
    if (!writeResult(res, result, event.requestContext.requestId)) {
      logger.error('HTTP handler returned a malformed response', { function: definition.name, routeKey });
      sendJson(res, 500, { message: 'Internal Server Error' });
    }
  }

  // The route key, never the raw path, is what gets logged: a path can carry a secret (a
  // management token), and the route key is all a reader needs to find the code.
  const routeKeyOf = (req: IncomingMessage): string => {
    const method = req.method ?? 'GET';
    const rawPath = (req.url ?? '/').split('?')[0] as string;
    const found = devRoute(method, rawPath) ?? functionRoute(method, rawPath);
    return `${method} ${found ? found.route.path : '(no route)'}`;
  };

  const server = createServer((req, res) => {
    const startedAt = Date.now();
    res.on('finish', () =>
      logger.info(`${routeKeyOf(req)} ${res.statusCode}`, { ms: Date.now() - startedAt }),
    );
    serve(req, res).catch((error: unknown) => {
      logger.error('Local HTTP server failed on a request', { routeKey: routeKeyOf(req), error });
      if (!res.headersSent && !res.destroyed) sendJson(res, 500, { message: 'Internal Server Error' });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
