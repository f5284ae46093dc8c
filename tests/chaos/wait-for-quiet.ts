// Waits until none of the run's broadcasts is dispatching and the queues are idle, or reports why not.
import { isTerminal } from '../../shared/domain/dispatch.js';
import type { Herald } from '../support/herald.js';
import { bounded, IDLE_WAIT_MS, STALL_REPORT_MS, sleep, TIMED_OUT } from './deadlines.js';
import type { Filed, Submitted } from './file-and-approve.js';
import type { ChaosRun } from './set-up.js';

/** Returns the epoch ms when the run settled (or gave up waiting for it). */
export async function waitForQuiet(run: ChaosRun, { submitted, deadline }: Filed): Promise<number> {
  const { herald, options, problems, log } = run;
  const { runtime } = herald;
  // Wait until none of ours is still dispatching (the reconciler's own work list).
  const ours = new Set(submitted.map((s) => s.id));
  let open = ours.size;
  while (Date.now() < deadline) {
    const dispatching = await runtime.context.broadcasts.listDispatching();
    open = dispatching.filter((b) => ours.has(b.id)).length;
    if (open === 0) break;
    run.progress(`${open} dispatching`, submitted.length);
    await sleep(250);
  }
  if (open > 0) {
    problems.push(`${open} broadcast(s) still DISPATCHING after ${options.deadlineMs} ms`);
    const stalled = await bounded(stallReport(herald, submitted, ours), STALL_REPORT_MS);
    problems.push(...(stalled === TIMED_OUT ? ['the stall report did not finish within 20 s'] : stalled));
  }
  // Jobs still queued (redeliveries, delayed duplicates) must find nothing to do; let them run.
  const idle = await Promise.race([
    runtime.queues.idle({ includeDelayed: true }).then(() => true),
    sleep(IDLE_WAIT_MS).then(() => false),
  ]);
  if (!idle) log.add('queues.notIdleAtEnd');
  return Date.now();
}

/**
 * What is still open at the deadline and why: every delivery of our broadcasts that is not final,
 * with its ledger state and lease, and what the queues hold. Read straight from the ledger (not
 * through the API), so a wedged HTTP server cannot hide it.
 */
async function stallReport(herald: Herald, submitted: Submitted[], ours: Set<string>): Promise<string[]> {
  const { runtime } = herald;
  const now = Date.now();
  const lines: string[] = [];
  const open = new Set((await runtime.context.broadcasts.listDispatching()).map((b) => b.id));
  for (const b of submitted.filter((s) => ours.has(s.id) && open.has(s.id))) {
    const deliveries = await bounded(runtime.context.ledger.listForBroadcast(b.id), 5_000);
    if (deliveries === TIMED_OUT) {
      lines.push(`${b.id}: the ledger did not answer within 5 s`);
      continue;
    }
    for (const d of deliveries.filter((d) => !isTerminal(d.status))) {
      const lease =
        d.leaseUntil === undefined
          ? 'no lease'
          : d.leaseUntil > now
            ? `lease ${d.leaseUntil - now} ms left`
            : `lease expired ${now - d.leaseUntil} ms ago`;
      const last = d.history.at(-1);
      lines.push(
        `STALLED ${b.id} ${d.channel} ${d.target}: ${d.status}, attempt ${d.attempts} (${d.waits ?? 0} waited), ${lease}, ` +
          `notBefore ${d.notBefore > now ? `in ${d.notBefore - now} ms` : 'due'}, ` +
          `${d.providerIds.length} id(s), error ${d.error ?? 'none'}, last ${last?.from}->${last?.to} by ` +
          `${last?.actor} ${last ? now - Date.parse(last.at) : '?'} ms ago`,
      );
    }
  }
  for (const queue of ['x-deliveries', 'sns-deliveries'] as const) {
    const stats = runtime.queues.stats(queue);
    lines.push(
      `queue ${queue}: ${stats.visible} visible, ${stats.delayed} delayed, ${stats.inFlight} in flight, ` +
        `${stats.deadLetters} dead`,
    );
  }
  lines.push(`invocations running: ${runtime.queues.inFlightInvocations()}`);
  return lines;
}
