import { errorFields, type Logger } from '../ports/logger.js';

export type LogLine = { level: 'info' | 'warn' | 'error'; message: string; time: string } & Record<
  string,
  unknown
>;

/**
 * The `Logger` port as one JSON line per event, to stdout by default (CloudWatch on AWS), with
 * what looks like a secret or an address masked.
 */
export function createLogger(
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  base: Record<string, unknown> = {},
): Logger {
  const safeBase = redactFields(base, 0);
  const emit = (level: LogLine['level'], message: string, fields?: Record<string, unknown>) => {
    const time = new Date().toISOString();
    // Every delivery logs, so the usual line (flat fields, short plain strings) costs one cheap
    // look at its strings; only a line that may hold something to mask is built from masked ones.
    if (needsNoMasking(message, fields)) {
      write(JSON.stringify({ level, message, time, ...safeBase, ...fields }));
      return;
    }
    const safe = fields && redactFields(fields, 0);
    write(JSON.stringify({ level, message: redact(message), time, ...safeBase, ...safe }));
  };
  return {
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

export const REDACTED = '[redacted]';

/** Fields whose value is a secret or an address, whatever it looks like. */
const SECRET_FIELDS = new Set([
  'authorization',
  'Authorization',
  'cookie',
  'token',
  'manageToken',
  'code',
  'password',
  'secret',
  'address',
  'phone',
  'phoneNumber',
  'PhoneNumber',
  'email',
  'Endpoint',
]);

/**
 * What looks like a bearer value or an address, each with the prefix it keeps. Separate
 * expressions, because one expression with all of them as alternatives scans several times
 * slower than these, which each start from a literal or a digit.
 */
const MASKS: { pattern: RegExp; mask: string }[] = [
  // A management token in its URL path: the path stays readable, the token becomes `{token}`.
  { pattern: /(\/subscriptions\/manage\/)(?!\{token\})[^/?#\s"]+/g, mask: '$1{token}' },
  { pattern: /(\b[Bb]earer\s+)[^\s",;]+/g, mask: `$1${REDACTED}` },
  // A JWT: its header always starts with `{"`, which is `eyJ` in base64url.
  { pattern: /eyJ[\w-]+\.[\w-]+\.[\w-]*/g, mask: REDACTED },
  // A secret in a query string: the `Token=` of an SNS confirmation link, `code=`, a signature.
  { pattern: /([?&](?:token|code|signature|access_token|id_token)=)[^&#\s"]+/gi, mask: `$1${REDACTED}` },
  // A secret inside a JSON text, such as a logged body `{"code":"123456"}`.
  {
    pattern: /("(?:code|token|manageToken|authorization|address|phone|email)"\s*:\s*")[^"]*/g,
    mask: `$1${REDACTED}`,
  },
  // An e-mail address; the domain must end in letters, so `zod@4.6.7` is left alone.
  { pattern: /[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b/g, mask: REDACTED },
  // `+` and 8 to 15 digits (E.164, separators allowed).
  { pattern: /\+[1-9](?:[ ().-]?\d){7,14}\b/g, mask: REDACTED },
  // A North American number (area code 2-9), with or without separators, never part of a longer
  // run of digits: an X post id has 19, epoch milliseconds 13, and epoch seconds start with 1.
  { pattern: /(?:\b1[ .-]?)?(?:\(\b[2-9]\d{2}\)|\b[2-9]\d{2})[ .-]?\d{3}[ .-]?\d{4}\b/g, mask: REDACTED },
];

/** A text with every bearer value, e-mail address and phone number in it masked. */
export function redact(text: string): string {
  let out = text;
  for (const { pattern, mask } of MASKS) out = out.replace(pattern, mask);
  return out;
}

/**
 * Whether a line needs no masking: no secret field name, no nested value (Errors, whose message
 * JSON would drop, and objects are walked), and no string that may hold what `redact` masks.
 * Nothing but a phone number can match without one of these characters or words, and a
 * character class or a literal is found far faster than the patterns themselves.
 */
function needsNoMasking(message: string, fields: Record<string, unknown> | undefined): boolean {
  let text = message;
  for (const key in fields) {
    if (SECRET_FIELDS.has(key)) return false;
    const value = fields[key];
    if (typeof value === 'string') text += `\n${value}`;
    else if (typeof value === 'object' && value !== null) return false;
  }
  return !(
    TRIGGER_CHARACTERS.test(text) ||
    MANAGE_TOKEN.test(text) ||
    BEARER.test(text) ||
    JWT.test(text) ||
    NORTH_AMERICAN_NUMBER.test(text)
  );
}

const TRIGGER_CHARACTERS = /[@+="]/;
const MANAGE_TOKEN = /\/manage\/(?!\{token\})/;
const BEARER = /[Bb]earer/;
const JWT = /eyJ/;
const NORTH_AMERICAN_NUMBER = new RegExp((MASKS.at(-1) as { pattern: RegExp }).pattern.source);

/** The deepest nesting the logger looks into; nobody logs deeper, and a cycle must not hang it. */
const MAX_DEPTH = 4;

/** The same object when nothing needed masking, else a masked copy. */
function redactFields(fields: Record<string, unknown>, depth: number): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key in fields) {
    const value = fields[key];
    const safe = SECRET_FIELDS.has(key) && value != null ? REDACTED : redactValue(value, depth);
    if (safe !== value) {
      copy ??= { ...fields };
      copy[key] = safe;
    }
  }
  return copy ?? fields;
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  // An Error's message and stack are not enumerable: JSON would print `{}` and lose them.
  if (value instanceof Error) return redactFields(errorFields(value), depth + 1);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const safe = redactValue(item, depth + 1);
      if (safe !== item) {
        copy ??= [...value];
        copy[i] = safe;
      }
    });
    return copy ?? value;
  }
  return redactFields(value as Record<string, unknown>, depth + 1);
}
