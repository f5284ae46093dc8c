import {
  ApiPartialResponseError,
  ApiRequestError,
  ApiResponseError,
  type TwitterRateLimit,
} from 'twitter-api-v2';
import * as z from 'zod';
import { ChannelError, DuplicateContentError } from '../../domain/errors.js';

/** twitter-api-v2 failures turned into `ChannelError`s the worker can act on. */

/**
 * X refused the text as a duplicate of an earlier post of the account: the post most likely
 * exists already (an earlier attempt got through), so the worker looks it up with `findPosts`.
 */
export class DuplicatePostError extends DuplicateContentError {
  readonly duplicate = true;
  constructor(accountId: string) {
    super(`X refused a duplicate post from account ${accountId}; the text was posted before`);
  }
}

/** Connection failures that happen before a byte of the request left: safe to send again. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * `write` marks a POST: once it may have reached X, a lost answer makes the outcome ambiguous.
 * Causes are not attached: the library's errors carry the signed request, token included.
 */
export function xChannelError(error: unknown, accountId: string, write: boolean): ChannelError {
  if (error instanceof ApiResponseError) {
    const detail = problemDetail(error.data);
    const said = `X answered ${error.code} for account ${accountId}${detail ? `: ${detail}` : ''}`;
    // X gives no error code for duplicates, only this wording.
    if (error.code === 403 && /duplicate content/i.test(detail)) return new DuplicatePostError(accountId);
    if (error.rateLimitError)
      return new ChannelError(said, { retryable: true, retryAt: retryAtOf(error.rateLimit) });
    if (error.code === 401) {
      return new ChannelError(`X refused the credentials of account ${accountId} (revoked or invalid)`, {
        retryable: false,
      });
    }
    // A 5xx on a POST may still have created the post; a retry then meets DuplicatePostError.
    return new ChannelError(said, { retryable: error.code >= 500 });
  }
  if (error instanceof ApiRequestError) {
    const code = errnoCode(requestCause(error));
    if (code && NOT_SENT_CODES.has(code)) {
      return new ChannelError(`could not reach X for account ${accountId} (${code})`, { retryable: true });
    }
    return new ChannelError(`no answer from X for account ${accountId} (${code ?? 'timeout or reset'})`, {
      retryable: true,
      ambiguous: write,
    });
  }
  if (error instanceof ApiPartialResponseError) {
    return new ChannelError(`X's answer for account ${accountId} was cut off`, {
      retryable: true,
      ambiguous: write,
    });
  }
  return new ChannelError(`calling X for account ${accountId} failed unexpectedly`, {
    retryable: true,
    ambiguous: write,
  });
}

/** When to come back: the latest reset among the limits that ran out (window, user day, app day). */
function retryAtOf(rateLimit: TwitterRateLimit | undefined): number | undefined {
  if (!rateLimit) return undefined;
  const limits = [rateLimit, rateLimit.day, rateLimit.userDay].filter((l) => l !== undefined);
  const exhausted = limits.filter((l) => l.remaining === 0 && Number.isFinite(l.reset)).map((l) => l.reset);
  const reset = exhausted.length > 0 ? Math.max(...exhausted) : rateLimit.reset;
  return Number.isFinite(reset) ? reset * 1000 : undefined;
}

function problemDetail(data: unknown): string {
  const parsed = z.object({ detail: z.string().optional(), title: z.string().optional() }).safeParse(data);
  return parsed.success ? (parsed.data.detail ?? parsed.data.title ?? '') : '';
}

/**
 * The socket error behind a request failure. twitter-api-v2 1.29.1 stores it as `_options.error`
 * while its `requestError` getter reads `_options.requestError`, which is never set.
 */
function requestCause(error: ApiRequestError): unknown {
  return error.requestError ?? (error as unknown as { _options?: { error?: unknown } })._options?.error;
}

function errnoCode(error: unknown): string | undefined {
  const parsed = z.object({ code: z.string() }).safeParse(error);
  return parsed.success ? parsed.data.code : undefined;
}
