import type { HttpResult } from '../../shared/http/http-api.js';

/** An HTML page; the console's headers are added by its routes (console-route.ts). */
export function page(statusCode: number, body: string, cookies: string[] = []): HttpResult {
  return { statusCode, headers: {}, body, ...(cookies.length > 0 ? { cookies } : {}) };
}

/** Redirect after a post (303): the browser GETs `location`, so a reload never posts again. */
export function redirect(location: string, cookies: string[] = []): HttpResult {
  return { statusCode: 303, headers: { location }, body: '', ...(cookies.length > 0 ? { cookies } : {}) };
}
