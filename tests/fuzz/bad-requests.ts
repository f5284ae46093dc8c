import * as fc from 'fast-check';
import type { RouteKey } from '../../shared/http/contract.js';
import { accepts } from './arbitraries.js';
import { brokenValue, expectedForBody } from './mutations.js';
import { pathOf, RawSegment, type RequestParts, specOf, type WireRequest, wireRequest } from './requests.js';

/**
 * Requests a route must refuse, made from a valid one by breaking exactly one part: the body's
 * structure, its bytes or content type, a path parameter, or the query. Each comes with the
 * statuses it may get; every one is a 4xx.
 */
export interface BadRequest {
  what: string;
  request: WireRequest;
  expect: readonly number[];
}

export function badRequests(
  key: RouteKey,
  valid: fc.Arbitrary<RequestParts>,
  user?: string,
): fc.Arbitrary<BadRequest> {
  const spec = specOf(key);
  const kinds: fc.WeightedArbitrary<BadRequest>[] = [];
  const base = (parts: RequestParts) => wireRequest(key, parts, user);
  if (spec.body) {
    const schema = spec.body;
    // The body's structure has the most ways to go wrong, so it gets the most runs.
    kinds.push(
      {
        weight: 3,
        arbitrary: valid.chain((parts) =>
          brokenValue(schema, parts.body).map(({ what, text }) => ({
            what: `a body with ${what}`,
            request: { ...base(parts), body: text },
            expect: expectedForBody(text),
          })),
        ),
      },
      { weight: 1, arbitrary: valid.chain((parts) => badBodyBytes(base(parts))) },
    );
  }
  if (spec.params) {
    const schema = spec.params;
    kinds.push({
      weight: 1,
      arbitrary: valid.chain((parts) => {
        const params = parts.params ?? {};
        return fc.constantFrom(...Object.keys(params)).chain((name) =>
          badSegment
            .filter(
              (segment) => routeMiss(segment) || !accepts(schema, { ...params, [name]: decoded(segment) }),
            )
            .map((segment) => ({
              what: `the path parameter ${name} as '${segment.slice(0, 60)}'`,
              request: {
                ...base(parts),
                path: pathOf(key, { ...params, [name]: new RawSegment(segment) }, parts.query),
              },
              expect: routeMiss(segment) ? [404] : [422],
            })),
        );
      }),
    });
  }
  if (spec.query) {
    const schema = spec.query;
    kinds.push({
      weight: 1,
      arbitrary: valid.chain((parts) =>
        badQuery(parts.query ?? {})
          .filter(({ query }) => !accepts(schema, query))
          .map(({ what, raw }) => ({
            what,
            request: { ...base(parts), path: `${pathOf(key, parts.params)}?${raw}` },
            expect: [422],
          })),
      ),
    });
  }
  if (kinds.length === 0) throw new Error(`${key} has no body, parameters or query to break`);
  return fc.oneof(...kinds);
}

/** A segment that matches no route: empty, with a slash, or a broken percent-escape. */
const routeMiss = (segment: string) =>
  segment === '' || segment.includes('/') || decoded(segment) === undefined;

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

const badSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    'nope',
    '.',
    '..',
    '%2F',
    'a%2Fb',
    '%00',
    '%',
    '%E0%A4%A',
    '%C0%AF',
    '%FF',
    '__proto__',
    'constructor',
    'prototype',
    '%F0%9F%98%80',
    'NaN',
    '-1',
    '0',
    '1.5',
    '%20',
    'x'.repeat(3_000),
  ),
  fc.string({ maxLength: 30, unit: 'binary' }).map(encodeURIComponent),
);

/** The body of a valid request spoiled as bytes, or sent under the wrong content type. */
function badBodyBytes(request: WireRequest): fc.Arbitrary<BadRequest> {
  const json = String(request.body);
  const as = (
    what: string,
    body: string | Buffer,
    expect: number[],
    headers = request.headers,
  ): BadRequest => ({
    what,
    request: { ...request, headers: headers ?? {}, body },
    expect,
  });
  const notJson = fc
    .oneof(
      fc.nat({ max: Math.max(0, json.length - 1) }).map((cut) => json.slice(0, cut)),
      fc.constantFrom(
        '{',
        '{"a":1,}',
        "{'a':1}",
        'NaN',
        'undefined',
        '{"a":01}',
        '\uFEFF{}',
        'contentHash=x',
      ),
      fc.string({ maxLength: 40 }),
    )
    .filter((text) => text.trim() !== '' && !parses(text));
  const badUtf8 = fc
    .tuple(
      fc.nat({ max: Buffer.byteLength(json) }),
      fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80]),
    )
    .map(([at, bytes]) => {
      const text = Buffer.from(json);
      return Buffer.concat([text.subarray(0, at), Buffer.from(bytes), text.subarray(at)]);
    });
  return fc.oneof(
    notJson.map((text) => as('a body that is not JSON', text, [400])),
    fc.constantFrom('', ' ', '\n').map((text) => as('an empty body', text, [400])),
    fc
      .constantFrom('[]', 'null', '0', '"x"', 'true', `[${json}]`)
      .map((text) => as(`the JSON ${text.slice(0, 20)}`, text, [422])),
    badUtf8.map((bytes) => as('a body with bytes that are not UTF-8', bytes, [400])),
    fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json-patch+json',
        'json',
        'application/xml',
      )
      .map((type) => as(`the body as ${type}`, json, [415], { 'content-type': type })),
    fc.constant(as('the body without a content type', json, [415], {})),
  );
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The query with one parameter too many, one repeated, or one with a bad value. */
function badQuery(
  query: Record<string, unknown>,
): fc.Arbitrary<{ what: string; raw: string; query: Record<string, unknown> }> {
  const pairs = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k, String(v)] as [string, string]);
  const encode = (list: [string, string][]) =>
    list.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  // What API Gateway makes of the query: repeated names joined with commas.
  const asQuery = (list: [string, string][]) => {
    const out: Record<string, string> = {};
    for (const [k, v] of list)
      Object.defineProperty(out, k, {
        value: k in out && Object.hasOwn(out, k) ? `${out[k]},${v}` : v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  };
  const changes: fc.Arbitrary<[string, [string, string][]]>[] = [
    fc
      .tuple(
        fc.oneof(
          fc.constantFrom('sort', 'id', '__proto__', 'constructor', 'prototype'),
          fc.string({ minLength: 1, maxLength: 10 }),
        ),
        fc.string({ maxLength: 10 }),
      )
      .map(([name, value]) => [`an unknown query parameter '${name}'`, [...pairs, [name, value]]]),
  ];
  if (pairs.length > 0) {
    changes.push(
      fc.constantFrom(...pairs).chain(([name, value]) =>
        fc.oneof(
          fc.constant<[string, [string, string][]]>([
            `the query parameter ${name} twice`,
            [...pairs, [name, value]],
          ]),
          fc
            .oneof(
              fc.constantFrom('', '0', '-1', '1.5', 'ten', '1e9', 'x'.repeat(3_000), '%'),
              fc.string({ maxLength: 10 }),
            )
            .map((bad): [string, [string, string][]] => [
              `the query parameter ${name} as '${bad.slice(0, 40)}'`,
              pairs.map(([k, v]) => [k, k === name ? bad : v]),
            ]),
        ),
      ),
    );
  }
  return fc.oneof(...changes).map(([what, list]) => ({ what, raw: encode(list), query: asQuery(list) }));
}
