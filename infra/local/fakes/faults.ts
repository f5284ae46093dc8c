import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import { parseJson, readBody, sendJson } from './http-kit.js';

/**
 * Fault injection shared by the fake X and fake SNS. Every random decision draws from one seeded
 * generator, so a chaos test that sets a seed sees the same sequence of faults on every run.
 */

const rate = z.number().min(0).max(1);

export const baseFaultsSchema = z.object({
  /** Seed of the generator; every `set` reseeds, so the same settings replay the same faults. */
  seed: z.number().int().default(1),
  /** Added before answering: fixed milliseconds, or uniform between min and max. */
  latency: z
    .union([
      z.number().int().min(0),
      z.object({ min: z.number().int().min(0), max: z.number().int().min(0) }).refine((l) => l.min <= l.max, {
        message: 'min must not exceed max',
      }),
    ])
    .default(0),
  /** Share of requests answered with a server error (503 on X, 500 InternalError on SNS). */
  errorRate: rate.default(0),
  /** Share of writes that are recorded and then never answered. */
  acceptThenTimeout: rate.default(0),
  /** How long a never-answered request holds its socket before the fake destroys it. */
  hangMs: z.number().int().min(0).default(30_000),
});

export type BaseFaults = z.output<typeof baseFaultsSchema>;

/** mulberry32: tiny, fast and good enough to make fault sequences reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultSettings<T extends BaseFaults, I> {
  private settings: T;
  private random: () => number;

  constructor(private readonly schema: z.ZodType<T, I>) {
    this.settings = schema.parse({});
    this.random = seededRandom(this.settings.seed);
  }

  /** Replaces every fault setting (omitted ones fall back to "no fault") and reseeds. */
  set(input: I): T {
    return this.apply(this.schema.parse(input));
  }

  /** Same as `set`, for untrusted input (the HTTP control route); returns the zod result. */
  trySet(input: unknown): z.ZodSafeParseResult<T> {
    const result = this.schema.safeParse(input);
    if (result.success) this.apply(result.data);
    return result;
  }

  reset(): T {
    return this.apply(this.schema.parse({}));
  }

  get current(): T {
    return this.settings;
  }

  /** True with probability `p`; draws from the generator only when a fault is possible. */
  chance(p: number): boolean {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return this.random() < p;
  }

  latencyMs(): number {
    const { latency } = this.settings;
    if (typeof latency === 'number') return latency;
    return Math.round(latency.min + this.random() * (latency.max - latency.min));
  }

  private apply(settings: T): T {
    this.settings = settings;
    this.random = seededRandom(settings.seed);
    return settings;
  }
}

/**
 * `GET|POST|DELETE /_fake/faults`: the same settings over HTTP, so the local runtime and scripts
 * can inject faults into a running fake. Answers and returns true when `path` is that route.
 */
export async function faultsRoute<T extends BaseFaults, I>(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  faults: FaultSettings<T, I>,
): Promise<boolean> {
  if (path !== '/_fake/faults') return false;
  if (req.method === 'POST') {
    const result = faults.trySet(parseJson(await readBody(req)));
    if (!result.success) sendJson(res, 400, { error: 'invalid faults', issues: result.error.issues });
    else sendJson(res, 200, faults.current);
  } else if (req.method === 'DELETE') {
    sendJson(res, 200, faults.reset());
  } else {
    sendJson(res, 200, faults.current);
  }
  return true;
}
