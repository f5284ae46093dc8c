/**
 * API Gateway HTTP API's payload format 2.0, locally: a node:http request becomes the event a
 * handler receives on AWS, and the handler's result becomes the HTTP response.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import * as z from 'zod';

export interface EventParts {
  req: IncomingMessage;
  /** `POST /broadcasts/{id}/approve`. */
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  pathParameters: Record<string, string>;
  body: Buffer;
  /** The flattened JWT claims on a `staff` route; public routes have none. */
  claims: Record<string, string> | undefined;
  /** `host:port`, the domain name of a request that sent no Host header. */
  serverAddress: string;
}

export function buildHttpEvent(parts: EventParts): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { req, routeKey, rawPath, rawQueryString, pathParameters, body, claims } = parts;
  // Built in Maps, never by assigning to an object: `x['__proto__'] = v` is silently dropped and
  // `'constructor' in x` is true of every object. On AWS the event is parsed JSON, where these
  // names are ordinary own keys, so the handler's strict schemas see them and refuse them.
  const headerMap = new Map<string, string>();
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
    else appendJoined(headerMap, name, value);
  }
  const queryMap = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(rawQueryString)) appendJoined(queryMap, name, value);
  const headers = Object.fromEntries(headerMap);
  const now = new Date();
  const domainName = headerMap.get('host') ?? parts.serverAddress;
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
      userAgent: headerMap.get('user-agent') ?? '',
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
    ...(rawQueryString !== '' && { queryStringParameters: Object.fromEntries(queryMap) }),
    ...(Object.keys(pathParameters).length > 0 && { pathParameters }),
    // Public routes carry no authorizer, unlike what the JWT-authorizer event type promises.
    requestContext: requestContext as APIGatewayProxyEventV2WithJWTAuthorizer['requestContext'],
    ...(body.length > 0 && { body: body.toString('utf8') }),
    isBase64Encoded: false,
  };
}

/** A repeated header or query parameter arrives as its values joined by commas. */
function appendJoined(map: Map<string, string>, name: string, value: string): void {
  const earlier = map.get(name);
  map.set(name, earlier === undefined ? value : `${earlier},${value}`);
}

const structuredResult = z.object({
  statusCode: z.number().int().min(100).max(599),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().optional(),
  cookies: z.array(z.string()).optional(),
});

/**
 * Writes the handler's result as the response, or returns false without writing it when the
 * result is malformed (API Gateway answers 500 then; the caller does, after logging why).
 */
export function writeResult(res: ServerResponse, result: unknown, requestId: string): boolean {
  res.setHeader('apigw-requestid', requestId);
  // Payload 2.0: a result without `statusCode` is taken as a 200 JSON body.
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    res.setHeader('content-type', 'application/json');
    res.statusCode = 200;
    res.end(JSON.stringify(result ?? null));
    return true;
  }
  const parsed = structuredResult.safeParse(result);
  if (!parsed.success) return false;
  const { statusCode, headers = {}, body = '', isBase64Encoded, cookies } = parsed.data;
  res.statusCode = statusCode;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, String(value));
  if (cookies && cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.end(isBase64Encoded ? Buffer.from(body, 'base64') : body);
  return true;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's `requestContext.time` format: `12/Mar/2020:19:03:58 +0000`. */
export function formatRequestTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}`;
  return `${day}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}
