import { timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { NotFoundError, UnauthenticatedError } from '../domain/errors.js';
import type { StaffSession } from '../domain/staff-session.js';
import type { Logger } from '../ports/logger.js';
import { errorFields } from '../ports/logger.js';
import { MAX_CONSOLE_FORM_BYTES } from './body.js';
import { type ConsoleKey, type ConsoleSpec, consoleContract, splitFactFields } from './console-contract.js';
import { checkFetchMetadata, FormCheckError } from './csrf.js';
import { MalformedBodyError, statusOf } from './errors.js';
import { readForm } from './form-body.js';
import type { HttpEvent, HttpResult, Route } from './http-api.js';

/** What the console's routes need from the function's context. */
export interface ConsoleSite {
  /** The signed-in session behind the request; `activity` false for live refreshes. */
  resume(event: HttpEvent, activity: boolean): Promise<StaffSession>;
  /** Origins whose posts are the console's own (besides the request's own host). */
  trustedOrigins: readonly string[];
  /** Origins a form may lead to: the identity provider's, for signing out there too. */
  formTargets: readonly string[];
  log: Logger;
  /** A whole page saying what went wrong, with a way on. */
  problemPage(problem: ConsoleProblem): string;
}

export interface ConsoleProblem {
  status: number;
  /** The error's own sentence when it is a 4xx (messages of 4xx errors are written for people). */
  message: string;
  session?: StaffSession;
}

type Part<S, K extends 'params' | 'query' | 'form'> =
  S extends Record<K, infer T extends z.ZodType> ? z.infer<T> : undefined;

export interface ConsoleInput<S> {
  params: Part<S, 'params'>;
  query: Part<S, 'query'>;
  form: Part<S, 'form'>;
  /** The `fact.*` fields of a filing or follow-up form, by field name. */
  facts: Record<string, string>;
  session: S extends { auth: 'session' } ? StaffSession : undefined;
  event: HttpEvent;
}

export type ConsoleHandlers = {
  [K in ConsoleKey]: (input: ConsoleInput<(typeof consoleContract)[K]>) => Promise<HttpResult>;
};

/** Live refreshes and the warning's own question do not count as someone using the console. */
const PASSIVE: readonly ConsoleKey[] = ['GET /console/broadcasts/{id}/board', 'GET /console/session/status'];

/**
 * The console's headers. Its one script (the live board and the inactivity warning) is served
 * from the console itself, so `script-src 'self'` with no inline script; `connect-src 'self'`
 * for the refresh. Forms post to the console, and sign-out may continue at the provider.
 * The pages carry staff data: never stored by a cache, never framed, no referrer beyond the origin.
 */
export function consoleHeaders(formTargets: readonly string[]): Record<string, string> {
  const forms = ["'self'", ...formTargets].join(' ');
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; connect-src 'self'; form-action ${forms}; frame-ancestors 'none'; base-uri 'none'`,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    'cache-control': 'no-store',
    'strict-transport-security': 'max-age=63072000; includeSubDomains',
  };
}

/**
 * The console pages as routes of a function: the session first (a signed-out visitor is sent to
 * sign in and brought back), then the path and query, on a post the forgery checks (the browser's
 * own word on where it came from, then the session's synchronizer token) and the form (unknown
 * fields: 400), and every failure as a page with the status its error class has.
 */
export function serveConsole(
  site: () => Promise<ConsoleSite>,
  handlers: ConsoleHandlers,
): Record<ConsoleKey, Route> {
  const routes = {} as Record<ConsoleKey, Route>;
  for (const key of Object.keys(consoleContract) as ConsoleKey[]) {
    const spec: ConsoleSpec = consoleContract[key];
    const handle = handlers[key] as (input: ConsoleInput<ConsoleSpec>) => Promise<HttpResult>;
    routes[key] = {
      spec: { auth: 'public', summary: spec.summary },
      run: async (event) => serve(await site(), key, spec, handle, event),
    };
  }
  return routes;
}

async function serve(
  site: ConsoleSite,
  key: ConsoleKey,
  spec: ConsoleSpec,
  handle: (input: ConsoleInput<ConsoleSpec>) => Promise<HttpResult>,
  event: HttpEvent,
): Promise<HttpResult> {
  const isPost = event.requestContext.http.method === 'POST';
  let session: StaffSession | undefined;
  try {
    if (isPost) checkFetchMetadata(event, site.trustedOrigins);
    if (spec.auth === 'session') {
      try {
        session = await site.resume(event, !PASSIVE.includes(key));
      } catch (error) {
        if (error instanceof UnauthenticatedError && !isPost && !PASSIVE.includes(key))
          return signInFirst(site, event, error);
        throw error;
      }
    }
    const params = spec.params ? linkPart(spec.params, event.pathParameters ?? {}) : undefined;
    const query = spec.query ? spec.query.parse(event.queryStringParameters ?? {}) : undefined;
    let form: unknown;
    let facts: Record<string, string> = {};
    if (isPost) {
      const posted = readForm(event, MAX_CONSOLE_FORM_BYTES);
      if (session) checkSessionToken(session, posted.csrf);
      const split = spec.facts ? splitFactFields(posted.fields) : { facts: {}, rest: posted.fields };
      facts = split.facts;
      form = formPart(spec.form ?? z.strictObject({}), split.rest);
    }
    const result = await handle({ params, query, form, facts, session, event } as ConsoleInput<ConsoleSpec>);
    return { ...result, headers: { ...consoleHeaders(site.formTargets), ...result.headers } };
  } catch (error) {
    return problem(site, event, error, session);
  }
}

function checkSessionToken(session: StaffSession, submitted: string | undefined): void {
  if (!submitted) throw new FormCheckError('the form has no anti-forgery token');
  const given = Buffer.from(submitted);
  const expected = Buffer.from(session.csrfToken);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new FormCheckError('the form does not belong to this session');
}

function signInFirst(site: ConsoleSite, event: HttpEvent, error: UnauthenticatedError): HttpResult {
  const returnTo = `${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;
  const reason = 'reason' in error && typeof error.reason === 'string' ? error.reason : 'signed-out';
  site.log.info('console sign-in needed', { routeKey: event.routeKey, reason });
  return {
    statusCode: 303,
    headers: {
      ...consoleHeaders(site.formTargets),
      location: `/console/sign-in?returnTo=${encodeURIComponent(returnTo)}&reason=${reason}`,
    },
    body: '',
  };
}

function linkPart(schema: z.ZodObject, values: Record<string, string | undefined>): unknown {
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new NotFoundError('there is no such page in the console');
  return parsed.data;
}

function formPart(schema: z.ZodObject, fields: Record<string, string | string[]>): unknown {
  const parsed = schema.safeParse(fields);
  if (!parsed.success) throw new MalformedBodyError('the form has fields this page does not take');
  return parsed.data;
}

function problem(site: ConsoleSite, event: HttpEvent, error: unknown, session?: StaffSession): HttpResult {
  const status = statusOf(error) ?? 500;
  if (status >= 500)
    site.log.error('unhandled error in a console page', { routeKey: event.routeKey, ...errorFields(error) });
  else if (error instanceof FormCheckError)
    site.log.warn('console form post refused', { routeKey: event.routeKey, reason: error.message });
  const message =
    status >= 500
      ? 'Something went wrong on our side and nothing was changed. Try again; if it happens again, tell the on-call engineer.'
      : error instanceof FormCheckError
        ? 'This form could not be accepted because it was not sent from this console page. Nothing was changed. Go back, reload the page and try again.'
        : (error as Error).message;
  return {
    statusCode: status,
    headers: consoleHeaders(site.formTargets),
    body: site.problemPage({ status, message, ...(session ? { session } : {}) }),
  };
}
