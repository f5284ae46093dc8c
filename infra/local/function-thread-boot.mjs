// Starts a function thread: worker threads do not inherit the TypeScript loader, so register it
// here, then load the TypeScript entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
