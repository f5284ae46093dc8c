// Files and approves the run's city-wide broadcasts, at most `concurrency` of them in flight.
import { Arrivals } from './arrivals.js';
import { bounded, sleep, TIMED_OUT } from './deadlines.js';
import type { ChaosRun } from './set-up.js';

/** A broadcast that was filed and approved, with what it should produce. */
export interface Submitted {
  id: string;
  link: string;
  xThread: string[];
  sms: Record<string, string>;
  approvedAt: number;
}

export interface Filed {
  /**
   * The approved broadcasts. Filing that overran the deadline still appends to it afterwards, and
   * the later steps read it as it stands then.
   */
  submitted: Submitted[];
  /** Epoch ms by which every broadcast must have left DISPATCHING. */
  deadline: number;
  /** Epoch ms when filing and approving ended (or its wait gave up at the deadline). */
  at: number;
}

export async function fileAndApprove(run: ChaosRun): Promise<Filed> {
  const { options, problems } = run;
  const submitted: Submitted[] = [];
  // From the first submission, as `deadlineMs` says: starting a Herald on a loaded machine took
  // all of a short deadline before anything was filed.
  const deadline = Date.now() + options.deadlineMs;
  const arrivals = new Arrivals(run.herald.runtime.inbox);
  let next = 0;
  const submitting = Promise.all(
    Array.from({ length: Math.min(options.concurrency, options.broadcasts) }, async () => {
      while (next < options.broadcasts && Date.now() < deadline) {
        const index = next++;
        // At most `concurrency` broadcasts in flight: each worker waits for its broadcast to reach
        // the fakes before filing the next (a city does not file a thousand alerts at once).
        const arrived = await submitOne(run, arrivals, index, submitted);
        if (arrived) await Promise.race([arrived, sleep(Math.max(0, deadline - Date.now()))]);
        run.progress('submitting', submitted.length);
      }
    }),
  );
  if ((await bounded(submitting, deadline - Date.now())) === TIMED_OUT)
    problems.push(`filing and approving did not finish within ${options.deadlineMs} ms`);
  return { submitted, deadline, at: Date.now() };
}

/**
 * Files and approves broadcast #`index` and appends it to `submitted`; returns when its posts and
 * publishes will all have arrived, or nothing when it could not be approved.
 */
async function submitOne(
  run: ChaosRun,
  arrivals: Arrivals,
  index: number,
  submitted: Submitted[],
): Promise<Promise<void> | undefined> {
  const { herald, audience, problems, log } = run;
  const filed = await herald.fileIncident({
    areas: undefined,
    citywide: true,
    facts: {
      location: `Chaos St and Broadcast ${index} Ave`,
      time: '21:40',
      description: { en: 'Police are searching the area.', fr: 'Les policiers fouillent le secteur.' },
    },
  });
  if (filed.status !== 201) {
    problems.push(`broadcast #${index}: filing answered ${filed.status} ${JSON.stringify(filed.body)}`);
    return;
  }
  const broadcast = filed.body.broadcast;
  // Listen before approving: the workers run as soon as the approval is written, and a post
  // that lands before the listener would never be counted.
  const arrived = arrivals.waitFor(broadcast.preview.link, broadcast.id, {
    posts: (audience.accounts.length - 1) * broadcast.preview.xThread.length,
    publishes: audience.topics.length,
  });
  const approved = await herald.call('POST', `/broadcasts/${broadcast.id}/approve`, {
    user: 'inspector.ben',
    body: { contentHash: broadcast.contentHash },
  });
  const approvedAt = Date.now();
  if (approved.status !== 200) {
    // A crash after the approval write (planBefore) answers 500: the broadcast must still be
    // approved, and the reconciler must plan it.
    const view = await herald.call('GET', `/broadcasts/${broadcast.id}`, { user: 'comms.chloe' });
    if (view.body?.broadcast?.approvalStatus !== 'APPROVED') {
      arrivals.forget(broadcast.id);
      problems.push(
        `${broadcast.id}: approval answered ${approved.status} and left it ${view.body?.broadcast?.approvalStatus}`,
      );
      return;
    }
    log.add('api.approveFailedAfterApproval');
  }
  const preview = broadcast.preview;
  submitted.push({
    id: broadcast.id,
    link: preview.link,
    xThread: preview.xThread,
    sms: Object.fromEntries(
      Object.entries(preview.languages as Record<string, { sms: { text: string } }>).map(([lang, l]) => [
        lang,
        l.sms.text,
      ]),
    ),
    approvedAt,
  });
  return arrived;
}
