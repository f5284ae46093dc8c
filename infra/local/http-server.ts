/**
 * Local stand-in for API Gateway HTTP API: turns node:http requests into payload-format-2.0 events
 * for the manifest's HTTP handlers, with the JWT authorizer's behaviour on `staff` routes
 * (ARCHITECTURE.md 1 and 7).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import * as z from 'zod';
import type { FunctionDefinition, HttpMethod } from '../../functions/manifest-types.js';
import { type DevAuth, InvalidTokenError, unauthorizedBody } from './dev-auth.js';

/** What the local runtime logs through; `console` fits. */
export interface LocalLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * A Lambda-like context. `getRemainingTimeInMillis` counts down from the definition's timeout
 * because middy uses it to time out handlers early, as on AWS.
 */
export function createLambdaContext(definition: FunctionDefinition): Context {
  const deadline = Date.now() + definition.timeoutSeconds * 1000;
  const callbackStyle = () => {
    throw new Error('Callback-style completion is not supported locally; return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: definition.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${definition.name}`,
    memoryLimitInMB: String(definition.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${definition.name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: callbackStyle,
    fail: callbackStyle,
    succeed: callbackStyle,
  };
}

export type HttpHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<unknown>;

export interface HttpFunction {
  definition: FunctionDefinition;
  handler: HttpHandler;
}

export interface DevRequest {
  /** The JSON body, or `undefined` when the body is empty. */
  body: unknown;
  params: Record<string, string>;
  query: Record<string, string>;
}

/** A local-only route (demo controls, inspection); served before the manifest's, without auth. */
export interface DevRoute {
  method: HttpMethod;
  path: string;
  handle(request: DevRequest): Promise<{ status: number; body?: unknown }>;
}

export interface HttpServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Functions whose trigger is not `http` are ignored. */
  functions: readonly HttpFunction[];
  auth: DevAuth;
  devRoutes?: readonly DevRoute[];
  /** @default 65536 */
  maxBodyBytes?: number;
  /** @default console */
  logger?: LocalLogger;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  /** Stops accepting and ends open (keep-alive) connections, so the process can exit at once. */
  close(): Promise<void>;
}

/**
 * HTTP API hands every JWT claim to the integration as a string, and an array claim as its items
 * joined by spaces inside brackets: `cognito:groups` arrives as `"[inspector comms]"`.
 */
export function flattenClaims(claims: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => {
      if (Array.isArray(value)) return [name, `[${value.join(' ')}]`];
      if (typeof value === 'object' && value !== null) return [name, JSON.stringify(value)];
      return [name, String(value)];
    }),
  );
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const logger = options.logger ?? console;
  const routes = compileRoutes(
    options.functions.flatMap((fn) =>
      fn.definition.trigger.kind === 'http'
        ? fn.definition.trigger.routes.map((route) => ({ ...route, target: fn }))
        : [],
    ),
  );
  const devRoutes = compileRoutes((options.devRoutes ?? []).map((route) => ({ ...route, target: route })));

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
    const rawQueryString = queryAt === -1 ? '' : url.slice(queryAt + 1);

    const dev = findRoute(devRoutes, method, rawPath);
    if (dev) {
      const body = await readBody(req, maxBodyBytes);
      if (body === 'too-large') return sendJson(res, 413, { message: 'Request Entity Too Large' }, true);
      let parsed: unknown;
      try {
        parsed = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
      } catch {
        return sendJson(res, 400, { message: 'Invalid JSON body' });
      }
      const query = Object.fromEntries(new URLSearchParams(rawQueryString));
      const result = await dev.route.target.handle({ body: parsed, params: dev.params, query });
      return sendJson(res, result.status, result.body);
    }

    const match = findRoute(routes, method, rawPath);
    if (!match) return sendJson(res, 404, { message: 'Not Found' });
    const { route, params } = match;

    let claims: Record<string, string> | undefined;
    if (route.auth === 'staff') {
      const token = /^Bearer +(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!token) return sendJson(res, 401, unauthorizedBody('missing'));
      try {
        claims = flattenClaims(await options.auth.verifyToken(token));
      } catch (error) {
        if (error instanceof InvalidTokenError) return sendJson(res, 401, unauthorizedBody(error.reason));
        throw error;
      }
    }

    const body = await readBody(req, maxBodyBytes);
    if (body === 'too-large') return sendJson(res, 413, { message: 'Request Entity Too Large' }, true);

    const routeKey = `${route.method} ${route.path}`;
    const event = buildEvent({ req, routeKey, rawPath, rawQueryString, params, body, claims, options });
    const { definition, handler } = route.target;
    let result: unknown;
    try {
      result = await handler(event, createLambdaContext(definition));
    } catch (error) {
      logger.error('HTTP handler failed', { function: definition.name, routeKey, error });
      return sendJson(res, 500, { message: 'Internal Server Error' });
    }
    writeResult(res, result, event.requestContext.requestId, () =>
      logger.error('HTTP handler returned a malformed response', { function: definition.name, routeKey }),
    );
  }

  const routeKeyOf = (req: IncomingMessage): string => {
    const method = req.method ?? 'GET';
    const rawPath = (req.url ?? '/').split('?')[0] as string;
    const found = findRoute(devRoutes, method, rawPath) ?? findRoute(routes, method, rawPath);
    return `${method} ${found ? found.route.path : '(no route)'}`;
  };

  const server = createServer((req, res) => {
    const startedAt = Date.now();
    // The route key, never the raw path: a path can carry a secret (a management token).
    res.on('finish', () =>
      logger.info(`${routeKeyOf(req)} ${res.statusCode}`, { ms: Date.now() - startedAt }),
    );
    serve(req, res).catch((error: unknown) => {
      logger.error('Local HTTP server failed on a request', { method: req.method, url: req.url, error });
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

interface EventParts {
  req: IncomingMessage;
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  params: Record<string, string>;
  body: Buffer;
  claims: Record<string, string> | undefined;
  options: HttpServerOptions;
}

function buildEvent(parts: EventParts): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { req, routeKey, rawPath, rawQueryString, params, body, claims } = parts;
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  // rawHeaders keeps repeats that node would otherwise drop or join with ', '.
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = (req.rawHeaders[i] as string).toLowerCase();
    const value = req.rawHeaders[i + 1] as string;
    // Payload 2.0 moves cookies out of the headers into their own list.
    if (name === 'cookie')
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter(Boolean),
      );
    else headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    query[name] = name in query ? `${query[name]},${value}` : value;
  }
  const now = new Date();
  const domainName = headers.host ?? `${parts.options.host}:${parts.options.port}`;
  const requestContext = {
    accountId: 'local',
    apiId: 'local',
    domainName,
    domainPrefix: domainName.split('.')[0] ?? domainName,
    http: {
      method: req.method ?? 'GET',
      path: rawPath,
      protocol: `HTTP/${req.httpVersion}`,
      sourceIp: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: randomUUID(),
    routeKey,
    stage: '$default',
    time: formatRequestTime(now),
    timeEpoch: now.getTime(),
    ...(claims && {
      authorizer: { jwt: { claims, scopes: null }, principalId: '', integrationLatency: 0 },
    }),
  };
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    headers,
    ...(cookies.length > 0 && { cookies }),
    ...(rawQueryString !== '' && { queryStringParameters: query }),
    ...(Object.keys(params).length > 0 && { pathParameters: params }),
    // Public routes carry no authorizer, unlike what the JWT-authorizer event type promises.
    requestContext: requestContext as APIGatewayProxyEventV2WithJWTAuthorizer['requestContext'],
    ...(body.length > 0 && { body: body.toString('utf8') }),
    isBase64Encoded: false,
  };
}

const structuredResult = z.object({
  statusCode: z.number().int().min(100).max(599),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().optional(),
  cookies: z.array(z.string()).optional(),
});

function writeResult(res: ServerResponse, result: unknown, requestId: string, onMalformed: () => void): void {
  res.setHeader('apigw-requestid', requestId);
  // Payload 2.0: a result without `statusCode` is taken as a 200 JSON body.
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    res.setHeader('content-type', 'application/json');
    res.statusCode = 200;
    res.end(JSON.stringify(result ?? null));
    return;
  }
  const parsed = structuredResult.safeParse(result);
  if (!parsed.success) {
    onMalformed();
    sendJson(res, 500, { message: 'Internal Server Error' });
    return;
  }
  const { statusCode, headers = {}, body = '', isBase64Encoded, cookies } = parsed.data;
  res.statusCode = statusCode;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, String(value));
  if (cookies && cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.end(isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

function sendJson(res: ServerResponse, status: number, body: unknown, closeConnection = false): void {
  res.statusCode = status;
  // After refusing an oversized body the rest of it is never read, so the connection cannot be reused.
  if (closeConnection) res.setHeader('connection', 'close');
  if (body === undefined) {
    res.end();
    return;
  }
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

/** Reads the body, or stops reading as soon as it is known to exceed the limit. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

type Segment = { kind: 'literal'; value: string } | { kind: 'param' | 'greedy'; name: string };

type Compiled<R> = R & { segments: Segment[] };

function compileRoutes<R extends { method: string; path: string }>(specs: R[]): Compiled<R>[] {
  const seen = new Set<string>();
  const compiled = specs.map((spec) => {
    const key = `${spec.method} ${spec.path}`;
    if (seen.has(key)) throw new Error(`Route ${key} is defined twice`);
    seen.add(key);
    const segments = spec.path
      .split('/')
      .slice(1)
      .map((part): Segment => {
        const param = /^\{([^}+]+)(\+?)\}$/.exec(part);
        if (!param) return { kind: 'literal', value: part };
        return { kind: param[2] ? 'greedy' : 'param', name: param[1] as string };
      });
    return { ...spec, segments };
  });
  // API Gateway prefers the most specific route: literals over `{param}` over `{proxy+}`, left to right.
  const rank = { literal: 0, param: 1, greedy: 2 } as const;
  return compiled.sort((a, b) => {
    for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
      const diff = rank[(a.segments[i] as Segment).kind] - rank[(b.segments[i] as Segment).kind];
      if (diff !== 0) return diff;
    }
    return b.segments.length - a.segments.length;
  });
}

function findRoute<R extends Compiled<{ method: string }>>(
  routes: R[],
  method: string,
  rawPath: string,
): { route: R; params: Record<string, string> } | undefined {
  const parts = rawPath.split('/').slice(1);
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchSegments(route.segments, parts);
    if (params) return { route, params };
  }
  return undefined;
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  try {
    for (const [i, segment] of segments.entries()) {
      const part = parts[i];
      if (part === undefined) return undefined;
      if (segment.kind === 'literal') {
        if (segment.value !== part) return undefined;
        continue;
      }
      if (part === '') return undefined;
      if (segment.kind === 'greedy') {
        params[segment.name] = decodeURIComponent(parts.slice(i).join('/'));
        return params;
      }
      params[segment.name] = decodeURIComponent(part);
    }
  } catch {
    return undefined; // a malformed percent-escape matches no route
  }
  return parts.length === segments.length ? params : undefined;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's `requestContext.time` format: `12/Mar/2020:19:03:58 +0000`. */
function formatRequestTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}`;
  return `${day}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}
