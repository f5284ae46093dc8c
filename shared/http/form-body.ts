import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { bodyText, MAX_BODY_BYTES } from './body.js';
import { CSRF_FIELD } from './csrf.js';
import { MalformedBodyError } from './errors.js';

export interface PostedForm {
  /** The anti-forgery token, when sent exactly once. */
  csrf: string | undefined;
  /** Every other field: its value, or its values when the name came more than once (checkboxes). */
  fields: Record<string, string | string[]>;
}

/**
 * A form post as a browser sends it (application/x-www-form-urlencoded, UTF-8), read with
 * URLSearchParams. The fields are built with `Object.fromEntries`, which keeps a `__proto__` name
 * as an own key, so a form's strict schema refuses it like any unknown field.
 */
export function readForm(
  event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded' | 'headers'>,
  maxBytes = MAX_BODY_BYTES,
): PostedForm {
  const raw = bodyText(
    event,
    'application/x-www-form-urlencoded',
    'send the form as a browser does',
    maxBytes,
  );
  const params = new URLSearchParams(raw);
  const values = new Map<string, string[]>();
  for (const [name, value] of params) {
    // A percent-escape of bytes that are not UTF-8 decodes to U+FFFD; no browser sends one.
    if (name.includes('\uFFFD') || value.includes('\uFFFD'))
      throw new MalformedBodyError('the form is not valid UTF-8');
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  const csrf = values.get(CSRF_FIELD);
  values.delete(CSRF_FIELD);
  return {
    csrf: csrf?.length === 1 ? csrf[0] : undefined,
    fields: Object.fromEntries(
      [...values].map(([name, all]) => [name, all.length === 1 ? (all[0] as string) : all]),
    ),
  };
}
