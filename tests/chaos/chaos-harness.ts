/**
 * Chaos harness (issue "Channels that hold under real-world failure", item 5).
 *
 * Starts a whole Herald in-process on the chaos registry (40 X accounts reached by a city-wide
 * `weapons-call`, 36 topics for en+fr), files and approves many city-wide broadcasts with bounded
 * concurrency while faults are injected, waits until every broadcast has left DISPATCHING, and
 * checks the fakes: exactly one thread per (broadcast, account) except the revoked account (none,
 * FAILED), exactly one publish per (broadcast, topic), and a ledger that agrees with what was sent.
 *
 * Faults:
 * - fake X: `errorRate` (503), `acceptThenTimeout` (the post is recorded, then the socket is
 *   destroyed after `hangMs`: an ambiguous outcome for the client), latency, one revoked account
 *   (401) for the whole run, and 429 bursts (`rateLimit`, reset in 1 s) set periodically.
 * - fake SNS: `errorRate` (500 InternalError), `throttleRate`, latency. No accept-then-timeout:
 *   an ambiguous SNS publish is re-published by design (docs/architecture.md D6).
 * - worker crashes, through `wrapContext` around the ledger and the poster: a `SimulatedCrash`
 *   escapes the worker (the queue redelivers the job) at these points:
 *     claimBefore   before the claim is written (both channels)
 *     claimAfter    after the claim is written, before anything is sent (both channels)
 *     afterPost     right after a post landed on X: nothing more is posted or recorded (X only)
 *     settleBefore  after the whole send, before the outcome is written (X only: on SNS this
 *                   is D6's accepted duplicate window)
 *     settleAfter   after the outcome is written, before the follow-up steps (both channels)
 *     planBefore    approval succeeded but planning crashed (the reconciler plans it)
 *
 * Every random decision of the harness and the fakes comes from the seed. Which request meets
 * which fault still depends on scheduling, so a seed reproduces the fault mix, not the exact
 * interleaving.
 */
import type { ChaosOptions } from './chaos-options.js';
import { type ChaosReport, report } from './chaos-report.js';
import { fileAndApprove } from './file-and-approve.js';
import { setUp, tearDown } from './set-up.js';
import { check } from './verify.js';
import { waitForQuiet } from './wait-for-quiet.js';

/**
 * Runs one chaos scenario end to end and reports; never throws for a delivery problem. The steps:
 * set-up.ts, file-and-approve.ts, wait-for-quiet.ts, verify.ts, chaos-report.ts; the faults are
 * in fault-ports.ts and the fakes' settings (set-up.ts), the options in chaos-options.ts.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const run = await setUp(options);
  try {
    const filed = await fileAndApprove(run);
    const settledAt = await waitForQuiet(run, filed);
    const findings = await check(run, filed.submitted);
    return report(run, filed, settledAt, findings);
  } finally {
    await tearDown(run);
  }
}
