/**
 * `npm run bench:cold`: approve -> last delivery with every function of the chain starting cold
 * (the approving API function, the X worker, the SNS worker: each on a fresh thread, its modules
 * imported for the first time, as a new Lambda environment), against the warm figure (the next
 * broadcast on the same threads) and the lower bound (bench/lower-bound.ts), all in one run, for
 * the sample city and the 40-account benchmark registry.
 *
 * The store, the fakes and the HTTP front stand for services that are always warm on AWS
 * (DynamoDB, X, SNS, API Gateway), so they are warmed first; then each repetition restarts the
 * chain's threads (LocalRuntimeOptions.restartable), times a cold broadcast, then a warm one.
 * Each thread start and invocation is recorded, and a fresh probe thread times the first
 * DynamoDB read, X post and SNS publish against the second: the breakdown of the cold gap.
 */
import '../shared/runtime/quiet-sdk-warning.js';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DEFAULT_REGISTRY_FILE, type LocalRuntime, startLocalRuntime } from '../infra/local/runtime.js';
import { coldBreakdown, type RepetitionMarks } from './cold-breakdown.js';
import { benchLog, fanoutClient } from './fanout-broadcast.js';
import { benchRegistryFile } from './fanout-registry.js';
import { lowerBound } from './lower-bound.js';
import { percentile } from './percentile.js';

const CHAIN = ['api-broadcasts', 'x-worker', 'sns-worker'] as const;
const REPETITIONS = Number(process.env.BENCH_COLD_REPETITIONS ?? 5);
/** Broadcasts that warm the store, fakes and front before the first cold one. */
const INFRA_WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
/** Broadcasts after the repetitions, on warm threads, for the running system's figure. */
const STEADY = Number(process.env.BENCH_COLD_STEADY ?? 5);
const X_MS = 200;
const SNS_MS = 30;
const languages = (process.env.BENCH_LANGUAGES ?? 'en,fr').split(',');

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const p50 = (values: number[]) => percentile(sorted(values), 50);
const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;
const spread = (values: number[]) => `${round(Math.min(...values))}-${round(Math.max(...values))}`;

/** The first calls of a fresh thread against its second ones, in a probe thread of its own. */
function probeFreshThread(runtime: LocalRuntime): Promise<Record<string, any>> {
  const worker = new Worker(new URL('../infra/local/function-thread-boot.mjs', import.meta.url), {
    workerData: { entry: new URL('./cold-probe-thread.ts', import.meta.url).href, config: runtime.config },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (message) => {
      void worker.terminate();
      resolve(message);
    });
    worker.once('error', reject);
  });
}

/**
 * `bundle`: each thread loads its function's bundle built with the Lambda settings, one JavaScript
 * file as a Lambda environment loads it (the figure the target is about). `source`: the TypeScript
 * modules one by one through tsx, as the local runtime runs them (set HERALD_COLD_MODES=bundle,source).
 */
const MODES = (process.env.HERALD_COLD_MODES ?? 'bundle').split(',') as ('bundle' | 'source')[];

async function measure(name: string, registryFile: string, mode: 'bundle' | 'source') {
  const runtime = await startLocalRuntime({
    port: 0,
    quiet: true,
    log: benchLog,
    registryFile,
    restartable: CHAIN,
    bundledRestartable: mode === 'bundle',
  });
  runtime.fakeX.faults.set({ latency: X_MS });
  runtime.fakeSns.faults.set({ latency: SNS_MS });
  try {
    const client = await fanoutClient(runtime, languages);
    let i = 0;
    for (let w = 0; w < INFRA_WARMUP; w++) await client.broadcast(i++);
    const cold: number[] = [];
    const warm: number[] = [];
    const approveCold: number[] = [];
    const approveWarm: number[] = [];
    const marks: RepetitionMarks[] = [];
    const invocationCounts = () => CHAIN.map((fn) => runtime.functionTimings(fn).invocations.length);
    let threadLength = 0;
    let deliveries = 0;
    for (let rep = 0; rep < REPETITIONS; rep++) {
      await runtime.restartFunctions(CHAIN);
      const mark: RepetitionMarks = { coldFrom: [], warmFrom: [] };
      const c = await client.broadcast(i++, {
        approving: () => {
          mark.coldFrom = invocationCounts();
        },
      });
      const w = await client.broadcast(i++, {
        approving: () => {
          mark.warmFrom = invocationCounts();
        },
      });
      marks.push(mark);
      cold.push(c.elapsedMs);
      warm.push(w.elapsedMs);
      approveCold.push(c.approveMs);
      approveWarm.push(w.approveMs);
      ({ threadLength, deliveries } = w);
    }
    const steady: number[] = [];
    for (let s = 0; s < STEADY; s++) steady.push((await client.broadcast(i++)).elapsedMs);
    const bound = (await lowerBound(runtime, { threadLength })).totalMs;
    const probes = [];
    for (let p = 0; p < REPETITIONS; p++) probes.push(await probeFreshThread(runtime));
    const ratios = cold.map((ms, r) => ms / (warm[r] as number));
    return {
      registry: name,
      threads: mode,
      deliveries,
      load: loadavg().map((l) => round(l, 2)),
      repetitions: REPETITIONS,
      coldMs: { p50: round(p50(cold)), spread: spread(cold), all: cold },
      warmMs: { p50: round(p50(warm)), spread: spread(warm), all: warm },
      steadyWarmMs: { p50: round(p50(steady)), spread: spread(steady) },
      lowerBoundMs: round(bound),
      coldOverWarm: {
        p50: round(p50(ratios), 2),
        spread: `${round(Math.min(...ratios), 2)}-${round(Math.max(...ratios), 2)}`,
      },
      coldOverSteadyWarm: round(p50(cold) / p50(steady), 2),
      coldOverBound: round(p50(cold) / bound, 2),
      warmOverBound: round(p50(warm) / bound, 2),
      approveRequestMs: { cold: round(p50(approveCold)), warm: round(p50(approveWarm)) },
      breakdown: coldBreakdown(runtime, CHAIN, marks, probes),
    };
  } finally {
    await runtime.stop();
  }
}

const results = [];
for (const mode of MODES) {
  results.push(await measure('sample city (config/registry.json)', DEFAULT_REGISTRY_FILE, mode));
  results.push(await measure('40-account benchmark registry', benchRegistryFile(40), mode));
}
console.log(JSON.stringify({ xLatencyMs: X_MS, snsLatencyMs: SNS_MS, languages, results }, null, 2));
