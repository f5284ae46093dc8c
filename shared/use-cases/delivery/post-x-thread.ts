import type { Broadcast } from '../../domain/broadcast.js';
import { ChannelError, DuplicateContentError } from '../../domain/errors.js';
import type { ProviderCall, SocialPoster } from '../../ports/channels.js';
import type { Logger } from '../../ports/logger.js';
import type { DeliveryLedger } from '../../ports/repositories.js';
import type { Clock } from '../../ports/system.js';
import type { XPostBudget } from '../../ports/x-budget.js';
import { reserveXPosts } from '../reserve-x-posts.js';
import type { SendAttempt } from './send-attempt.js';

export interface PostXThreadDeps {
  poster: SocialPoster;
  /** Read for the original post a follow-up replies to. */
  ledger: Pick<DeliveryLedger, 'get'>;
  xBudget: XPostBudget;
  clock: Clock;
  log: Logger;
}

/**
 * The X sender: posts one account's thread (D4), each post replying to the one before.
 *
 * 1. When an earlier attempt may have reached X, look for the account's posts carrying the
 *    broadcast's link, and count those as sent (X can be asked, unlike SNS: D3, D6).
 * 2. A follow-up's first post replies to the original post of the same account, when that was sent.
 * 3. Take the rest of the thread from the X app's 24-hour budget, unless the approval already
 *    counted it (a first attempt of a delivery planned with the broadcast's reservation).
 * 4. Post what is missing, appending each id as it lands. X refusing a post as duplicate content
 *    means an attempt we lost track of posted it: the earlier post is looked up and recorded.
 */
export async function postXThread(
  deps: PostXThreadDeps,
  attempt: SendAttempt,
  call: ProviderCall,
): Promise<void> {
  const { claimed, broadcast, mayHaveReachedProvider, progress: ids } = attempt;
  const thread = broadcast.content.xThread;
  const findOurPosts = () =>
    deps.poster.findPosts(
      { accountId: claimed.target, marker: broadcast.content.link, ...lookupSince(broadcast) },
      call,
    );
  if (mayHaveReachedProvider) {
    const found = await findOurPosts();
    if (found.length > ids.length)
      ids.splice(0, ids.length, ...found.slice(0, thread.length).map((post) => post.id));
  }
  const replyTo = ids.length === 0 ? await originalPostId(deps, broadcast, claimed.target) : undefined;
  const counted = claimed.budgetReserved === true && claimed.attempts === 1 && !mayHaveReachedProvider;
  if (ids.length < thread.length && !counted) {
    // The whole rest of the thread at once: a thread cut in half by the budget helps nobody.
    const budget = await reserveXPosts(deps, thread.length - ids.length, deps.clock.now());
    if (!budget.granted) {
      throw new ChannelError("the X app's 24-hour post budget is used up", {
        retryable: true,
        retryAt: budget.retryAt,
      });
    }
  }

  for (let i = ids.length; i < thread.length; i++) {
    const inReplyTo = i === 0 ? replyTo : ids[i - 1];
    const text = thread[i] as string;
    try {
      const post = await deps.poster.post(
        { accountId: claimed.target, text, ...(inReplyTo ? { inReplyTo } : {}) },
        call,
      );
      ids.push(post.id);
    } catch (error) {
      if (!(error instanceof DuplicateContentError)) throw error;
      const existing = (await findOurPosts()).find((post) => !ids.includes(post.id));
      if (!existing)
        throw new ChannelError('duplicate content refused, but no earlier post carries the link', {
          retryable: false,
          cause: error,
        });
      ids.push(existing.id);
    }
  }
}

/** Posts of this broadcast cannot be older than its approval. */
function lookupSince(broadcast: Broadcast): { since?: Date } {
  return broadcast.approval ? { since: new Date(broadcast.approval.at) } : {};
}

/** On X a follow-up replies to the original post of the same account, when that one was sent (D8). */
async function originalPostId(
  deps: PostXThreadDeps,
  broadcast: Broadcast,
  accountId: string,
): Promise<string | undefined> {
  if (!broadcast.follows) return undefined;
  const original = await deps.ledger.get({ broadcastId: broadcast.follows, channel: 'x', target: accountId });
  return original?.status === 'SENT' ? original.providerIds[0] : undefined;
}
