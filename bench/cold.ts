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
import { performance } from 'node:perf_hooks';
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
/**
 * How long the approver takes over the broadcast before approving. A second person reading an
 * alert's exact wording takes longer; what counts is that the warm-up is done by then
 * (`warmUpDoneAfterFilingMs` in the results).
 */
const REVIEW_MS = Number(process.env.BENCH_COLD_REVIEW_MS ?? 2_000);
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
 * When the filing's warm-ups (D40) had finished, after the filing request was sent: the end of
 * each delivery worker's first invocation since then (its warm-up, which started its thread).
 */
function warmUpFinishedAfter(runtime: LocalRuntime, filedAt: number): number {
  const ends = ['x-worker', 'sns-worker'].map((fn) => {
    const first = runtime.functionTimings(fn).invocations.find((invocation) => invocation.at >= filedAt);
    if (!first) throw new Error(`${fn} was not warmed by the filing`);
    return first.at + first.ms;
  });
  return Math.max(...ends) - filedAt;
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
    const coldAtApproval: number[] = [];
    const coldAtFiling: number[] = [];
    const warm: number[] = [];
    const approveCold: number[] = [];
    const approveWarm: number[] = [];
    const warmUpDone: number[] = [];
    const approveFiled: number[] = [];
    /** Per repetition, each chain function's first invocation after the approval: filed cold, and warm. */
    const firstRuns: number[][] = [];
    const warmRuns: number[][] = [];
    const marks: RepetitionMarks[] = [];
    const invocationCounts = () => CHAIN.map((fn) => runtime.functionTimings(fn).invocations.length);
    let threadLength = 0;
    let deliveries = 0;
    for (let rep = 0; rep < REPETITIONS; rep++) {
      // 1. Every function cold at the approval, nothing warmed: a warm-up that failed or was not
      // sent, and the approver's read landed elsewhere. The figure before D40, and its breakdown.
      runtime.setWarmUps(false);
      await runtime.restartFunctions(CHAIN);
      const mark: RepetitionMarks = { coldFrom: [], warmFrom: [] };
      const strict = await client.broadcast(i++, {
        approving: () => {
          mark.coldFrom = invocationCounts();
        },
      });
      runtime.setWarmUps(true);
      // 2. Every function cold when the inspector files (3 a.m.): the filing warms the workers, the
      // approver's read starts the approving function, then the approval after the review.
      await runtime.restartFunctions(CHAIN);
      let filedAt = 0;
      let filedFrom: number[] = [];
      const fromFiling = await client.broadcast(i++, {
        filing: () => {
          filedAt = performance.now();
        },
        review: { pauseMs: REVIEW_MS },
        approving: () => {
          filedFrom = invocationCounts();
        },
      });
      warmUpDone.push(warmUpFinishedAfter(runtime, filedAt));
      // 3. The same flow on the threads now running.
      const w = await client.broadcast(i++, {
        review: { pauseMs: REVIEW_MS },
        approving: () => {
          mark.warmFrom = invocationCounts();
        },
      });
      marks.push(mark);
      firstRuns.push(
        CHAIN.map((fn, f) => runtime.functionTimings(fn).invocations[filedFrom[f] as number]?.ms ?? NaN),
      );
      warmRuns.push(
        CHAIN.map((fn, f) => runtime.functionTimings(fn).invocations[mark.warmFrom[f] as number]?.ms ?? NaN),
      );
      approveFiled.push(fromFiling.approveMs);
      coldAtApproval.push(strict.elapsedMs);
      coldAtFiling.push(fromFiling.elapsedMs);
      warm.push(w.elapsedMs);
      approveCold.push(strict.approveMs);
      approveWarm.push(w.approveMs);
      ({ threadLength, deliveries } = w);
    }
    const steady: number[] = [];
    for (let s = 0; s < STEADY; s++) steady.push((await client.broadcast(i++)).elapsedMs);
    const bound = (await lowerBound(runtime, { threadLength })).totalMs;
    const probes = [];
    for (let p = 0; p < REPETITIONS; p++) probes.push(await probeFreshThread(runtime));
    const over = (values: number[]) => values.map((ms, r) => ms / (warm[r] as number));
    const ratio = (values: number[]) => ({
      p50: round(p50(over(values)), 2),
      spread: `${round(Math.min(...over(values)), 2)}-${round(Math.max(...over(values)), 2)}`,
    });
    return {
      registry: name,
      threads: mode,
      deliveries,
      load: loadavg().map((l) => round(l, 2)),
      repetitions: REPETITIONS,
      reviewPauseMs: REVIEW_MS,
      coldAtFilingMs: { p50: round(p50(coldAtFiling)), spread: spread(coldAtFiling), all: coldAtFiling },
      coldAtApprovalMs: {
        p50: round(p50(coldAtApproval)),
        spread: spread(coldAtApproval),
        all: coldAtApproval,
      },
      warmMs: { p50: round(p50(warm)), spread: spread(warm), all: warm },
      steadyWarmMs: { p50: round(p50(steady)), spread: spread(steady) },
      lowerBoundMs: round(bound),
      coldAtFilingOverWarm: ratio(coldAtFiling),
      coldAtApprovalOverWarm: ratio(coldAtApproval),
      warmUpDoneAfterFilingMs: { p50: round(p50(warmUpDone)), spread: spread(warmUpDone) },
      warmOverBound: round(p50(warm) / bound, 2),
      approveRequestMs: {
        coldAtApproval: round(p50(approveCold)),
        coldAtFiling: round(p50(approveFiled)),
        warm: round(p50(approveWarm)),
      },
      // Where the rest of the cold-at-filing gap goes: each function's first invocation after the
      // approval on the threads the filing and the review started, against the warm one.
      coldAtFilingFirstRunMs: Object.fromEntries(
        CHAIN.map((fn, f) => [
          fn,
          {
            fromFiling: round(p50(firstRuns.map((row) => row[f] as number))),
            warm: round(p50(warmRuns.map((row) => row[f] as number))),
          },
        ]),
      ),
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
