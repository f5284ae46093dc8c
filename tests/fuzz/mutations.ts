import * as fc from 'fast-check';
import type * as z from 'zod';
import { PROTOTYPE_KEYS } from '../../shared/domain/safe-record.js';
import { MAX_BODY_BYTES } from '../../shared/http/http-api.js';
import { accepts, defOf, jsonRoundTrip, maxLengthOf, type Path, unwrap } from './arbitraries.js';

/**
 * Ways to break a valid JSON value, chosen from its schema: a wrong type, a missing or unknown key,
 * a `__proto__`/`constructor`/`prototype` key, a huge string or array, deep nesting, at any depth.
 * Each result is a value the server must refuse: the schema refuses it (checked here), or it
 * carries a prototype key or deep nesting, which must be refused whatever the schema says.
 */

type Schema = z.core.$ZodType;

export interface BrokenValue {
  /** What was done where, for the failure message. */
  what: string;
  /** The JSON text to send. */
  text: string;
}

interface Site {
  path: Path;
  schema: Schema;
}

/** Every node of the value with the schema that judges it (union options resolved). */
function sitesOf(schema: Schema, value: unknown, path: Path = []): Site[] {
  const node = unwrap(schema);
  const def = defOf(node);
  const sites: Site[] = [{ path, schema: node }];
  if (def.type === 'union') {
    const option = (def.options as Schema[]).find((o) => accepts(o, value));
    return option ? [...sites, ...sitesOf(option, value, path).slice(1)] : sites;
  }
  if (Array.isArray(value) && def.type === 'array') {
    for (const [i, item] of value.entries()) sites.push(...sitesOf(def.element, item, [...path, i]));
  } else if (isObject(value) && def.type === 'object') {
    const shape = def.shape as Record<string, Schema>;
    for (const key of Object.keys(value))
      if (shape[key]) sites.push(...sitesOf(shape[key], value[key], [...path, key]));
  } else if (isObject(value) && def.type === 'record') {
    for (const key of Object.keys(value)) sites.push(...sitesOf(def.valueType, value[key], [...path, key]));
  }
  return sites;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A change at one node; `alwaysInvalid` when it must be refused even if the schema accepts it. */
interface Change {
  what: string;
  alwaysInvalid?: boolean;
  apply(
    node: unknown,
    parent: Record<string, unknown> | unknown[] | undefined,
    key: string | number | undefined,
  ): unknown;
}

/** Stands for a deeply nested value until the text is written (see `serialize`). */
const DEEP = '@@herald-fuzz-deep@@';
const replaceWith = (what: string, value: unknown, alwaysInvalid = false): Change => ({
  what,
  alwaysInvalid,
  apply: () => value,
});

const OTHER_TYPES: unknown[] = [0, -1, 1.5, 1e308, true, false, null, '', 'x', [], [1], {}, { a: 1 }];

const typeOf = (site: Site) => defOf(site.schema).type;
const always = () => true;
const hasKeys = (site: Site) => typeOf(site) === 'object' || typeOf(site) === 'record';

/**
 * The kinds of breakage, each with the nodes it applies to. A kind is picked first, then a node:
 * picking a node first would seldom reach the few records of a body with a prototype key.
 */
const KINDS: { weight: number; applies(site: Site): boolean; changes(site: Site): fc.Arbitrary<Change> }[] = [
  {
    // `__proto__` twice as often: zod drops it silently where the other two are merely unknown.
    weight: 4,
    applies: hasKeys,
    changes: () =>
      fc
        .constantFrom('__proto__', ...PROTOTYPE_KEYS)
        .chain((key) =>
          fc.jsonValue({ maxDepth: 2 }).map((value) => withKey(`a '${key}' key`, key, value, true)),
        ),
  },
  {
    weight: 2,
    applies: always,
    changes: () =>
      fc.constantFrom(...OTHER_TYPES).map((v) => replaceWith(`a ${JSON.stringify(v)} instead`, v)),
  },
  {
    weight: 1,
    applies: hasKeys,
    changes: () =>
      fc
        .oneof(fc.constantFrom('id', 'status', 'approvedBy', 'Bad Key', ''), fc.string({ maxLength: 12 }))
        .map((key) => withKey(`an unknown key '${key}'`, key, 'x')),
  },
  {
    weight: 1,
    applies: (site) => typeOf(site) === 'object',
    changes: (site) => fc.constantFrom(...Object.keys(defOf(site.schema).shape as object)).map(withoutKey),
  },
  {
    weight: 1,
    applies: (site) => typeOf(site) === 'string',
    changes: (site) => {
      const max = maxLengthOf(site.schema);
      const lengths = [...(max === undefined ? [] : [max + 1]), 40_000, 70_000];
      return fc.constantFrom(...lengths).map((n) => replaceWith(`a string of ${n}`, 'é'.repeat(n)));
    },
  },
  {
    weight: 1,
    applies: (site) => typeOf(site) === 'array',
    changes: (site) => {
      const max = maxLengthOf(site.schema);
      const lengths = [...(max === undefined ? [] : [max + 1]), 20_000];
      return fc.constantFrom(...lengths).map(
        (n): Change => ({
          what: `an array of ${n}`,
          apply: (node) =>
            Array.from({ length: n }, (_, i) =>
              Array.isArray(node) && node.length > 0 ? node[i % node.length] : 'x',
            ),
        }),
      );
    },
  },
  {
    weight: 1,
    applies: always,
    changes: () =>
      fc
        .constantFrom(200, 5_000, 5_001)
        .map((depth) => replaceWith(`nesting ${depth} deep instead`, `${DEEP}${depth}`, true)),
  },
];

/** An own key, as JSON.parse makes it: assigning `__proto__` would set the prototype instead. */
function withKey(what: string, key: string, value: unknown, alwaysInvalid = false): Change {
  return {
    what,
    alwaysInvalid,
    apply: (node) => {
      const copy = isObject(node) ? { ...node } : {};
      Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
      return copy;
    },
  };
}

function withoutKey(key: string): Change {
  return {
    what: `without '${key}'`,
    apply: (node) => {
      if (!isObject(node)) return node;
      const { [key]: _gone, ...rest } = node;
      return rest;
    },
  };
}

/** A broken copy of a valid value, as JSON text. */
export function brokenValue(schema: Schema, valid: unknown): fc.Arbitrary<BrokenValue> {
  const sites = sitesOf(schema, valid);
  const kinds = KINDS.flatMap((kind) => {
    const at = sites.filter((site) => kind.applies(site));
    if (at.length === 0) return [];
    const arbitrary = fc
      .constantFrom(...at)
      .chain((site) => kind.changes(site).map((change) => ({ site, change })));
    return [{ weight: kind.weight, arbitrary }];
  });
  return fc
    .oneof(...kinds)
    .map(({ site, change }) => {
      const value = changedAt(valid, site.path, change);
      return { site, change, value };
    })
    .filter(({ change, value }) => change.alwaysInvalid === true || !accepts(schema, standIn(value)))
    .map(({ site, change, value }) => ({
      what: `${change.what} at ${site.path.length > 0 ? site.path.join('.') : 'the root'}`,
      text: serialize(value),
    }));
}

function changedAt(root: unknown, path: Path, change: Change): unknown {
  if (path.length === 0) return change.apply(root, undefined, undefined);
  const copy = structuredClone(root);
  let parent = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  parent[last] = change.apply(parent[last], parent, last);
  return copy;
}

/** The deep-nesting marker stands for `[[[...]]]`; a three-deep copy is judged in its place. */
function standIn(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value).replace(new RegExp(`"${DEEP}\\d+"`, 'g'), '[[["deep"]]]'));
}

/** JSON text, with each deep-nesting marker expanded (JSON.stringify would recurse that deep). */
function serialize(value: unknown): string {
  return JSON.stringify(value).replace(new RegExp(`"${DEEP}(\\d+)"`, 'g'), (_, depth: string) => {
    // Even depths nest arrays, odd ones objects.
    const n = Number(depth);
    return n % 2 === 0 ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
  });
}

/** 413 when the broken body is over the limit, else 422: refused by size before any schema. */
export function expectedForBody(text: string): readonly number[] {
  return Buffer.byteLength(text) > MAX_BODY_BYTES ? [413] : [422];
}

export { jsonRoundTrip };
