// Starts a function thread: worker threads do not inherit the TypeScript loader, so register it
// here, then load the TypeScript entry. How long the registration took is kept for the entry to
// report with its other start-up phases (bench:cold separates this local-only cost from the rest).
import { performance } from 'node:perf_hooks';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

const registering = performance.now();
register();
globalThis.heraldLoaderRegistered = { atMs: performance.now(), tookMs: performance.now() - registering };
await import(workerData.entry);
