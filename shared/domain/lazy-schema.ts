import * as z from 'zod';

/**
 * A module-level schema that is built the first time anything touches it (issue 17).
 *
 * Building a zod schema costs about 25 µs per node, and a function's bundle carries every schema of
 * every module it imports: 700–1,000 nodes, 18–26 ms of each cold start, most of them for routes
 * and records the function never sees. Declared through this helper, a schema (and every lazy
 * schema it is made of) is built at its first parse, property read or composition, so a cold start
 * pays only for the schemas its first request uses.
 *
 * The value is a proxy that forwards everything to the built schema, so callers use it exactly as
 * the schema (`parse`, `shape`, `optional()`, `z.infer`, composition, `instanceof`). Three details:
 * - members are read from the built schema with the built schema as receiver, so zod's per-instance
 *   caches land on it and methods come bound to it;
 * - metadata set by `.describe()` or `.meta()` lives in zod's global registry keyed by instance; the
 *   proxy is registered with the built schema's metadata so JSON Schema sees it through either;
 * - JSON Schema generation keys what it has seen by schema object, and zod's generators look the
 *   built schema up where the walk met the proxy: the first time a walk reaches a proxy, its map is
 *   made to treat each proxy and its built schema as one key (`/openapi.json` depends on it).
 */
export function lazySchema<T extends z.ZodType>(build: () => T): T {
  let built: T | undefined;
  let internals: z.core.$ZodTypeInternals | undefined;
  const schema = (): T => {
    if (built) return built;
    built = build();
    const meta = z.globalRegistry.get(built);
    if (meta) z.globalRegistry.add(proxy, meta);
    builtOf.set(proxy, built);
    return built;
  };
  const zodInternals = () => {
    const real = schema()._zod;
    internals ??= new Proxy(real, {
      get: (target, key) => {
        const value = Reflect.get(target, key, target);
        if (key !== 'processJSONSchema' || typeof value !== 'function') return value;
        return (ctx: { seen: Map<unknown, unknown> }, ...rest: unknown[]) => {
          if (!(ctx.seen instanceof SeenByBuiltSchema)) ctx.seen = new SeenByBuiltSchema(ctx.seen);
          return value(ctx, ...rest);
        };
      },
    });
    return internals;
  };
  const proxy: T = new Proxy(Object.create(null) as T, {
    get: (_target, key) => (key === '_zod' ? zodInternals() : Reflect.get(schema(), key, schema())),
    set: (_target, key, value) => Reflect.set(schema(), key, value, schema()),
    has: (_target, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      // A proxy may not report a property as non-configurable unless its own target has it so.
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(schema(), key, descriptor),
    deleteProperty: (_target, key) => Reflect.deleteProperty(schema(), key),
  });
  return proxy;
}

/** Each built lazy schema, by its proxy. */
const builtOf = new WeakMap<object, object>();
const keyOf = (key: unknown) => (typeof key === 'object' && key !== null ? (builtOf.get(key) ?? key) : key);

/** A JSON Schema generator's "seen" map in which a lazy schema's proxy and its built schema are one key. */
class SeenByBuiltSchema<V> extends Map<unknown, V> {
  constructor(entries: Map<unknown, V>) {
    super();
    for (const [key, value] of entries) this.set(key, value);
  }
  override get(key: unknown) {
    return super.get(keyOf(key));
  }
  override set(key: unknown, value: V) {
    return super.set(keyOf(key), value);
  }
  override has(key: unknown) {
    return super.has(keyOf(key));
  }
  override delete(key: unknown) {
    return super.delete(keyOf(key));
  }
}
