import type { PostRecord } from '../../infra/local/fakes/inbox-store.js';
import type { Herald } from './herald.js';

/** The posts the fake X received for one broadcast, found by its link. */
export function postsOf(h: Herald, link: string): PostRecord[] {
  return h.runtime.inbox.posts().filter((p) => p.text.includes(link));
}

/** The publishes the fake SNS received for one broadcast, found by its link. */
export function publishesOf(h: Herald, link: string) {
  return h.runtime.inbox.publishes().filter((p) => p.sms.includes(link) || p.email.includes(link));
}

/** Per account: the number of separate threads (posts that are not replies to our own posts). */
export function threadsPerAccount(posts: PostRecord[]): Map<string, number> {
  const ids = new Set(posts.map((p) => p.id));
  const threads = new Map<string, number>();
  for (const post of posts) {
    if (!post.inReplyTo || !ids.has(post.inReplyTo))
      threads.set(post.account, (threads.get(post.account) ?? 0) + 1);
  }
  return threads;
}
