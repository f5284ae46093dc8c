import type { LocalRuntime } from '../infra/local/runtime.js';
import { createLogger } from '../shared/runtime/logger.js';

/** The runtime's warnings and errors on stderr, the rest dropped: a failed run says why. */
export const benchLog = createLogger((line) => {
  if (/"level":"(warn|error)"/.test(line)) process.stderr.write(`${line}\n`);
});

export interface BroadcastSample {
  /** From the approve request to the last delivery's settle write in the ledger. */
  elapsedMs: number;
  /** The approve request alone, until its answer. */
  approveMs: number;
  deliveries: number;
  accounts: number;
  topics: number;
  threadLength: number;
}

/**
 * Files a city-wide `weapons-call` incident and approves it, as bench:fanout and bench:cold
 * measure it: `broadcast(i)` resolves once every post and publish reached the fakes and the
 * ledger says the broadcast is done, every delivery SENT.
 */
export async function fanoutClient(runtime: LocalRuntime, languages: readonly string[]) {
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
  const arrivalsOf = (broadcastId: string, link: string, expected: { posts: number; publishes: number }) =>
    new Promise<void>((resolve) => {
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

  /**
   * `filing` runs right before the filing request; with `review`, the approver reads the broadcast
   * (the wording and the content hash the approval must carry) and takes `pauseMs` over it, as a
   * second person does; `approving` runs right before the approve request, `delivered` once
   * everything reached the fakes.
   */
  async function broadcast(
    i: number,
    hooks: {
      filing?: () => void;
      review?: { pauseMs: number };
      approving?: () => void | Promise<void>;
      delivered?: () => Promise<void>;
    } = {},
  ): Promise<BroadcastSample> {
    hooks.filing?.();
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
    const threadLength = broadcast.preview.xThread.length;
    const accounts = broadcast.audience.accounts.length;
    const topics = broadcast.audience.topics.length;
    const arrived = arrivalsOf(broadcast.id, broadcast.preview.link, {
      posts: accounts * threadLength,
      publishes: topics,
    });
    let { contentHash } = broadcast;
    if (hooks.review) {
      ({ contentHash } = (await api('GET', `/broadcasts/${broadcast.id}`, ben)).broadcast);
      await new Promise((resolve) => setTimeout(resolve, hooks.review?.pauseMs));
    }
    await hooks.approving?.();
    const started = Date.now();
    await api('POST', `/broadcasts/${broadcast.id}/approve`, ben, { contentHash });
    const approveMs = Date.now() - started;
    // Wait in-process for everything to reach the fakes (polling the API would load the machine
    // under test), then read the end time from the ledger itself: the last settle write.
    await arrived;
    await hooks.delivered?.();
    let view: any;
    do {
      view = (await api('GET', `/broadcasts/${broadcast.id}`, ada)).broadcast;
      if (view.status === 'DISPATCHING') await new Promise((resolve) => setTimeout(resolve, 20));
    } while (view.status === 'DISPATCHING');
    const elapsedMs = Date.parse(view.delivery.lastDeliveredAt) - started;
    const list = await api('GET', `/broadcasts/${broadcast.id}/deliveries`, ada);
    if (list.some((d: { status: string }) => d.status !== 'SENT'))
      throw new Error('a delivery did not succeed');
    return { elapsedMs, approveMs, deliveries: list.length, accounts, topics, threadLength };
  }

  return { broadcast };
}
