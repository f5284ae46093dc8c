import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../shared/domain/vocabulary.js';
import type { RouteKey } from '../../shared/http/contract.js';
import type { Herald } from '../support/herald.js';
import { validArbitrary } from './arbitraries.js';
import { coherent, domainHint } from './domain-hints.js';
import { type Fixtures, startFuzzHerald } from './fuzz-herald.js';
import {
  describeExchange,
  type RequestParts,
  routeKeys,
  sender,
  specOf,
  type WireRequest,
  wireRequest,
} from './requests.js';
import { FIXTURE_AUTHOR, ROUTE_RULES, rolesAllowed, ruleOf } from './route-roles.js';
import { FUZZ_SEED } from './settings.js';
import { type FaultyToken, faultyTokens } from './tokens.js';

/**
 * Every route of the contract, asked by every demo role, by nobody, and with every kind of faulty
 * token. Staff routes answer 401 with the fault's reason to every faulty token, 403 to a role D9
 * does not allow, and never 401 or 403 to one it allows; public routes ignore tokens. Never a 5xx.
 */

let herald: Herald;
let fixtures: Fixtures;
let send: ReturnType<typeof sender>;
let dataDir: string;
let tokens: FaultyToken[];
/** One valid request per route, on real fixtures, so that the answer is about who asks. */
const requests = new Map<RouteKey, (user?: string) => WireRequest>();

beforeAll(async () => {
  // A data directory keeps the signing key in a file, to forge tokens with.
  dataDir = await mkdtemp(join(tmpdir(), 'herald-authz-'));
  ({ herald, fixtures } = await startFuzzHerald({ dataDir }));
  send = sender(herald);
  tokens = await faultyTokens(dataDir, await herald.runtime.auth.issueToken('inspector.ben'));
  const hint = domainHint(herald.runtime.registry, fixtures);
  for (const key of routeKeys()) {
    const { body, params, query } = specOf(key);
    const parts = fc.record({
      ...(params ? { params: validArbitrary(params, hint, { hintedOnly: true }) } : {}),
      ...(query ? { query: validArbitrary(query, hint, { hintedOnly: true }) } : {}),
      ...(body ? { body: validArbitrary(body, hint, { hintedOnly: true }) } : {}),
    }) as fc.Arbitrary<RequestParts>;
    const [sample] = fc.sample(parts.map(coherent(fixtures)), { seed: FUZZ_SEED, numRuns: 1 });
    requests.set(key, (user) => wireRequest(key, sample as RequestParts, user));
  }
}, 60_000);
afterAll(async () => {
  await herald?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** One demo user per role, never the fixtures' author (she may not approve her own broadcast). */
function userOfRole(role: StaffRole): string {
  const user = fixtures.users.find(
    (u) => u.id !== FIXTURE_AUTHOR && u.roles.length === 1 && u.roles[0] === role,
  );
  if (!user) throw new Error(`no demo user has only the role ${role}`);
  return user.id;
}

const ROLES: StaffRole[] = ['inspector', 'comms', 'admin'];

describe('the authorization matrix', () => {
  it('has every route of the contract classified, public exactly where the contract says so', () => {
    for (const key of routeKeys()) {
      expect(ruleOf(key) === 'public', key).toBe(specOf(key).auth === 'public');
    }
    expect(Object.keys(ROUTE_RULES).sort()).toEqual(routeKeys().sort());
  });

  it.each(routeKeys())('%s answers each demo role as D9 allows and nobody as its auth says', async (key) => {
    const allowed = rolesAllowed(ruleOf(key));
    const anonymous = await send(requests.get(key)?.() as WireRequest);
    if (allowed) {
      expect(anonymous.status, describeExchange(requests.get(key)?.() as WireRequest, anonymous)).toBe(401);
      expect(anonymous.json).toMatchObject({ reason: 'missing' });
    } else {
      expect(anonymous.status, `${key} anonymously: ${anonymous.text}`).toBeLessThan(500);
      expect(anonymous.status).not.toBe(401);
    }
    for (const role of ROLES) {
      const request = requests.get(key)?.(userOfRole(role)) as WireRequest;
      const response = await send(request);
      const exchange = `${role}: ${describeExchange(request, response)}`;
      expect(response.status, exchange).toBeLessThan(500);
      expect(response.status, exchange).not.toBe(401);
      if (allowed && !allowed.includes(role)) {
        expect(response.status, exchange).toBe(403);
        expect(response.json.message, exchange).toMatch(/needs one of the roles/);
      } else {
        expect(response.status, exchange).not.toBe(403);
      }
    }
  });

  it.each(routeKeys())(
    '%s answers every faulty token with 401 and its reason, or ignores it if public',
    async (key) => {
      const isPublic = ruleOf(key) === 'public';
      for (const token of tokens) {
        const base = requests.get(key)?.() as WireRequest;
        const request = {
          ...base,
          headers: { ...base.headers, ...(token.header ? { authorization: token.header } : {}) },
        };
        const response = await send(request);
        const exchange = `${token.fault}: ${describeExchange(request, response)}`;
        expect(response.status, exchange).toBeLessThan(500);
        if (isPublic) {
          expect(response.status, exchange).not.toBe(401);
        } else {
          expect(response.status, exchange).toBe(401);
          expect(response.json, exchange).toEqual({
            reason: token.reason,
            message: expect.stringMatching(/^Unauthorized: /),
          });
          if (token.header) expect(response.text, exchange).not.toContain(token.header.slice(7));
        }
      }
    },
  );
});
