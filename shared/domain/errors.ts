/**
 * The domain's error vocabulary. Each class maps to one HTTP status in `shared/http/errors.ts`,
 * by class and never by message text. Messages of 4xx errors are shown to callers, so they must
 * say what was wrong without leaking personal data.
 */

export interface IssueDetail {
  /** Path of the offending field, e.g. `['facts', 'location']`. */
  path: (string | number)[];
  message: string;
}

/** What went wrong, from anything thrown (a non-Error value is turned into text). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export abstract class DomainError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Input is well-formed but breaks a rule (a missing fact, SMS over its part budget, no area). */
export class ValidationError extends DomainError {
  readonly issues: IssueDetail[];
  constructor(message: string, issues: IssueDetail[] = []) {
    super(message);
    this.issues = issues;
  }
}

/** Too many requests from one client or for one address; try again later. */
export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    /** Which limit refused it (`per-client`, `destination-prefix`...), named in the answer. */
    readonly rule?: string,
  ) {
    super(message);
  }
}

/** A provider we depend on cannot take the request now (SNS down while sending a code); try again. */
export class UnavailableError extends DomainError {}

/**
 * The sign-up code budget is used up: code SMS are stopped (the breaker is open) until its window
 * ends, so the account's SMS spend stays with the alerts (D34). A 503 with `retry-after`.
 */
export class CodeBudgetExhaustedError extends UnavailableError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    readonly rule: 'code-budget-hour' | 'code-budget-day',
  ) {
    super(message);
  }
}

/** The thing asked for existed but is no longer usable (an expired confirmation code). */
export class GoneError extends DomainError {}

/** No or invalid credentials. */
export class UnauthenticatedError extends DomainError {}

/** Authenticated, but not allowed to do this (wrong role, author approving their own broadcast). */
export class ForbiddenError extends DomainError {}

export class NotFoundError extends DomainError {}

/** The state or version changed under the caller (stale content hash, already approved). */
export class ConflictError extends DomainError {}

/** A transition the state machine does not allow from the current state. */
export class InvalidTransitionError extends ConflictError {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(transitionMessage(from, to));
  }
}

/** What approving and rejecting need; the dispatch statuses come only after an approval. */
const FROM_PENDING: Record<string, string> = { APPROVED: 'approved', REJECTED: 'rejected' };
const AFTER_APPROVAL = new Set(['APPROVED', 'DISPATCHING', 'DELIVERED', 'PARTIALLY_DELIVERED', 'FAILED']);

/** Says what the caller asked against where the item stands, in words a duty officer reads. */
function transitionMessage(from: string, to: string): string {
  const done = FROM_PENDING[to];
  if (!done) return `cannot go from ${from} to ${to}`;
  if (from === to) return `this broadcast is already ${done}; nothing to do`;
  if (to === 'APPROVED' && AFTER_APPROVAL.has(from)) {
    return `this broadcast is already approved (it is ${from}); nothing to do`;
  }
  return `only a broadcast pending approval can be ${done}; this one is ${from}`;
}

/** A body larger than the route accepts. */
export class PayloadTooLargeError extends DomainError {}

/**
 * A channel provider failed. `retryable` tells the worker whether to try again later;
 * `ambiguous` means the request may have been accepted (timeout after it left), so the outcome
 * must be looked up before any retry.
 */
export class ChannelError extends DomainError {
  readonly retryable: boolean;
  readonly ambiguous: boolean;
  /** When the provider told us to come back (rate limit reset), epoch milliseconds. */
  readonly retryAt: number | undefined;
  constructor(
    message: string,
    options: { retryable: boolean; ambiguous?: boolean; retryAt?: number; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.retryable = options.retryable;
    this.ambiguous = options.ambiguous ?? false;
    this.retryAt = options.retryAt;
  }
}

/**
 * The provider refused the text as a duplicate of an earlier post of the same account (X's 403
 * duplicate-content rule): the post is already there, so the worker looks it up instead of failing.
 */
export class DuplicateContentError extends ChannelError {
  constructor(message = 'the provider refused duplicate content', options: { cause?: unknown } = {}) {
    super(message, { retryable: false, cause: options.cause });
  }
}
