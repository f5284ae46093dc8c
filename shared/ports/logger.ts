/**
 * One structured JSON line per event, to stdout (CloudWatch on AWS). Never pass personal data
 * (phone numbers, e-mail addresses) or credentials in `fields`: the logger masks what looks like
 * them as a last line of defence (`redact` in shared/runtime/logger.ts), not as permission to log
 * them.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Turns an unknown error into loggable fields without its stack leaking into responses. It lives
 * with the port, not the logger, because every layer that catches an error logs it in this one
 * shape (`error`, `errorName`, `stack`), and the HTTP error mapping must not depend on the runtime.
 */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.message, errorName: error.name, stack: error.stack };
  return { error: String(error) };
}
