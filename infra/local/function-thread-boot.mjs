// Starts a function thread. Over the TypeScript sources, worker threads do not inherit the
// TypeScript loader, so register it here first; a thread bundle (thread-bundles.ts) is JavaScript
// and loads as it would on Lambda. How long the registration took is kept for the entry to report
// with its other start-up phases (bench:cold separates this local-only cost from the rest).
import { performance } from 'node:perf_hooks';
import { workerData } from 'node:worker_threads';

const registering = performance.now();
let tookMs = 0;
if (!workerData.bundled) {
  const { register } = await import('tsx/esm/api');
  register();
  tookMs = performance.now() - registering;
}
globalThis.heraldLoaderRegistered = { atMs: performance.now(), tookMs };
await import(workerData.entry);
