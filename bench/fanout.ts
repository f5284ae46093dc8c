/**
 * `npm run bench:fanout`: approve -> every delivery of a 40-account, all-topics broadcast finished,
 * with the fake X answering in 200 ms and the fake SNS in 30 ms, against the lower bound measured
 * in the same run on the same machine.
 *
 * Lower bound = (posts in each account's thread) x one X round trip (a thread is sequential: each
 * post replies to the previous one) + one SNS round trip + the storage writes one delivery needs
 * (approve, plan, claim, settle), each measured directly through the same adapters.
 *
 * HERALD_BENCH_TARGETS=120 or 400 (or any size from 4) runs it on a larger registry of that many
 * accounts, with topics in the same proportion (bench/fanout-registry.ts); the run is sized to stay
 * within the X app's 24-hour post budget, which it checks, and it counts the storage calls per
 * delivery in a second, recorded runtime (bench/storage-calls.ts).
 */
import '../shared/runtime/quiet-sdk-warning.js';
import { loadavg } from 'node:os';
import { manifest } from '../functions/manifest.js';
import { startLocalRuntime } from '../infra/local/runtime.js';
import { benchLog, fanoutClient } from './fanout-broadcast.js';
import { broadcastsWithinBudget, xBudgetCheck } from './fanout-checks.js';
import { benchRegistryFile } from './fanout-registry.js';
import { lowerBound } from './lower-bound.js';
import { percentile } from './percentile.js';
import { storageCallsPerDelivery } from './storage-calls.js';

const TARGETS = Number(process.env.HERALD_BENCH_TARGETS ?? 40);
if (!Number.isInteger(TARGETS) || TARGETS < 4)
  throw new Error('HERALD_BENCH_TARGETS: a whole number of accounts, 4 or more');
// 40, not the 20 the issue asks at least: the p95 of 20 samples is their second-highest, one
// noisy second of a shared machine away from another figure (docs/benchmarks.md). Larger
// registries run fewer when the X budget allows fewer (said in the output).
const BROADCASTS = Number(process.env.BENCH_BROADCASTS ?? 40);
/**
 * Broadcasts run before the measured ones and reported on their own. Each of the four threads
 * (API and fakes, the embedded table, the X and SNS workers) compiles its hot paths over the first
 * few hundred deliveries: the first broadcast takes 1.2-1.6 s and the next ones up to 0.2 s more
 * than later ones. The target is the fan-out of a running system; the warm-up is shown beside it
 * rather than hidden. Larger registries need fewer broadcasts for as many deliveries.
 */
const WARMUP = Math.max(1, Number(process.env.BENCH_WARMUP ?? Math.max(2, Math.ceil(400 / TARGETS))));
const X_MS = 200;
const SNS_MS = 30;
/** The lower bound's probes post too (bench/lower-bound.ts), within the same budget. */
const PROBE_POSTS = 10;

/**
 * On a machine loaded far past its cores, approving a large broadcast (it writes every delivery
 * before answering) can outlast the API function's timeout; BENCH_API_TIMEOUT_S raises it for the
 * run, and the output says so. Unset, the manifest's timeout holds.
 */
const apiTimeoutS = process.env.BENCH_API_TIMEOUT_S ? Number(process.env.BENCH_API_TIMEOUT_S) : undefined;
const approver = manifest.find((f) => f.name === 'api-broadcasts');
if (apiTimeoutS && approver) approver.timeoutSeconds = apiTimeoutS;

const registryFile = benchRegistryFile(TARGETS);
const runtime = await startLocalRuntime({ port: 0, quiet: true, log: benchLog, registryFile });
runtime.fakeX.faults.set({ latency: X_MS });
runtime.fakeSns.faults.set({ latency: SNS_MS });

const languages = (process.env.BENCH_LANGUAGES ?? 'en,fr').split(',');
const client = await fanoutClient(runtime, languages);
const samples: number[] = [];
const warmupSamples: number[] = [];
let cpuStart = process.cpuUsage();
let wallStart = Date.now();
const approveSamples: number[] = [];
let deliveries = 0;
let threadLength = 0;
let total = BROADCASTS + WARMUP;
let budgetCapped = false;
for (let i = 0; i < total; i++) {
  const sample = await client.broadcast(i);
  ({ deliveries, threadLength } = sample);
  if (i === 0) {
    const fit = broadcastsWithinBudget(runtime, sample.accounts * threadLength, PROBE_POSTS);
    if (fit < total) [total, budgetCapped] = [fit, true];
    if (total <= WARMUP) throw new Error(`the X budget holds only ${fit} broadcasts of this size`);
  }
  if (i === WARMUP - 1) {
    cpuStart = process.cpuUsage();
    wallStart = Date.now();
  }
  (i < WARMUP ? warmupSamples : samples).push(sample.elapsedMs);
  if (i >= WARMUP) approveSamples.push(sample.approveMs);
}

// CPU of the whole process (every thread) per measured broadcast: how loaded the machine was.
const measured = samples.length;
const cpu = process.cpuUsage(cpuStart);
const cpuMsPerBroadcast = (cpu.user + cpu.system) / 1000 / measured;
const wallMsPerBroadcast = Math.round((Date.now() - wallStart) / measured);
const bound = await lowerBound(runtime, { threadLength });
const xBudget = await xBudgetCheck(runtime);
await runtime.stop();
const storage = process.env.BENCH_SKIP_STORAGE_CALLS
  ? undefined
  : await storageCallsPerDelivery({ registryFile, languages });

samples.sort((a, b) => a - b);
const pct = (p: number) => percentile(samples, p);
const p50 = pct(50);
const p95 = pct(95);
const round2 = (n: number) => Math.round(n * 100) / 100;
const result = {
  targets: { accounts: TARGETS, deliveriesPerBroadcast: deliveries },
  load: loadavg().map(round2),
  broadcasts: measured,
  ...(budgetCapped ? { cappedByXBudget: `${total} broadcasts in all fit the X budget` } : {}),
  warmup: {
    broadcasts: warmupSamples.length,
    firstMs: warmupSamples[0],
    p50Ms: percentile(
      [...warmupSamples].sort((a, b) => a - b),
      50,
    ),
    maxMs: Math.max(...warmupSamples),
  },
  deliveriesPerBroadcast: deliveries,
  threadLength,
  xLatencyMs: X_MS,
  snsLatencyMs: SNS_MS,
  cpuMsPerBroadcast: Math.round(cpuMsPerBroadcast),
  wallMsPerBroadcast,
  p50Ms: Math.round(p50),
  p95Ms: Math.round(p95),
  approveRequestP50Ms: percentile(
    approveSamples.sort((a, b) => a - b),
    50,
  ),
  ...(apiTimeoutS ? { apiTimeoutRaisedToS: apiTimeoutS } : {}),
  perDelivery: {
    cpuMs: round2(cpuMsPerBroadcast / deliveries),
    p50WallMs: round2(p50 / deliveries),
    storageCalls: storage?.perDelivery,
  },
  lowerBoundMs: Math.round(bound.totalMs),
  lowerBoundParts: Object.fromEntries(
    Object.entries(bound.parts).map(([k, v]) => [k, Math.round(v * 10) / 10]),
  ),
  p50Ratio: round2(p50 / bound.totalMs),
  p95Ratio: round2(p95 / bound.totalMs),
  xBudget,
  storageCalls: storage,
};
console.log(JSON.stringify(result, null, 2));
if (!xBudget.respected) process.exitCode = 1;
