import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { PayloadTooLargeError } from '../domain/errors.js';
import { MalformedBodyError, UnsupportedMediaTypeError } from './errors.js';

/** Request bodies are small (staff JSON, public forms); anything larger is refused before parsing. */
export const MAX_BODY_BYTES = 32 * 1024;

/**
 * The console's form posts carry a whole template in every language at once: two languages at
 * TemplateContent's maxima are 47,800 characters, and URL-encoded a French accent takes 6 bytes and
 * other non-ASCII characters 9, so a valid editor form can pass 32 KiB many times over (about
 * 430 KB at worst). 512 KiB keeps that within reach and still far under Lambda's 6 MB payload.
 */
export const MAX_CONSOLE_FORM_BYTES = 512 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const NOT_UTF8 = 'the body is not valid UTF-8';

/**
 * The body as text, once its size and media type are checked: `type` is the media type expected
 * (`application/json`), and `expected` says in words how to send it. API Gateway base64-encodes
 * some bodies (HTTP APIs do so for form posts), so both encodings are read.
 */
export function bodyText(
  event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded' | 'headers'>,
  type: string,
  expected: string,
  maxBytes = MAX_BODY_BYTES,
): string {
  const bytes = event.body
    ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8')
    : Buffer.alloc(0);
  if (bytes.length > maxBytes) throw new PayloadTooLargeError(`the body is over ${maxBytes} bytes`);
  const sent = (event.headers?.['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (sent !== type) throw new UnsupportedMediaTypeError(expected);
  let raw: string;
  try {
    raw = event.isBase64Encoded ? utf8.decode(bytes) : (event.body ?? '');
  } catch {
    throw new MalformedBodyError(NOT_UTF8);
  }
  // A text body reaches us already decoded, and a decoder puts U+FFFD where bytes were not UTF-8
  // (the local server does, and so may API Gateway): refused rather than published as '�'.
  if (raw.includes('\uFFFD')) throw new MalformedBodyError(NOT_UTF8);
  return raw;
}
