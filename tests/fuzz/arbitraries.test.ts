import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { accepts, arbitraryFor, validArbitrary } from './arbitraries.js';
import { brokenValue } from './mutations.js';
import { routeKeys, specOf } from './requests.js';
import { FUZZ_SEED } from './settings.js';

/**
 * The generators read the zod schemas correctly: what they make from a schema alone is mostly
 * accepted by it (the rest is what refinements they cannot read refuse), and every broken value
 * is refused. Without this, a misread schema would only show as a fuzzer that tests nothing.
 */

const schemas = routeKeys().flatMap((key) =>
  (['body', 'params', 'query'] as const).flatMap((part) => {
    const schema = specOf(key)[part];
    return schema ? [[`${key} ${part}`, schema] as const] : [];
  }),
);

describe('the arbitraries generated from the contract', () => {
  it.each(schemas)('make values that the %s schema mostly accepts', (_name, schema) => {
    const samples = fc.sample(
      arbitraryFor(schema, () => undefined, [], undefined),
      { seed: FUZZ_SEED, numRuns: 100 },
    );
    const accepted = samples.filter((value) => accepts(schema, value)).length;
    expect(accepted).toBeGreaterThanOrEqual(25);
  });

  it.each(schemas)(
    'break %s values into JSON the schema refuses, or that carries a key it must refuse',
    (_name, schema) => {
      const broken = fc.sample(
        validArbitrary(schema).chain((valid) => brokenValue(schema, valid)),
        { seed: FUZZ_SEED, numRuns: 30 },
      );
      for (const { what, text } of broken) {
        const refused = !(schema as z.ZodType).safeParse(safeParse(text)).success;
        expect(refused || /'(__proto__|constructor|prototype)' key|nesting/.test(what), what).toBe(true);
      }
    },
  );

  it('name the zod kind and the path of a schema they cannot generate', () => {
    const schema = z.strictObject({ when: z.map(z.string(), z.string()) });
    expect(() => arbitraryFor(schema, () => undefined, [], undefined)).toThrow(/'map' at when/);
  });
});

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return Symbol('not JSON');
  }
}
