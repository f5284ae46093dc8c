import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import * as z from 'zod';
import { PostIndex } from './fake-x-index.js';
import { DEFAULT_X_LIMITS, exhaustedHeaders, snowflakes, usageHeaders } from './fake-x-limits.js';
import { DemoCredentials, userIdFor, verifyRequest, type XCredentials } from './fake-x-oauth.js';
import { isValidPostText, shortenUrls } from './fake-x-text.js';
import { baseFaultsSchema, FaultSettings, faultsRoute } from './faults.js';
import { listen, parseJson, readBody, sendJson, sleep } from './http-kit.js';
import { InboxStore } from './inbox-store.js';

/**
 * A fake X API v2 over plain HTTP: the three endpoints the X adapter uses, OAuth 1.0a checked for
 * real, X's duplicate and reply rules, and injectable faults. Every accepted post goes to the inbox.
 */

export interface FakeXAccount {
  id: string;
  handle: string;
  name?: string;
}

export interface FakeXOptions {
  accounts: FakeXAccount[];
  /** Shared with the fake SNS; defaults to `<dataDir>/inbox.jsonl`, or memory only. */
  inbox?: InboxStore;
  /** Keeps the demo credentials (`fake-x-credentials.json`) and, without `inbox`, the inbox. */
  dataDir?: string;
  /** Where to keep the demo credentials instead of `<dataDir>/fake-x-credentials.json`. */
  credentialsFile?: string;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  now?: () => number;
}

export const xFaultsSchema = baseFaultsSchema.extend({
  /** The next `posts` posts (of `accountId`, or of any account) answer 429. */
  rateLimit: z
    .object({
      posts: z.number().int().min(1),
      accountId: z.string().optional(),
      /** Which limit ran out: the 15-minute user window, the user's 24 h or the app's 24 h. */
      scope: z.enum(['window', 'user-day', 'app-day']).default('window'),
      /** Epoch seconds; defaults to now + `resetInSeconds`. */
      resetAt: z.number().int().optional(),
      resetInSeconds: z.number().int().min(0).default(900),
    })
    .optional(),
  /** Accounts whose tokens X no longer accepts (401). */
  revoked: z.array(z.string()).default([]),
  /** Accounts X has suspended (403). */
  suspended: z.array(z.string()).default([]),
  /**
   * The limits the usage headers report (X's plan). The defaults are the published ones; a load
   * test posting thousands of times an hour models a larger plan, or every account would report
   * its 15-minute window used up and the adapter would rightly wait for its reset.
   */
  limits: z
    .strictObject({
      window: z.number().int().min(1).default(DEFAULT_X_LIMITS.window),
      userDay: z.number().int().min(1).default(DEFAULT_X_LIMITS.userDay),
      appDay: z.number().int().min(1).default(DEFAULT_X_LIMITS.appDay),
    })
    .default(DEFAULT_X_LIMITS),
});
export type XFaults = z.output<typeof xFaultsSchema>;
export type XFaultsInput = z.input<typeof xFaultsSchema>;

export interface FakeX {
  url: string;
  inbox: InboxStore;
  faults: FaultSettings<XFaults, XFaultsInput>;
  /** The demo credentials of one account, for the local secret store. */
  credentials(accountId: string): XCredentials;
  userId(accountId: string): string;
  close(): Promise<void>;
}

const postBodySchema = z.object({
  text: z.string().min(1),
  reply: z.object({ in_reply_to_tweet_id: z.string() }).optional(),
});

export async function startFakeX(options: FakeXOptions): Promise<FakeX> {
  const now = options.now ?? Date.now;
  const accounts = new Map(options.accounts.map((a) => [a.id, a]));
  const credentials = new DemoCredentials(
    options.accounts.map((a) => a.id),
    options.credentialsFile ??
      (options.dataDir ? join(options.dataDir, 'fake-x-credentials.json') : undefined),
  );
  const inbox =
    options.inbox ?? new InboxStore(options.dataDir ? { file: join(options.dataDir, 'inbox.jsonl') } : {});
  const faults = new FaultSettings(xFaultsSchema);
  const ids = snowflakes(inbox.posts(), now);
  let rateLimited: { fault: XFaults['rateLimit']; left: number } = { fault: undefined, left: 0 };

  const posts = new PostIndex(inbox);

  /** Headers of a 429 when an injected rate limit applies to this post of `accountId`. */
  function injectedRateLimit(accountId: string): Record<string, string> | undefined {
    const fault = faults.current.rateLimit;
    if (rateLimited.fault !== fault) rateLimited = { fault, left: fault?.posts ?? 0 };
    if (!fault || rateLimited.left <= 0) return undefined;
    if (fault.accountId !== undefined && fault.accountId !== accountId) return undefined;
    rateLimited.left -= 1;
    const resetS = fault.resetAt ?? Math.floor(now() / 1000) + fault.resetInSeconds;
    return exhaustedHeaders(
      usageHeaders(posts, accountId, now(), faults.current.limits),
      fault.scope,
      resetS,
      faults.current.limits,
    );
  }

  async function createPost(res: ServerResponse, accountId: string, body: string) {
    const limited = injectedRateLimit(accountId);
    if (limited) return problem(res, 429, 'Too Many Requests', 'Too Many Requests', limited);
    const parsed = postBodySchema.safeParse(parseJson(body));
    if (!parsed.success) return invalidRequest(res, 'text: a non-empty string is required');
    const { text, reply } = parsed.data;
    if (!isValidPostText(text)) return invalidRequest(res, 'text: longer than 280 weighted characters');
    const inReplyTo = reply?.in_reply_to_tweet_id;
    if (inReplyTo !== undefined && !posts.has(inReplyTo)) {
      // What X answers for a reply to a missing or deleted post.
      return problem(
        res,
        403,
        'Forbidden',
        'You attempted to reply to a Tweet that is deleted or not visible to you.',
      );
    }
    if (posts.hasText(accountId, text)) {
      return problem(res, 403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.');
    }
    const id = ids.next();
    inbox.append({ kind: 'post', id, account: accountId, text, ...(inReplyTo ? { inReplyTo } : {}) });
    if (faults.chance(faults.current.acceptThenTimeout)) return server.hang(res, faults.current.hangMs);
    const shown = shortenUrls(text).text;
    sendJson(
      res,
      201,
      { data: { id, text: shown, edit_history_tweet_ids: [id] } },
      usageHeaders(posts, accountId, now(), faults.current.limits),
    );
  }

  function timeline(res: ServerResponse, userId: string, query: URLSearchParams) {
    const account = [...accounts.values()].find((a) => userIdFor(a.id) === userId);
    if (!account) {
      // X answers 200 with an error list for an unknown user.
      return sendJson(res, 200, {
        errors: [
          { value: userId, detail: `Could not find user with id: [${userId}].`, title: 'Not Found Error' },
        ],
      });
    }
    const max = Number(query.get('max_results') ?? '10');
    if (!Number.isInteger(max) || max < 5 || max > 100) return invalidRequest(res, 'max_results: 5 to 100');
    const fields = new Set((query.get('tweet.fields') ?? '').split(','));
    const startTime = query.get('start_time');
    if (startTime !== null && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/.test(startTime))
      return invalidRequest(res, 'start_time: YYYY-MM-DDTHH:mm:ssZ');
    // The pagination token is the id of the last post of the previous page (older ones follow).
    const before = query.get('pagination_token');
    if (before !== null && !/^\d{1,20}$/.test(before)) return invalidRequest(res, 'pagination_token');
    const since = startTime === null ? undefined : Date.parse(startTime);
    // Arrival order is id order (snowflakes only grow), so the newest are the last ones.
    const matching = posts
      .postsOf(account.id)
      .filter(
        (p) =>
          (since === undefined || Date.parse(p.at) >= since) &&
          (before === null || BigInt(p.id) < BigInt(before)),
      );
    const recent = matching
      .slice(-max)
      .reverse()
      .map((p) => {
        const shown = shortenUrls(p.text);
        return {
          id: p.id,
          text: shown.text,
          edit_history_tweet_ids: [p.id],
          ...(fields.has('created_at') ? { created_at: p.at } : {}),
          ...(fields.has('entities') && shown.urls.length > 0 ? { entities: { urls: shown.urls } } : {}),
        };
      });
    const more = matching.length > max;
    const meta =
      recent.length > 0
        ? {
            result_count: recent.length,
            newest_id: recent[0]?.id,
            oldest_id: recent.at(-1)?.id,
            ...(more ? { next_token: recent.at(-1)?.id } : {}),
          }
        : { result_count: 0 };
    sendJson(res, 200, recent.length > 0 ? { data: recent, meta } : { meta });
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string) {
    if (await faultsRoute(req, res, path, faults)) return;
    if (path === '/_fake/posts') return sendJson(res, 200, inbox.posts());
    return sendJson(res, 404, { error: 'no such control route' });
  }

  const server = await listen(
    async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      if (url.pathname.startsWith('/_fake/')) return control(req, res, url.pathname);
      const body = await readBody(req);
      await sleep(faults.latencyMs());
      const isForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      const auth = verifyRequest(
        credentials,
        {
          method: req.method ?? 'GET',
          baseUri: `http://${(req.headers.host ?? '').toLowerCase()}${url.pathname}`,
          query: url.searchParams,
          ...(isForm ? { form: new URLSearchParams(body) } : {}),
        },
        req.headers.authorization,
        now(),
      );
      if (!auth.ok) return problem(res, 401, 'Unauthorized', `Unauthorized (${auth.reason})`);
      const { accountId } = auth;
      if (faults.current.revoked.includes(accountId))
        return problem(res, 401, 'Unauthorized', 'Unauthorized');
      if (faults.current.suspended.includes(accountId)) {
        return problem(
          res,
          403,
          'Forbidden',
          'Your account is suspended and is not permitted to access this feature.',
        );
      }
      if (faults.chance(faults.current.errorRate)) {
        return problem(res, 503, 'Service Unavailable', 'Service Unavailable');
      }
      const account = accounts.get(accountId);
      if (req.method === 'POST' && url.pathname === '/2/tweets') return createPost(res, accountId, body);
      if (req.method === 'GET' && url.pathname === '/2/users/me' && account) {
        return sendJson(res, 200, {
          data: { id: userIdFor(accountId), name: account.name ?? account.handle, username: account.handle },
        });
      }
      const match = /^\/2\/users\/(\d+)\/tweets$/.exec(url.pathname);
      if (req.method === 'GET' && match?.[1]) return timeline(res, match[1], url.searchParams);
      return problem(res, 404, 'Not Found Error', `no route for ${req.method} ${url.pathname} in the fake X`);
    },
    { host: options.host, port: options.port },
  );

  return {
    url: server.url,
    inbox,
    faults,
    credentials: (accountId) => credentials.forAccount(accountId),
    userId: userIdFor,
    close: () => server.close(),
  };
}

function problem(
  res: ServerResponse,
  status: number,
  title: string,
  detail: string,
  headers?: Record<string, string>,
) {
  sendJson(res, status, { title, detail, type: 'about:blank', status }, headers);
}

function invalidRequest(res: ServerResponse, message: string) {
  sendJson(res, 400, {
    errors: [{ message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  });
}
