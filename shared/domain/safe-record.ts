import * as z from 'zod';

/** Keys that name or reach an object's prototype in JavaScript. */
export const PROTOTYPE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/**
 * `z.record` that refuses the keys `__proto__`, `constructor` and `prototype`, each with an issue
 * at the key's own path. Plain `z.record` skips an own `__proto__` key without a word (writing it
 * into the result would replace the result's prototype), so a body carrying one was accepted minus
 * that key, while every other unknown field is refused. The check looks at the input because the
 * key is gone from the record's output.
 */
export function safeRecord<K extends z.core.$ZodRecordKey, V extends z.core.SomeType>(key: K, value: V) {
  return z.preprocess(refusePrototypeKeys, z.record(key, value));
}

function refusePrototypeKeys(input: unknown, ctx: z.core.$RefinementCtx): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  // Object.keys lists an own `__proto__` (JSON.parse makes one) and never the inherited one.
  for (const key of Object.keys(input)) {
    if (PROTOTYPE_KEYS.includes(key)) {
      ctx.addIssue({ code: 'custom', path: [key], input, message: `the key ${key} is not allowed` });
    }
  }
  return input;
}
