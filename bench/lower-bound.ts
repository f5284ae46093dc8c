import { performance } from 'node:perf_hooks';
import type { LocalRuntime } from '../infra/local/runtime.js';
import type { Delivery } from '../shared/domain/broadcast.js';

const REPEAT = 10;

async function median(run: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/**
 * The fastest any design could take from approval to the last delivery on this machine: the
 * provider round trips a delivery cannot avoid, plus the writes that make it durable, each
 * measured through the same adapters and fakes as the benchmark.
 */
export async function lowerBound(runtime: LocalRuntime, { threadLength }: { threadLength: number }) {
  const { poster, publisher, ledger } = runtime.context;
  const xRoundTrip = await median((i) =>
    poster.post({ accountId: 'hq', text: `Lower bound probe ${i} ${Date.now()}` }),
  );
  const snsRoundTrip = await median(() =>
    publisher.publish({
      topic: 'citywide-en',
      default: 'probe',
      sms: 'probe',
      email: 'probe',
      subject: 'probe',
      attributes: {},
    }),
  );
  const storageWrite = await median(async (i) => {
    const delivery: Delivery = {
      broadcastId: `bc_lowerbound${String(i).padStart(15, '0')}`,
      channel: 'x',
      target: 'hq',
      status: 'PENDING',
      attempts: 0,
      notBefore: 0,
      providerIds: [],
      history: [],
    };
    await ledger.plan([delivery]);
  });
  // As the issue defines it: the X round trips of one thread, one SNS round trip, and the four
  // conditional writes on the critical path (approve, plan, claim, settle).
  const parts = { xRoundTrips: threadLength * xRoundTrip, snsRoundTrip, storageWrites: 4 * storageWrite };
  return { parts, totalMs: parts.xRoundTrips + parts.snsRoundTrip + parts.storageWrites };
}
