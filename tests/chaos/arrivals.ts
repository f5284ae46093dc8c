// Resolves when the fakes have received all of a broadcast's posts and publishes.
import type { Herald } from '../support/herald.js';

/** Resolves when the fakes have received a broadcast's posts and publishes (in-process, no polling). */
export class Arrivals {
  private readonly waiting = new Map<
    string,
    {
      link: string;
      posts: number;
      publishes: number;
      want: { posts: number; publishes: number };
      done: () => void;
    }
  >();

  constructor(inbox: Herald['runtime']['inbox']) {
    inbox.onAppend((record) => {
      for (const [broadcastId, entry] of this.waiting) {
        if (record.kind === 'post' && record.text.includes(entry.link)) entry.posts += 1;
        else if (record.kind === 'publish' && record.attributes.broadcastId === broadcastId)
          entry.publishes += 1;
        else continue;
        if (entry.posts >= entry.want.posts && entry.publishes >= entry.want.publishes) {
          this.waiting.delete(broadcastId);
          entry.done();
        }
      }
    });
  }

  forget(broadcastId: string): void {
    this.waiting.delete(broadcastId);
  }

  waitFor(link: string, broadcastId: string, want: { posts: number; publishes: number }): Promise<void> {
    return new Promise((done) => this.waiting.set(broadcastId, { link, posts: 0, publishes: 0, want, done }));
  }
}
