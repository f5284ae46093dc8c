import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteKey } from '../../shared/http/contract.js';
import type { Herald } from '../support/herald.js';
import { type Hint, validArbitrary } from './arbitraries.js';
import { badRequests } from './bad-requests.js';
import { coherent, domainHint } from './domain-hints.js';
import { type Fixtures, type Snapshot, snapshot, startFuzzHerald, watchWrites } from './fuzz-herald.js';
import { describeExchange, type RequestParts, routeKeys, sender, specOf, wireRequest } from './requests.js';
import { ruleOf, userFor } from './route-roles.js';
import { FUZZ_SEED, FUZZ_TEST_TIMEOUT_MS, fuzzParameters, VALID_RUNS } from './settings.js';

/**
 * Property-based tests generated from the route contract (shared/http/contract.ts) against a
 * whole local Herald over HTTP. Every route with a body, path parameters or a query is fuzzed;
 * a new route is picked up with no new test code. Broken requests must get a 4xx and change
 * nothing; valid ones a 2xx or a documented 4xx. Never a 5xx.
 */

let herald: Herald;
let fixtures: Fixtures;
let send: ReturnType<typeof sender>;
let hint: Hint;
let writes: ReturnType<typeof watchWrites>;

beforeAll(async () => {
  ({ herald, fixtures } = await startFuzzHerald());
  send = sender(herald);
  writes = watchWrites(herald);
  hint = domainHint(herald.runtime.registry, fixtures);
}, 60_000);
afterAll(async () => herald?.stop());

const fuzzed = routeKeys().filter((key) => {
  const spec = specOf(key);
  return spec.body !== undefined || spec.params !== undefined || spec.query !== undefined;
});

/** Valid parts for `key`, drawn with the fixtures and hints of one Herald (the file's by default). */
function validParts(key: RouteKey, on = { fixtures, hint }): fc.Arbitrary<RequestParts> {
  const { body, params, query } = specOf(key);
  const { fixtures, hint } = on;
  return fc
    .record({
      ...(params ? { params: validArbitrary(params, hint) as fc.Arbitrary<Record<string, unknown>> } : {}),
      ...(query ? { query: validArbitrary(query, hint) as fc.Arbitrary<Record<string, unknown>> } : {}),
      ...(body ? { body: validArbitrary(body, hint) } : {}),
    })
    .map(coherent(fixtures));
}

/** What differs between two snapshots, item by item, for a readable failure. */
function changes(before: Snapshot, after: Snapshot): string[] {
  const keyed = (items: unknown[]) =>
    new Map(items.map((item) => [`${(item as any).pk} / ${(item as any).sk}`, JSON.stringify(item)]));
  const [was, now] = [keyed(before.items), keyed(after.items)];
  const found = [...new Set([...was.keys(), ...now.keys()])]
    .filter((key) => was.get(key) !== now.get(key))
    .map((key) => `${was.has(key) ? (now.has(key) ? 'changed' : 'deleted') : 'added'} item ${key}`);
  const sent = after.inbox
    .slice(before.inbox.length)
    .map((record) => `sent ${JSON.stringify(record).slice(0, 200)}`);
  return [...found, ...sent];
}

describe('a request broken in one part', () => {
  it.each(fuzzed)(
    '%s is refused with a 4xx, and nothing is stored or sent',
    async (key) => {
      const user = userFor(ruleOf(key), fixtures.users);
      const before = await snapshot(herald);
      writes.take();
      await fc.assert(
        fc.asyncProperty(badRequests(key, validParts(key), user), async (bad) => {
          // Everything is observed before any assertion, so a failing run leaves nothing behind
          // that the next run (shrinking included) would be blamed for.
          writes.take();
          const sent = herald.runtime.inbox.size();
          const response = await send(bad.request);
          await herald.settled();
          const written = writes.take();
          const sentNow = herald.runtime.inbox.since(sent);
          const exchange = `${bad.what}: ${describeExchange(bad.request, response)}`;
          expect(bad.expect, exchange).toContain(response.status);
          expect(written, `${exchange}\nwrote to the table`).toEqual([]);
          expect(sentNow, `${exchange}\nsent something`).toEqual([]);
        }),
        fuzzParameters(),
      );
      // The whole table and inbox, once per route: what the write watch could have missed.
      expect(changes(before, await snapshot(herald))).toEqual([]);
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});

/** What a valid request may get: its success, or a 4xx the README documents for valid input. */
const DOCUMENTED_FOR_VALID_INPUT = [200, 201, 202, 204, 404, 409, 410, 422, 429];

describe('a valid request', () => {
  it.each(fuzzed)(
    '%s gets a 2xx or a documented 4xx, never a 5xx',
    async (key) => {
      const user = userFor(ruleOf(key), fixtures.users);
      await fc.assert(
        fc.asyncProperty(validParts(key), async (parts) => {
          const request = wireRequest(key, parts, user);
          const response = await send(request);
          expect(DOCUMENTED_FOR_VALID_INPUT, describeExchange(request, response)).toContain(response.status);
        }),
        fuzzParameters(VALID_RUNS),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});

describe('the valid-request generators', () => {
  it(
    'reach a 2xx on most routes, so the properties above test more than validation',
    async () => {
      // A Herald of its own and the routes in contract order: what the other tests changed, in
      // whatever order they ran, cannot decide which of these requests succeed.
      const own = await startFuzzHerald({ threads: false });
      const seen = new Map<RouteKey, number[]>();
      try {
        const ownHint = domainHint(own.herald.runtime.registry, own.fixtures);
        const ownSend = sender(own.herald);
        for (const key of fuzzed) {
          const user = userFor(ruleOf(key), own.fixtures.users);
          const samples = fc.sample(validParts(key, { fixtures: own.fixtures, hint: ownHint }), {
            seed: FUZZ_SEED,
            numRuns: VALID_RUNS,
          });
          const statuses: number[] = [];
          // One success is what this counts; the rest of a route's samples would only cost time.
          for (const parts of samples) {
            const { status } = await ownSend(wireRequest(key, parts, user));
            statuses.push(status);
            if (status < 300) break;
          }
          seen.set(key, statuses);
        }
      } finally {
        await own.herald.stop();
      }

      const succeeded = [...seen].filter(([, statuses]) => statuses.some((s) => s < 300));
      const summary = [...seen].map(([key, statuses]) => `${key}: ${statuses.join(' ')}`).join('\n');
      expect(succeeded.length, summary).toBeGreaterThanOrEqual(Math.ceil(fuzzed.length * 0.75));
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
