import * as fc from 'fast-check';
import type * as z from 'zod';

/**
 * fast-check arbitraries generated from zod 4 schema definitions (`schema._zod.def`), so every
 * schema of the route contract, present or future, can be fuzzed without writing a generator for
 * it. zod-fast-check does not read zod 4; this covers the kinds Herald's schemas use and throws,
 * naming the kind and path, on any other, so a new kind is noticed rather than skipped.
 */

type Schema = z.core.$ZodType;
type Def = z.core.$ZodTypeDef & Record<string, any>;
export type Path = readonly (string | number)[];

/**
 * Domain values for a node (an existing id, a registry division...): consulted at every node with
 * the key it sits under, and mixed with the schema's own values so both are tried.
 */
export type Hint = (node: {
  schema: Schema;
  key: string | undefined;
  path: Path;
}) => fc.Arbitrary<unknown> | undefined;

/**
 * Values the schema accepts, as they would arrive in a JSON body. With `hintedOnly`, a hinted node
 * takes the hint's values only (real ids, for a request that must reach the use case).
 */
export function validArbitrary(
  schema: Schema,
  hint: Hint = () => undefined,
  options: { hintedOnly?: boolean } = {},
): fc.Arbitrary<unknown> {
  return arbitraryFor(schema, hint, [], undefined, options.hintedOnly ?? false).filter((value) =>
    accepts(schema, value),
  );
}

export function accepts(schema: Schema, value: unknown): boolean {
  return (schema as z.ZodType).safeParse(jsonRoundTrip(value)).success;
}

/** What the server parses out of the JSON text of a value (`undefined` properties vanish, etc.). */
export function jsonRoundTrip(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

export const defOf = (schema: Schema): Def => schema._zod.def as Def;

/** Strips the wrappers that do not change what a value looks like (optional, default, preprocess...). */
export function unwrap(schema: Schema): Schema {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return unwrap(def.innerType);
    case 'pipe':
      // A preprocess is a pipe from a transform: the value must satisfy what it feeds into.
      return unwrap(defOf(def.in).type === 'transform' ? def.out : def.in);
    default:
      return schema;
  }
}

/** A key may be left out of an object: optional, or filled in by a default. */
export function mayOmit(schema: Schema): boolean {
  const type = defOf(schema).type;
  return type === 'optional' || type === 'default' || type === 'prefault';
}

export function arbitraryFor(
  schema: Schema,
  hint: Hint,
  path: Path,
  key: string | undefined,
  hintedOnly = false,
): fc.Arbitrary<unknown> {
  const hinted = hint({ schema, key, path });
  if (hinted && hintedOnly) return hinted;
  const generic = genericArbitrary(schema, hint, path, key, hintedOnly);
  return hinted ? fc.oneof({ arbitrary: hinted, weight: 3 }, { arbitrary: generic, weight: 1 }) : generic;
}

function genericArbitrary(
  schema: Schema,
  hint: Hint,
  path: Path,
  key: string | undefined,
  hintedOnly: boolean,
): fc.Arbitrary<unknown> {
  const inner = (child: Schema, childPath: Path, childKey: string | undefined) =>
    arbitraryFor(child, hint, childPath, childKey, hintedOnly);
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return stringArbitrary(def);
    case 'number':
      return numberArbitrary(def);
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case 'array': {
      const { min, max } = lengthBounds(def);
      const element = inner(def.element, [...path, 0], undefined);
      return fc.array(element, { minLength: min, maxLength: Math.min(max, min + 4) });
    }
    case 'object':
      return objectArbitrary(def, path, inner);
    case 'record': {
      const keys = inner(def.keyType, path, undefined) as fc.Arbitrary<string>;
      const values = inner(def.valueType, [...path, '*'], undefined);
      return fc.dictionary(keys, values, { maxKeys: 4, noNullPrototype: true });
    }
    case 'union':
      return fc.oneof(...(def.options as Schema[]).map((option) => inner(option, path, key)));
    case 'optional':
      return fc.option(inner(def.innerType, path, key), { nil: undefined });
    case 'nullable':
      return fc.option(inner(def.innerType, path, key), { nil: null });
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
    case 'pipe':
      return inner(unwrap(schema), path, key);
    case 'unknown':
    case 'any':
      return fc.jsonValue();
    default:
      throw new Error(`no arbitrary for the zod type '${def.type}' at ${path.join('.') || '(root)'}`);
  }
}

function objectArbitrary(
  def: Def,
  path: Path,
  inner: (child: Schema, childPath: Path, childKey: string | undefined) => fc.Arbitrary<unknown>,
): fc.Arbitrary<unknown> {
  const shape = def.shape as Record<string, Schema>;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const [name, field] of Object.entries(shape)) {
    model[name] = inner(mayOmit(field) ? unwrap(field) : field, [...path, name], name);
    if (!mayOmit(field)) requiredKeys.push(name);
  }
  return fc.record(model, { requiredKeys, noNullPrototype: true });
}

interface Check {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number;
  inclusive?: boolean;
}

const checksOf = (def: Def): Check[] =>
  ((def.checks ?? []) as z.core.$ZodCheck[]).map((c) => c._zod.def as unknown as Check);

function lengthBounds(def: Def): { min: number; max: number } {
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  for (const check of checksOf(def)) {
    if (check.check === 'min_length') min = Math.max(min, check.minimum ?? 0);
    if (check.check === 'max_length') max = Math.min(max, check.maximum ?? max);
    if (check.check === 'length_equals') min = max = check.length ?? 0;
  }
  return { min, max };
}

/** The largest length the schema allows, or undefined when it sets none. */
export function maxLengthOf(schema: Schema): number | undefined {
  const { max } = lengthBounds(defOf(unwrap(schema)));
  return Number.isFinite(max) ? max : undefined;
}

function stringArbitrary(def: Def): fc.Arbitrary<string> {
  const { min, max } = lengthBounds(def);
  const formats = [def, ...checksOf(def)].filter((c) => c.check === 'string_format' || c.format);
  const format = formats.find((c) => c.format !== 'regex')?.format;
  const regex = formats.find((c) => c.format === 'regex')?.pattern as RegExp | undefined;
  const within = (s: string) => s.length >= min && s.length <= max;
  if (format === 'datetime') return dateArbitrary().map((d) => d.toISOString());
  if (format === 'date') return dateArbitrary().map((d) => d.toISOString().slice(0, 10));
  if (format === 'url') return fc.webUrl({ validSchemes: ['https'] }).filter(within);
  if (format === 'email') return fc.emailAddress().filter(within);
  if (format !== undefined) throw new Error(`no arbitrary for the string format '${format}'`);
  if (regex) return fc.stringMatching(regex).filter(within);
  const maxLength = Math.min(max, min + 40);
  // ASCII mostly, and any code point (accents, emoji, astral planes) sometimes.
  return fc.oneof(
    { arbitrary: fc.string({ minLength: min, maxLength, unit: 'grapheme-ascii' }), weight: 3 },
    { arbitrary: fc.string({ minLength: min, maxLength, unit: 'grapheme' }), weight: 1 },
    { arbitrary: fc.string({ minLength: min, maxLength, unit: 'binary' }), weight: 1 },
  );
}

const dateArbitrary = () =>
  fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2099-12-31T00:00:00Z'),
    noInvalidDate: true,
  });

function numberArbitrary(def: Def): fc.Arbitrary<number> {
  let min = Number.MIN_SAFE_INTEGER;
  let max = Number.MAX_SAFE_INTEGER;
  let integer = false;
  for (const check of checksOf(def)) {
    if (check.check === 'number_format') integer = /int/.test(check.format ?? '');
    const bound = check.value ?? 0;
    if (check.check === 'greater_than') min = Math.max(min, check.inclusive ? bound : bound + 1);
    if (check.check === 'less_than') max = Math.min(max, check.inclusive ? bound : bound - 1);
  }
  if (!integer) return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  // Small values hit the interesting cases (revision 0, version 1) far more often than 2^53 does.
  return fc.oneof(fc.integer({ min, max: Math.min(max, min + 5) }), fc.integer({ min, max }));
}
