// Checks what the fakes received and what the ledger says against what each broadcast should produce.
import type { PostRecord, PublishRecord } from '../../infra/local/fakes/inbox-store.js';
import type { Delivery } from '../../shared/domain/broadcast.js';
import type { Herald } from '../support/herald.js';
import { type Audience, BROADCAST_IN_LINK } from './audience.js';
import { BACKGROUND_STOP_MS, bounded, TIMED_OUT, VERIFY_MS } from './deadlines.js';
import { type FaultLog, keyOf } from './fault-log.js';
import type { Submitted } from './file-and-approve.js';
import type { ChaosRun } from './set-up.js';

export type Findings = Awaited<ReturnType<typeof verify>> & {
  /** What the fakes hold at the end. */
  posts: number;
  publishes: number;
  deadLetters: number;
  /** Epoch ms when the check ended. */
  at: number;
};

/**
 * Stops the background loops, so nothing changes under the check, then verifies every broadcast;
 * the problems found go to `run.problems`. Throws only when the local Herald is wedged.
 */
export async function check(run: ChaosRun, submitted: Submitted[]): Promise<Findings> {
  const { herald, audience, revokedAccount, log, problems } = run;
  const { runtime } = herald;
  if (!(await run.background.stop(BACKGROUND_STOP_MS)))
    problems.push('the reconciler or the 429 bursts did not stop in time');

  const verifying = verify(herald, submitted, audience, revokedAccount, log, problems);
  const verified = await bounded(verifying, VERIFY_MS);
  if (verified === TIMED_OUT) throw new Error('verification did not finish: the local Herald is wedged');
  const at = Date.now();
  const deadLetters =
    runtime.queues.deadLetters('x-deliveries').length + runtime.queues.deadLetters('sns-deliveries').length;
  const posts = runtime.inbox.posts();
  log.add('x.acceptedAnswerLost', posts.filter((p) => !log.answeredPostIds.has(p.id)).length);
  return { ...verified, posts: posts.length, publishes: runtime.inbox.publishes().length, deadLetters, at };
}

interface DeliveryView {
  channel: 'x' | 'sns';
  target: string;
  language?: string;
  status: string;
  attempts: number;
  waits: number;
  providerIds: string[];
  error?: string;
  sentAt?: string;
}

/** Compares the fakes and the ledger with what each broadcast should have produced. */
async function verify(
  herald: Herald,
  submitted: Submitted[],
  audience: Audience,
  revokedAccount: string,
  log: FaultLog,
  problems: string[],
) {
  const { runtime } = herald;
  const byId = new Map(submitted.map((s) => [s.id, s]));
  const accounts = new Set(audience.accounts);
  const topics = new Set(audience.topics);
  const postsOf = new Map<string, PostRecord[]>();
  const publishesOf = new Map<string, PublishRecord[]>();
  let duplicates = 0;
  let misses = 0;
  let expectedPosts = 0;
  let expectedPublishes = 0;
  const latencies: number[] = [];

  for (const post of runtime.inbox.posts()) {
    const id = BROADCAST_IN_LINK.exec(post.text)?.[1];
    if (!id || !byId.has(id)) {
      problems.push(`stray post ${post.id} on ${post.account}: ${post.text.slice(0, 60)}`);
      continue;
    }
    const key = `${id}|${post.account}`;
    postsOf.set(key, [...(postsOf.get(key) ?? []), post]);
    if (!accounts.has(post.account)) problems.push(`${id}: post on ${post.account}, outside the audience`);
  }
  for (const publish of runtime.inbox.publishes()) {
    const id = publish.attributes.broadcastId;
    if (!id || !byId.has(id)) {
      problems.push(`stray publish ${publish.id} to ${publish.topic}`);
      continue;
    }
    const key = `${id}|${publish.topic}`;
    publishesOf.set(key, [...(publishesOf.get(key) ?? []), publish]);
    if (!topics.has(publish.topic)) problems.push(`${id}: publish to ${publish.topic}, outside the audience`);
  }

  for (const b of submitted) {
    const view = await herald.call('GET', `/broadcasts/${b.id}`, { user: 'comms.chloe' });
    const status = view.body?.broadcast?.status;
    if (status !== 'PARTIALLY_DELIVERED') problems.push(`${b.id}: status ${status}, not PARTIALLY_DELIVERED`);
    const listed = await herald.call<DeliveryView[]>('GET', `/broadcasts/${b.id}/deliveries`, {
      user: 'comms.chloe',
    });
    const deliveries = listed.body ?? [];
    const ledger = await runtime.context.ledger.listForBroadcast(b.id);
    const xTargets = deliveries.filter((d) => d.channel === 'x').map((d) => d.target);
    const snsTargets = deliveries.filter((d) => d.channel === 'sns').map((d) => d.target);
    if (!sameSet(xTargets, audience.accounts))
      problems.push(`${b.id}: X deliveries ${xTargets.length}, not 40`);
    if (!sameSet(snsTargets, audience.topics))
      problems.push(`${b.id}: topic deliveries ${snsTargets.length}, not 36`);

    const xSent: number[] = [];
    for (const account of audience.accounts) {
      const delivery = deliveries.find((d) => d.channel === 'x' && d.target === account);
      const posts = (postsOf.get(`${b.id}|${account}`) ?? []).sort((p, q) => compareIds(p.id, q.id));
      if (account === revokedAccount) {
        duplicates += posts.length;
        if (posts.length > 0)
          problems.push(`${b.id}: ${posts.length} post(s) on the revoked account ${account}`);
        checkRevoked(b, delivery, ledger, log, problems);
        continue;
      }
      expectedPosts += b.xThread.length;
      const where = `${b.id} on ${account}`;
      if (posts.length > b.xThread.length) {
        duplicates += posts.length - b.xThread.length;
        problems.push(`${where}: DUPLICATE, ${posts.length} posts for a ${b.xThread.length}-post thread`);
      } else if (posts.length < b.xThread.length) {
        misses += b.xThread.length - posts.length;
        problems.push(`${where}: MISS, ${posts.length} of ${b.xThread.length} posts`);
      } else {
        posts.forEach((post, i) => {
          if (post.text !== b.xThread[i]) problems.push(`${where}: post ${i + 1} is not the approved text`);
          const parent = i === 0 ? undefined : posts[i - 1]?.id;
          if (post.inReplyTo !== parent)
            problems.push(`${where}: post ${i + 1} replies to ${post.inReplyTo}, not ${parent}`);
        });
      }
      if (delivery?.status !== 'SENT') {
        problems.push(`${where}: delivery ${delivery?.status} (${delivery?.error ?? 'no error'})`);
      } else if (delivery.providerIds.join() !== posts.map((p) => p.id).join()) {
        problems.push(
          `${where}: ledger ids [${delivery.providerIds}] are not the posts [${posts.map((p) => p.id)}]`,
        );
      }
      if (delivery?.sentAt) xSent.push(Date.parse(delivery.sentAt));
    }
    for (const t of xSent) latencies.push(t - b.approvedAt);

    for (const topic of audience.topics) {
      expectedPublishes += 1;
      const where = `${b.id} to ${topic}`;
      const delivery = deliveries.find((d) => d.channel === 'sns' && d.target === topic);
      const publishes = publishesOf.get(`${b.id}|${topic}`) ?? [];
      if (publishes.length > 1) {
        duplicates += publishes.length - 1;
        problems.push(`${where}: DUPLICATE, ${publishes.length} publishes`);
      } else if (publishes.length === 0) {
        misses += 1;
        problems.push(`${where}: MISS, no publish`);
      }
      const language = topic.slice(topic.lastIndexOf('-') + 1);
      if (publishes[0] && publishes[0].sms !== b.sms[language])
        problems.push(`${where}: the SMS text is not the approved ${language} text`);
      if (delivery?.status !== 'SENT') {
        problems.push(`${where}: delivery ${delivery?.status} (${delivery?.error ?? 'no error'})`);
      } else if (publishes.length === 1 && delivery.providerIds[0] !== publishes[0]?.id) {
        problems.push(
          `${where}: ledger id ${delivery.providerIds[0]} is not the publish ${publishes[0]?.id}`,
        );
      }
    }
  }

  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    duplicates,
    misses,
    expectedPosts,
    expectedPublishes,
    latency: { medianMs: at(0.5), p95Ms: at(0.95), maxMs: latencies.at(-1) ?? 0 },
  };
}

/**
 * The revoked account: FAILED with a reason that says so, after one attempt plus one per crash
 * that cost it an attempt (a 401 is permanent: retrying it would hold the account's share of
 * workers and delay the broadcast's final status), not counting the attempts that waited for a
 * 429's reset or the budget, and settled no later than the other accounts of the same broadcast
 * (plus slack) when no crash hit it.
 */
function checkRevoked(
  b: Submitted,
  delivery: DeliveryView | undefined,
  ledger: Delivery[],
  log: FaultLog,
  problems: string[],
) {
  const where = `${b.id} on the revoked account ${delivery?.target}`;
  if (!delivery) return void problems.push(`${where}: no delivery`);
  if (delivery.status !== 'FAILED')
    return void problems.push(`${where}: delivery ${delivery.status}, not FAILED`);
  if (!/revoked|401/i.test(delivery.error ?? ''))
    problems.push(`${where}: the error does not say revoked/401: ${delivery.error}`);
  const crashes =
    log.crashesByKey.get(keyOf({ broadcastId: b.id, channel: 'x', target: delivery.target })) ?? 0;
  const failed = delivery.attempts - delivery.waits;
  if (failed > 1 + crashes)
    problems.push(`${where}: ${failed} failed attempts for a permanent 401 (${crashes} crash(es))`);
  if (crashes > 0) return;
  const failedAt = Date.parse(
    ledger
      .find((d) => d.channel === 'x' && d.target === delivery.target)
      ?.history.findLast((h) => h.to === 'FAILED')?.at ?? '',
  );
  const others = ledger
    .filter((d) => d.channel === 'x' && d.sentAt)
    .map((d) => Date.parse(d.sentAt as string))
    .sort((x, y) => x - y);
  const median = others[Math.floor(others.length / 2)];
  if (median !== undefined && failedAt > median + 5_000)
    problems.push(`${where}: FAILED ${failedAt - median} ms after the other accounts' median SENT`);
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && new Set(a).size === b.length && b.every((x) => a.includes(x));
}

function compareIds(a: string, b: string): number {
  const [x, y] = [BigInt(a), BigInt(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
