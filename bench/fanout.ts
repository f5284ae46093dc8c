/**
 * `npm run bench:fanout`: approve -> every delivery of a 40-account, all-topics broadcast finished,
 * with the fake X answering in 200 ms and the fake SNS in 30 ms, against the lower bound measured
 * in the same run on the same machine.
 *
 * Lower bound = (posts in each account's thread) x one X round trip (a thread is sequential: each
 * post replies to the previous one) + one SNS round trip + the storage writes one delivery needs
 * (approve, plan, claim, settle), each measured directly through the same adapters.
 */
import '../shared/runtime/quiet-sdk-warning.js';
import { startLocalRuntime } from '../infra/local/runtime.js';
import { fortyAccountRegistryFile } from './fanout-registry.js';
import { lowerBound } from './lower-bound.js';
import { percentile } from './percentile.js';

// 40, not the 20 the issue asks at least: the p95 of 20 samples is their second-highest, one
// noisy second of a shared machine away from another figure (docs/benchmarks.md).
const BROADCASTS = Number(process.env.BENCH_BROADCASTS ?? 40);
/**
 * Broadcasts run before the measured ones and reported on their own. Each of the four threads
 * (API and fakes, the embedded table, the X and SNS workers) compiles its hot paths over the first
 * few hundred deliveries: the first broadcast takes 1.2-1.6 s and the next ones up to 0.2 s more
 * than later ones. The target is the fan-out of a running system; the warm-up is shown beside it
 * rather than hidden.
 */
const WARMUP = Math.max(1, Number(process.env.BENCH_WARMUP ?? 10));
const X_MS = 200;
const SNS_MS = 30;

const runtime = await startLocalRuntime({ port: 0, quiet: true, registryFile: fortyAccountRegistryFile() });
runtime.fakeX.faults.set({ latency: X_MS });
runtime.fakeSns.faults.set({ latency: SNS_MS });

const ada = await runtime.auth.issueToken('inspector.ada');
const ben = await runtime.auth.issueToken('inspector.ben');
const api = async (method: string, path: string, token: string, body?: unknown) => {
  const response = await fetch(`${runtime.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as any;
};

/** Resolves once the fakes have received every post and publish of the broadcast. */
function arrivalsOf(broadcastId: string, link: string, expected: { posts: number; publishes: number }) {
  return new Promise<void>((resolve) => {
    let posts = 0;
    let publishes = 0;
    const stop = runtime.inbox.onAppend((record) => {
      if (record.kind === 'post' && record.text.includes(link)) posts += 1;
      if (record.kind === 'publish' && record.attributes.broadcastId === broadcastId) publishes += 1;
      if (posts >= expected.posts && publishes >= expected.publishes) {
        stop();
        resolve();
      }
    });
  });
}

const languages = (process.env.BENCH_LANGUAGES ?? 'en,fr').split(',');
const samples: number[] = [];
const warmupSamples: number[] = [];
let cpuStart = process.cpuUsage();
let wallStart = Date.now();
let deliveries = 0;
let threadLength = 0;
for (let i = 0; i < BROADCASTS + WARMUP; i++) {
  const { broadcast } = await api('POST', '/incidents', ada, {
    category: 'weapons-call',
    status: 'Actual',
    severity: 'Severe',
    urgency: 'Immediate',
    certainty: 'Observed',
    citywide: true,
    languages,
    facts: { location: `Bench St and ${i} Ave`, time: '21:40' },
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  });
  threadLength = broadcast.preview.xThread.length;
  const expected = {
    posts: broadcast.audience.accounts.length * threadLength,
    publishes: broadcast.audience.topics.length,
  };
  const arrived = arrivalsOf(broadcast.id, broadcast.preview.link, expected);
  const started = Date.now();
  await api('POST', `/broadcasts/${broadcast.id}/approve`, ben, { contentHash: broadcast.contentHash });
  // Wait in-process for everything to reach the fakes (polling the API would load the machine
  // under test), then read the end time from the ledger itself: the last settle write.
  await arrived;
  let view: any;
  do {
    view = (await api('GET', `/broadcasts/${broadcast.id}`, ada)).broadcast;
    if (view.status === 'DISPATCHING') await new Promise((resolve) => setTimeout(resolve, 20));
  } while (view.status === 'DISPATCHING');
  const elapsed = Date.parse(view.delivery.lastDeliveredAt) - started;
  const list = await api('GET', `/broadcasts/${broadcast.id}/deliveries`, ada);
  if (list.some((d: { status: string }) => d.status !== 'SENT'))
    throw new Error('a delivery did not succeed');
  deliveries = list.length;
  if (i === WARMUP - 1) {
    cpuStart = process.cpuUsage();
    wallStart = Date.now();
  }
  (i < WARMUP ? warmupSamples : samples).push(elapsed);
}

// CPU of the whole process (every thread) per measured broadcast: how loaded the machine was.
const cpu = process.cpuUsage(cpuStart);
const cpuMsPerBroadcast = Math.round((cpu.user + cpu.system) / 1000 / BROADCASTS);
const wallMsPerBroadcast = Math.round((Date.now() - wallStart) / BROADCASTS);
const bound = await lowerBound(runtime, { threadLength });
await runtime.stop();

samples.sort((a, b) => a - b);
const pct = (p: number) => percentile(samples, p);
const p50 = pct(50);
const p95 = pct(95);
const result = {
  broadcasts: samples.length,
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
  cpuMsPerBroadcast,
  wallMsPerBroadcast,
  p50Ms: Math.round(p50),
  p95Ms: Math.round(p95),
  lowerBoundMs: Math.round(bound.totalMs),
  lowerBoundParts: Object.fromEntries(
    Object.entries(bound.parts).map(([k, v]) => [k, Math.round(v * 10) / 10]),
  ),
  p50Ratio: Math.round((p50 / bound.totalMs) * 100) / 100,
  p95Ratio: Math.round((p95 / bound.totalMs) * 100) / 100,
};
console.log(JSON.stringify(result, null, 2));
