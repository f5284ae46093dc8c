/**
 * `npm run bench:subscribe`: a burst of public sign-ups against the local server, then the
 * subscription queue drained through the rate-bounded worker.
 *
 * - 1,000 sign-ups (70% SMS, 30% e-mail; 1-3 areas each; en or fr) sent `BENCH_CONCURRENCY` at a
 *   time; every SMS sign-up is then confirmed with the code from the local inbox.
 * - Baseline in the same run: as many `GET /health` calls at the same concurrency (the no-op route).
 * - Lost = a sign-up answered 202 that does not end as a pending or confirmed subscriber: SMS ones
 *   must be subscribed on SNS to every chosen topic, e-mail ones pending SNS's confirmation.
 *
 * All requests come from 127.0.0.1, so the per-client hourly limit is raised for the run (it models
 * a thousand people, not one client), and so are the code budget and the per-prefix limits; the
 * per-address limit and cool-down stay.
 */
import '../shared/runtime/quiet-sdk-warning.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../infra/local/fakes/faults.js';
import { DEFAULT_REGISTRY_FILE, startLocalRuntime } from '../infra/local/runtime.js';
import { percentile } from './percentile.js';

const SIGN_UPS = Number(process.env.BENCH_SIGN_UPS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);

const registryJson = JSON.parse(readFileSync(DEFAULT_REGISTRY_FILE, 'utf8'));
// A thousand people, not an attack: the sign-up code budget and the per-prefix limits (D34, which
// bench:abuse measures) are lifted too, or the 700 SMS sign-ups to one area code would meet them.
registryJson.subscriptions = {
  ...registryJson.subscriptions,
  perClientPerHour: 1_000_000,
  protection: {
    ...registryJson.subscriptions.protection,
    codeSms: { perHour: 100_000, perDay: 100_000, usdEach: 0.000_01 },
    destinationPrefix: {
      ...registryJson.subscriptions.protection.destinationPrefix,
      codeSms: 100_000,
      emails: 100_000,
    },
  },
};
registryJson.sms = { ...registryJson.sms, monthlySpendLimitUsd: 100_000 };
const registryFile = join(mkdtempSync(join(tmpdir(), 'herald-bench-')), 'registry.json');
writeFileSync(registryFile, JSON.stringify(registryJson));

const runtime = await startLocalRuntime({ port: 0, quiet: !process.env.BENCH_VERBOSE, registryFile });
const divisions = runtime.registry.divisions.map((d) => d.id);
const random = seededRandom(20261202);

interface SignUp {
  channel: 'sms' | 'email';
  address: string;
  areas: string[];
  language: string;
}
const signUps: SignUp[] = Array.from({ length: SIGN_UPS }, (_, i) => {
  const count = 1 + Math.floor(random() * 3);
  const areas = [...divisions].sort(() => random() - 0.5).slice(0, count);
  const language = random() < 0.5 ? 'en' : 'fr';
  return i % 10 < 7
    ? { channel: 'sms', address: `+1416555${String(i).padStart(4, '0')}`, areas, language }
    : { channel: 'email', address: `reader${i}@example.org`, areas, language };
});

async function burst<T>(items: T[], send: (item: T) => Promise<Response>) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const bodies: unknown[] = new Array(items.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) {
        const index = next++;
        const t0 = performance.now();
        const response = await send(items[index] as T);
        bodies[index] = await response.json();
        latencies.push(performance.now() - t0);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(percentile(latencies, p));
  return {
    bodies,
    statuses: Object.fromEntries(statuses),
    p50Ms: pct(50),
    p99Ms: pct(99),
    perSecond: Math.round(items.length / seconds),
  };
}

const post = (path: string, body: unknown) =>
  fetch(`${runtime.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

// SNS subscriptions per wall-clock second (the limiter's windows are epoch seconds), sampled
// through the whole run: the worker starts subscribing during the bursts, not only after them.
const perSecond = new Map<number, number>();
let lastCount = 0;
const sampler = setInterval(() => {
  const count = runtime.fakeSns.subscriptions().length;
  const second = Math.floor(Date.now() / 1000);
  perSecond.set(second, (perSecond.get(second) ?? 0) + count - lastCount);
  lastCount = count;
}, 20);

// Warm up both routes (first-call compilation and connection set-up are not what is measured).
for (let i = 0; i < 20; i++) await fetch(`${runtime.url}/health`).then((r) => r.arrayBuffer());

const baseline = await burst(signUps, () => fetch(`${runtime.url}/health`));
const signed = await burst(signUps, (s) => post('/subscriptions', s));

const ids = signed.bodies.map((b) => (b as { subscription?: { id: string } }).subscription?.id);
const smsIndexes = signUps.flatMap((s, i) => (s.channel === 'sms' && ids[i] ? [i] : []));
const codeOf = new Map(
  runtime.inbox.smsMessages().map((m) => [m.phoneNumber, m.message.match(/\b(\d{6})\b/)?.[1] as string]),
);
const confirmed = await burst(smsIndexes, (i) =>
  post(`/subscriptions/${ids[i]}/confirm`, { code: codeOf.get(signUps[i]?.address as string) }),
);

const drainStart = performance.now();
await runtime.queues.idle({ includeDelayed: true });
const drainSeconds = (performance.now() - drainStart) / 1000;

let lost = 0;
let expectedSubscriptions = 0;
for (const [i, s] of signUps.entries()) {
  if (!ids[i]) {
    lost += 1;
    continue;
  }
  for (const area of s.areas) {
    expectedSubscriptions += 1;
    const found = runtime.fakeSns
      .subscriptions(`area-${area}-${s.language}`)
      .find((sub) => sub.endpoint === s.address);
    const ok = s.channel === 'sms' ? found?.status === 'confirmed' : found?.status === 'pending';
    if (!ok) lost += 1;
  }
}
clearInterval(sampler);
const snsSubscriptions = runtime.fakeSns.subscriptions().length;
const busySeconds = [...perSecond.values()].filter((n) => n > 0);

const result = {
  signUps: SIGN_UPS,
  concurrency: CONCURRENCY,
  signUp: {
    statuses: signed.statuses,
    p50Ms: signed.p50Ms,
    p99Ms: signed.p99Ms,
    perSecond: signed.perSecond,
  },
  confirm: {
    statuses: confirmed.statuses,
    p50Ms: confirmed.p50Ms,
    p99Ms: confirmed.p99Ms,
    perSecond: confirmed.perSecond,
  },
  noOpRoute: {
    statuses: baseline.statuses,
    p50Ms: baseline.p50Ms,
    p99Ms: baseline.p99Ms,
    perSecond: baseline.perSecond,
  },
  throughputRatio: Math.round((signed.perSecond / baseline.perSecond) * 100) / 100,
  drain: {
    seconds: Math.round(drainSeconds * 10) / 10,
    snsSubscriptions,
    /** The busiest wall-clock second, against the configured limit. */
    peakSubscribesPerSecond: Math.max(0, ...busySeconds),
    limitPerSecond: runtime.registry.subscriptions.snsCallsPerSecond,
    meanSubscribesPerBusySecond: Math.round(snsSubscriptions / Math.max(1, busySeconds.length)),
  },
  expectedSubscriptions,
  // Both bursts counted: a status both had (a 429) would otherwise keep only the second's count.
  errors: [signed.statuses, confirmed.statuses]
    .flatMap((statuses) => Object.entries(statuses))
    .filter(([status]) => Number(status) >= 400)
    .reduce((n, [, count]) => n + count, 0),
  lost,
};
console.log(JSON.stringify(result, null, 2));
await runtime.stop();
if (result.errors > 0 || lost > 0) process.exitCode = 1;
