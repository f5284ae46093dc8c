import type { ServerResponse } from 'node:http';
import type { PostIndex } from './fake-x-index.js';
import { shortenUrls } from './fake-x-text.js';
import { sendJson } from './http-kit.js';

/** The fake X's answers: a timeline as GET /2/users/{id}/tweets gives it, and X's error bodies. */

export interface FakeXAccount {
  id: string;
  handle: string;
  name?: string;
}

/** The newest posts of `account` (the user `userId`), a page at a time, newest first. */
export function answerTimeline(
  res: ServerResponse,
  posts: PostIndex,
  account: FakeXAccount | undefined,
  userId: string,
  query: URLSearchParams,
) {
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

export function problem(
  res: ServerResponse,
  status: number,
  title: string,
  detail: string,
  headers?: Record<string, string>,
) {
  sendJson(res, status, { title, detail, type: 'about:blank', status }, headers);
}

export function invalidRequest(res: ServerResponse, message: string) {
  sendJson(res, 400, {
    errors: [{ message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  });
}
