import { createHash } from 'node:crypto';

/**
 * `sha256:` + the hex SHA-256 of the value's canonical JSON: object keys sorted (recursively),
 * arrays in order, properties whose value is undefined dropped. The same content therefore has the
 * same hash whatever order its keys were built in, and any changed character changes it. Text is
 * hashed exactly as sent (no Unicode normalization): what the approver saw is what goes out.
 */
export function contentHash(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex')}`;
}

/**
 * JSON with sorted keys. Only JSON data is accepted (plus objects with `toJSON`, such as Date):
 * a Map, a function or a NaN would otherwise vanish or change silently and two different contents
 * could share a hash.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot hash the number ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  if (typeof value === 'object') {
    const withJson = value as { toJSON?: () => unknown };
    if (typeof withJson.toJSON === 'function') return canonicalJson(withJson.toJSON());
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new TypeError(`cannot hash a ${prototype?.constructor?.name ?? 'non-plain'} object`);
    }
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`cannot hash a ${typeof value}`);
}
