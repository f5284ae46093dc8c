import { randomUUID } from 'node:crypto';

/**
 * The awsQuery wire format as the SNS client speaks it: form-encoded parameters with numbered
 * members (`MessageAttributes.entry.1.Name`), XML replies in the SNS namespace, and
 * `<ErrorResponse>` errors whose code the SDK turns into its exception classes.
 */

export const SNS_XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

/** An SNS error as the SDK decodes it: `code` picks the exception class, `status` must match it. */
export class SnsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
  }
}

export const invalidParameter = (message: string) =>
  new SnsError('InvalidParameter', `Invalid parameter: ${message}`);

export type Params = Map<string, string>;

export function parseForm(body: string): Params {
  return new Map(new URLSearchParams(body));
}

export function required(params: Params, name: string): string {
  const value = params.get(name);
  if (value === undefined || value === '') throw invalidParameter(`${name} is required`);
  return value;
}

/** Numbered members under `prefix` (`prefix.1.x`, `prefix.2.x`, ...) as parameter maps of their own. */
export function members(params: Params, prefix: string): Params[] {
  const byIndex = new Map<number, Params>();
  for (const [key, value] of params) {
    if (!key.startsWith(`${prefix}.`)) continue;
    const rest = key.slice(prefix.length + 1);
    const dot = rest.indexOf('.');
    const index = Number(dot === -1 ? rest : rest.slice(0, dot));
    if (!Number.isInteger(index)) continue;
    const member = byIndex.get(index) ?? new Map<string, string>();
    member.set(dot === -1 ? '' : rest.slice(dot + 1), value);
    byIndex.set(index, member);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, member]) => member);
}

/** A `key`/`value` map such as `Attributes.entry.N.key` (the case of the names varies by action). */
export function entryMap(
  params: Params,
  prefix: string,
  keyName = 'key',
  valueName = 'value',
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of members(params, prefix)) {
    const key = entry.get(keyName);
    if (key !== undefined) out[key] = entry.get(valueName) ?? '';
  }
  return out;
}

export interface MessageAttribute {
  dataType: string;
  value: string;
}

/** `MessageAttributes.entry.N.Name` / `.Value.DataType` / `.Value.StringValue|BinaryValue`, validated like SNS. */
export function messageAttributes(
  params: Params,
  prefix = 'MessageAttributes.entry',
): Record<string, MessageAttribute> {
  const out: Record<string, MessageAttribute> = {};
  for (const entry of members(params, prefix)) {
    const name = entry.get('Name') ?? '';
    const dataType = entry.get('Value.DataType') ?? '';
    const value = entry.get('Value.StringValue') ?? entry.get('Value.BinaryValue') ?? '';
    if (name === '' || name.length > 256) throw invalidParameter('message attribute name');
    if (!/^(String|Number|Binary|String\.Array)(\..+)?$/.test(dataType)) {
      throw invalidParameter(`message attribute ${name} has an invalid type`);
    }
    if (value === '') throw invalidParameter(`message attribute ${name} must have a non-empty value`);
    if (dataType.startsWith('Number') && !Number.isFinite(Number(value))) {
      throw invalidParameter(`message attribute ${name} is not a number`);
    }
    out[name] = { dataType, value };
  }
  return out;
}

export function escapeXml(value: string): string {
  return value.replace(
    /[<>&'"]/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[c]};`,
  );
}

/** `<Name>value</Name>`, escaped; the value may be nested XML when `raw` is true. */
export function el(name: string, value: string | number | boolean, raw = false): string {
  const text = String(value);
  return `<${name}>${raw ? text : escapeXml(text)}</${name}>`;
}

export function list(name: string, items: string[]): string {
  return el(name, items.map((item) => el('member', item, true)).join(''), true);
}

export function successXml(action: string, requestId: string, result?: string): string {
  const body = result === undefined ? '' : el(`${action}Result`, result, true);
  const metadata = el('ResponseMetadata', el('RequestId', requestId), true);
  return `<?xml version="1.0"?>\n<${action}Response xmlns="${SNS_XMLNS}">${body}${metadata}</${action}Response>`;
}

export function errorXml(error: SnsError, requestId: string): string {
  const inner = el('Type', error.type) + el('Code', error.code) + el('Message', error.message);
  return `<?xml version="1.0"?>\n<ErrorResponse xmlns="${SNS_XMLNS}">${el('Error', inner, true)}${el('RequestId', requestId)}</ErrorResponse>`;
}

export const newRequestId = () => randomUUID();

/** Pages of 100, as SNS lists topics and subscriptions; the token is the next start index. */
export function page<T>(items: T[], token: string | undefined, size = 100): { items: T[]; next?: string } {
  const start = token ? Number(token) : 0;
  if (!Number.isInteger(start) || start < 0) throw invalidParameter('NextToken');
  const slice = items.slice(start, start + size);
  return start + size < items.length ? { items: slice, next: String(start + size) } : { items: slice };
}
