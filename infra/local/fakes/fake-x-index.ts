import type { InboxStore, PostRecord } from './inbox-store.js';

/**
 * The fake X's view of the inbox's posts, indexed: each request used to scan every post ever made
 * (three times), which made a long chaos run quadratic. It follows the inbox as it grows and
 * rebuilds itself when the inbox was cleared.
 */
export class PostIndex {
  private seen = 0;
  private readonly ids = new Set<string>();
  private readonly byAccount = new Map<
    string,
    { posts: PostRecord[]; texts: Set<string>; times: number[] }
  >();
  /** Epoch seconds of every post, in arrival order (the app-wide 24-hour count). */
  private readonly times: number[] = [];

  constructor(private readonly inbox: InboxStore) {}

  has(id: string): boolean {
    this.sync();
    return this.ids.has(id);
  }

  /** An account's posts, oldest first. */
  postsOf(accountId: string): readonly PostRecord[] {
    this.sync();
    return this.byAccount.get(accountId)?.posts ?? [];
  }

  hasText(accountId: string, text: string): boolean {
    this.sync();
    return this.byAccount.get(accountId)?.texts.has(text) ?? false;
  }

  /** Epoch seconds of the account's posts (or all posts) after `sinceS`, oldest first. */
  timesSince(sinceS: number, accountId?: string): number[] {
    this.sync();
    const times = accountId === undefined ? this.times : (this.byAccount.get(accountId)?.times ?? []);
    return times.slice(firstAfter(times, sinceS));
  }

  private sync(): void {
    const size = this.inbox.size();
    if (size < this.seen) this.reset();
    for (const record of this.inbox.since(this.seen)) {
      if (record.kind !== 'post') continue;
      const time = Math.floor(Date.parse(record.at) / 1000);
      this.ids.add(record.id);
      let account = this.byAccount.get(record.account);
      if (!account) {
        account = { posts: [], texts: new Set(), times: [] };
        this.byAccount.set(record.account, account);
      }
      account.posts.push(record);
      account.texts.add(record.text);
      account.times.push(time);
      this.times.push(time);
    }
    this.seen = size;
  }

  private reset(): void {
    this.seen = 0;
    this.ids.clear();
    this.byAccount.clear();
    this.times.length = 0;
  }
}

/** The index of the first time after `sinceS` in an ascending list. */
function firstAfter(times: number[], sinceS: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((times[middle] as number) > sinceS) high = middle;
    else low = middle + 1;
  }
  return low;
}
