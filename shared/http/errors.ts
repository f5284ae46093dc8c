import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import {
  CodeBudgetExhaustedError,
  ConflictError,
  DomainError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  UnauthenticatedError,
  UnavailableError,
  ValidationError,
} from '../domain/errors.js';
import { errorFields, type Logger } from '../ports/logger.js';
import { json } from './response.js';

/** The body is not JSON, or not sent as JSON. */
export class MalformedBodyError extends DomainError {}
export class UnsupportedMediaTypeError extends DomainError {}

/** HTTP status by error class; the one place where errors become statuses. */
const STATUS_BY_CLASS: [new (...args: never[]) => Error, number][] = [
  [MalformedBodyError, 400],
  [UnauthenticatedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [GoneError, 410],
  [PayloadTooLargeError, 413],
  [UnsupportedMediaTypeError, 415],
  [ValidationError, 422],
  [RateLimitedError, 429],
  [UnavailableError, 503],
];

/** The status of an error the domain or the HTTP layer names; undefined for anything else (a bug). */
export function statusOf(error: unknown): number | undefined {
  if (error instanceof z.ZodError) return 422;
  return STATUS_BY_CLASS.find(([type]) => error instanceof type)?.[1];
}

/**
 * Maps an error to its response. 4xx bodies say what was wrong (with field paths); anything else
 * is a bug: a generic 500 for the caller and a full log line for us.
 */
export function errorResponse(
  error: unknown,
  log: Logger,
  requestId?: string,
): APIGatewayProxyStructuredResultV2 {
  if (error instanceof z.ZodError) {
    return json(422, {
      message: 'the request is invalid',
      issues: error.issues.flatMap((issue) => reported(issue, [])),
    });
  }
  const status = statusOf(error);
  if (status !== undefined && error instanceof Error) {
    const body: Record<string, unknown> = { message: error.message };
    if (error instanceof ValidationError && error.issues.length > 0) body.issues = error.issues;
    const limited = error instanceof RateLimitedError || error instanceof CodeBudgetExhaustedError;
    if (limited && error.rule) body.rule = error.rule;
    const response = json(status, body);
    if (limited) response.headers = { ...response.headers, 'retry-after': String(error.retryAfterSeconds) };
    return response;
  }
  log.error('unhandled error in HTTP handler', { requestId, ...errorFields(error) });
  return json(500, { message: 'Internal Server Error', requestId });
}

/**
 * zod wraps a failed union in one `invalid_union` ("Invalid input") around each option's issues.
 * When only one option got past its type check (a fact given as an object is meant as the
 * per-language record, not the plain string), that option's issues say what is wrong and where,
 * so they are reported instead, at their own paths.
 */
function reported(
  issue: z.core.$ZodIssue,
  prefix: PropertyKey[],
): { path: (string | number)[]; message: string }[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const matching = issue.errors.filter((option) => !option.some(isRootTypeMismatch));
    if (matching.length === 1) return (matching[0] ?? []).flatMap((inner) => reported(inner, path));
  }
  return [{ path: path.map(pathPart), message: messageOf(issue) }];
}

const isRootTypeMismatch = (issue: z.core.$ZodIssue) =>
  issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value');

/** zod reports a bad record key as `invalid_key` around the key's own issue; show the inner message. */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key' && issue.issues[0]) return issue.issues[0].message;
  return issue.message;
}

function pathPart(part: PropertyKey): string | number {
  return typeof part === 'symbol' ? part.toString() : part;
}
