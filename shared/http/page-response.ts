import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * The headers of every HTML page Herald serves from a function. The pages load nothing but their
 * own stylesheet and run no script, so the policy forbids everything else; forms may post only to
 * Herald itself; no site may frame a page (clickjacking a form). A management token travels in
 * the path, so no page sends a referrer; pages with forms or a token are never stored by a cache.
 */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

/** An HTML page; `cookies` are Set-Cookie values (API Gateway payload 2.0 `cookies`). */
export function htmlPage(
  statusCode: number,
  body: string,
  cookies: string[] = [],
): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { ...PAGE_HEADERS }, body, ...(cookies.length > 0 ? { cookies } : {}) };
}

/** Redirect after a post: the browser GETs `location`, so a reload never posts the form again. */
export function seeOther(location: string): APIGatewayProxyStructuredResultV2 {
  const { 'content-type': _none, ...headers } = PAGE_HEADERS;
  return { statusCode: 303, headers: { ...headers, location }, body: '' };
}

/** A 429 or 503 says when to come back, as the API's answers do. */
export function retryAfter(
  result: APIGatewayProxyStructuredResultV2,
  seconds: number,
): APIGatewayProxyStructuredResultV2 {
  return { ...result, headers: { ...result.headers, 'retry-after': String(seconds) } };
}
