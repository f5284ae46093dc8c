import { request as httpRequest } from 'node:http';
import { contract, type RouteKey, splitRouteKey } from '../../shared/http/contract.js';
import type { Herald } from '../support/herald.js';

/**
 * Requests as bytes on the wire: node:http sends the path, headers and body exactly as given (fetch
 * would resolve `..` segments and always set a content type), which is what fuzzing needs.
 */
export interface WireRequest {
  method: string;
  /** Path and query, already encoded. */
  path: string;
  /** A demo user whose token is sent; none: no authorization header unless `headers` has one. */
  user?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface WireResponse {
  status: number;
  text: string;
  /** The JSON body, or undefined when the body is not JSON. */
  json: any;
}

/** The parts of a request a route's contract describes. */
export interface RequestParts {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

export const routeKeys = () => Object.keys(contract) as RouteKey[];

export const specOf = (key: RouteKey) =>
  contract[key] as {
    auth: 'staff' | 'public';
    body?: import('zod').ZodType;
    params?: import('zod').ZodType;
    query?: import('zod').ZodType;
  };

/** `/broadcasts/{id}/approve` with `{ id }` filled in, plus the query string. */
export function pathOf(
  key: RouteKey,
  params: Record<string, unknown> = {},
  query?: Record<string, unknown>,
): string {
  const { path } = splitRouteKey(key);
  const filled = path.replace(/\{([^}+]+)\+?\}/g, (_, name: string) => rawSegment(params[name]));
  return query ? `${filled}${queryString(query)}` : filled;
}

/** A parameter value that is already a raw segment (a mutation) is sent as is. */
export class RawSegment {
  constructor(readonly text: string) {}
}

function rawSegment(value: unknown): string {
  if (value instanceof RawSegment) return value.text;
  return encodeURIComponent(String(value));
}

export function queryString(query: Record<string, unknown>): string {
  const pairs = Object.keys(query)
    .filter((name) => query[name] !== undefined)
    .map((name) => `${encodeURIComponent(name)}=${encodeURIComponent(String(query[name]))}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/** A well-formed request for a route: JSON body when the contract has one. */
export function wireRequest(key: RouteKey, parts: RequestParts, user?: string): WireRequest {
  const { method } = splitRouteKey(key);
  const hasBody = specOf(key).body !== undefined;
  return {
    method,
    path: pathOf(key, parts.params, parts.query),
    ...(user ? { user } : {}),
    ...(hasBody ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(parts.body) } : {}),
  };
}

export function sender(herald: Herald) {
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (user: string) => {
    if (!tokens.has(user)) tokens.set(user, herald.runtime.auth.issueToken(user));
    return tokens.get(user) as Promise<string>;
  };
  const { hostname, port } = new URL(herald.url);

  return async function send(request: WireRequest): Promise<WireResponse> {
    const headers: Record<string, string> = { ...request.headers };
    if (request.user) headers.authorization = `Bearer ${await tokenOf(request.user)}`;
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    if (body) headers['content-length'] = String(body.length);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: hostname, port, method: request.method, path: request.path, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, text, json: parseJson(text) });
          });
          res.on('error', reject);
        },
      );
      // The server may answer 413 and close before reading a large body; that answer is what counts.
      req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? undefined : reject(error)));
      req.end(body);
    });
  };
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A short line for assertion messages: what was sent and what came back. */
export function describeExchange(request: WireRequest, response: WireResponse): string {
  const body = request.body === undefined ? '' : ` body=${String(request.body).slice(0, 300)}`;
  return `${request.method} ${request.path.slice(0, 200)} as ${request.user ?? 'anonymous'}${body} -> ${response.status} ${response.text.slice(0, 300)}`;
}
