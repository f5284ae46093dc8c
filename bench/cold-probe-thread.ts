import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * A fresh thread (started through infra/local/function-thread-boot.mjs, as a function thread is)
 * that times what a cold function pays on its first calls: importing the local context's modules
 * (the adapters and SDK clients), building the context, then each provider's first call against
 * its second (the SDK's first request sets up its middleware, signer and connection).
 */
const started = performance.now();
const { buildLocalContext } = await import('../infra/local/local-context.js');
const imported = performance.now();
const context = buildLocalContext(workerData.config, { send: async () => {} });
const built = performance.now();

const timed = async (call: () => Promise<unknown>) => {
  const at = performance.now();
  await call();
  return performance.now() - at;
};
const twice = async (call: (i: number) => Promise<unknown>) => ({
  firstMs: await timed(() => call(0)),
  secondMs: await timed(() => call(1)),
});

const dynamoRead = await twice(() => context.broadcasts.get('bc_coldprobe000000000000000'));
const xPost = await twice((i) =>
  context.poster.post({ accountId: 'hq', text: `Cold probe ${i} ${Date.now()}` }),
);
const snsPublish = await twice(() =>
  context.publisher.publish({
    topic: 'citywide-en',
    default: 'probe',
    sms: 'probe',
    email: 'probe',
    subject: 'probe',
    attributes: {},
  }),
);
parentPort?.postMessage({
  runtimeImportsMs: imported - started,
  contextMs: built - imported,
  dynamoRead,
  xPost,
  snsPublish,
});
