import * as z from 'zod';
import { NotFoundError, RateLimitedError } from '../domain/errors.js';
import type { Logger } from '../ports/logger.js';
import { errorFields } from '../ports/logger.js';
import { checkFetchMetadata, checkToken, FormCheckError, grantCsrf, tokenIssuedAtMs } from './csrf.js';
import { MalformedBodyError, statusOf } from './errors.js';
import { readForm } from './form-body.js';
import type { HttpEvent, HttpResult, Route } from './http-api.js';
import {
  firstLanguageKey,
  LANGUAGE_PARAM,
  type PageKey,
  type PageSpec,
  pageContract,
  type pages,
} from './page-contract.js';
import { htmlPage, retryAfter } from './page-response.js';

/** What every page needs from the function's context. */
export interface PageSite {
  /** The registry's languages; the first one's pages have no prefix. */
  languages: readonly string[];
  /** Origins whose posts are this site's own: the public site's (the pages are served under it). */
  trustedOrigins: readonly string[];
  /** The key that signs the forms' anti-forgery tokens. */
  csrfKey(): Promise<Buffer>;
  nowMs(): number;
  log: Logger;
  /** A whole HTML page saying what went wrong, in the reader's language. */
  problemPage(problem: PageProblem): string;
}

export interface PageProblem {
  status: number;
  language: string;
  /** The page the request was for: a form to reload. */
  retryPath: string;
}

type Part<S, K extends 'params' | 'query' | 'form'> =
  S extends Record<K, infer T extends z.ZodType> ? z.infer<T> : undefined;

export interface PageInput<S> {
  params: Part<S, 'params'>;
  query: Part<S, 'query'>;
  form: Part<S, 'form'>;
  /** From the path: no prefix is the first registry language. */
  language: string;
  /** For the hidden field of the page's forms. */
  csrfToken: string;
  /** A post: when its form was served, from its signed anti-forgery token (the bot check's fill time). */
  formServedAtMs?: number | undefined;
  event: HttpEvent;
}

/** One handler per page, written once for every language. */
export type PageHandlers = {
  [K in keyof typeof pages]: (input: PageInput<(typeof pages)[K]>) => Promise<HttpResult>;
};

/**
 * The public pages as routes of a function, in every language: the language from the path, the
 * path parameters (a malformed one is a link that does not work: 404), on a post the forgery
 * checks and then the form (unknown fields: 400), and every failure as a page in the reader's
 * language with the status its error class has (`statusOf`). A 500 is a bug and is logged.
 */
export function servePages(site: () => Promise<PageSite>, handlers: PageHandlers): Record<PageKey, Route> {
  const routes = {} as Record<PageKey, Route>;
  for (const key of Object.keys(pageContract) as PageKey[]) {
    const spec = pageContract[key];
    const handle = handlers[firstLanguageKey(key)] as (input: PageInput<PageSpec>) => Promise<HttpResult>;
    routes[key] = { spec, run: async (event) => servePage(await site(), spec, handle, event) };
  }
  return routes;
}

async function servePage(
  site: PageSite,
  spec: PageSpec,
  handle: (input: PageInput<PageSpec>) => Promise<HttpResult>,
  event: HttpEvent,
): Promise<HttpResult> {
  const { [LANGUAGE_PARAM]: prefix, ...pathParameters } = event.pathParameters ?? {};
  const known = prefix === undefined || site.languages.slice(1).includes(prefix);
  // An unknown prefix is answered in the first language, not labelled as a language it is not.
  const language = known && prefix !== undefined ? prefix : (site.languages[0] as string);
  try {
    if (!known) throw new NotFoundError('no pages in this language');
    const params = spec.params ? linkPart(spec.params, pathParameters) : undefined;
    const query = spec.query ? spec.query.parse(event.queryStringParameters ?? {}) : undefined;
    const key = await site.csrfKey();
    let form: unknown;
    let formServedAtMs: number | undefined;
    if (event.requestContext.http.method === 'POST') {
      checkFetchMetadata(event, site.trustedOrigins);
      const posted = readForm(event);
      checkToken(key, event, posted.csrf, site.nowMs());
      formServedAtMs = posted.csrf ? tokenIssuedAtMs(posted.csrf) : undefined;
      form = formPart(spec.form ?? z.strictObject({}), posted.fields);
    }
    const grant = grantCsrf(key, event, site.nowMs());
    const result = await handle({
      params,
      query,
      form,
      language,
      csrfToken: grant.token,
      formServedAtMs,
      event,
    } as PageInput<PageSpec>);
    return grant.setCookie ? { ...result, cookies: [...(result.cookies ?? []), grant.setCookie] } : result;
  } catch (error) {
    return problem(site, event, language, error);
  }
}

function linkPart(schema: z.ZodObject, values: Record<string, string | undefined>): unknown {
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new NotFoundError('the link is not one Herald made');
  return parsed.data;
}

function formPart(schema: z.ZodObject, fields: Record<string, string | string[]>): unknown {
  const parsed = schema.safeParse(fields);
  if (!parsed.success) throw new MalformedBodyError('the form has fields this page does not take');
  return parsed.data;
}

function problem(site: PageSite, event: HttpEvent, language: string, error: unknown): HttpResult {
  const status = statusOf(error) ?? 500;
  const routeKey = event.routeKey;
  if (status >= 500) site.log.error('unhandled error in a public page', { routeKey, ...errorFields(error) });
  else if (error instanceof FormCheckError)
    site.log.warn('form post refused', { routeKey, reason: error.message });
  const retryPath = /^\/(?!\/)/.test(event.rawPath) ? event.rawPath : '/';
  const page = htmlPage(status, site.problemPage({ status, language, retryPath }));
  return error instanceof RateLimitedError ? retryAfter(page, error.retryAfterSeconds) : page;
}
