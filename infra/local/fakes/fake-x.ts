import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import * as z from 'zod';
import { answerTimeline, type FakeXAccount, invalidRequest, problem } from './fake-x-answers.js';
import { injectedRateLimits, type XFaults, type XFaultsInput, xFaultsSchema } from './fake-x-faults.js';
import { PostIndex } from './fake-x-index.js';
import { snowflakes, usageHeaders } from './fake-x-limits.js';
import { DemoCredentials, userIdFor, verifyRequest, type XCredentials } from './fake-x-oauth.js';
import { isValidPostText, shortenUrls } from './fake-x-text.js';
import { FaultSettings, faultsRoute } from './faults.js';
import { listen, parseJson, readBody, sendJson, sleep } from './http-kit.js';
import { InboxStore } from './inbox-store.js';

/**
 * A fake X API v2 over plain HTTP: the three endpoints the X adapter uses, OAuth 1.0a checked for
 * real, X's duplicate and reply rules, and injectable faults. Every accepted post goes to the inbox.
 */

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

  const posts = new PostIndex(inbox);
  const injectedRateLimit = injectedRateLimits(faults, posts, now);

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
      if (req.method === 'GET' && match?.[1]) {
        const userId = match[1];
        const owner = [...accounts.values()].find((a) => userIdFor(a.id) === userId);
        return answerTimeline(res, posts, owner, userId, url.searchParams);
      }
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
