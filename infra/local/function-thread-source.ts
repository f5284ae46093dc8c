import { pathToFileURL } from 'node:url';
import { workerData } from 'node:worker_threads';
import { runFunctionThread } from './function-thread.js';

// A function thread over the TypeScript sources (through tsx): the handler file comes with the thread.
await runFunctionThread(
  () => import(pathToFileURL((workerData as { handlerFile: string }).handlerFile).href),
);
