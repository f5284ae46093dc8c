import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeX, startFakeX } from '../../../infra/local/fakes/fake-x.js';
import { StaticSecretStore } from '../../../shared/adapters/secrets/static-secret-store.js';
import { xSecretName } from '../../../shared/adapters/x/x-accounts.js';
import { DuplicatePostError, XPoster } from '../../../shared/adapters/x/x-poster.js';
import { ChannelError } from '../../../shared/domain/errors.js';

const accounts = [
  { id: 'hq', handle: 'SampleHQ' },
  { id: 'div-11', handle: 'SampleDiv11' },
  { id: 'div-14', handle: 'SampleDiv14' },
];

let fx: FakeX;
let secrets: StaticSecretStore;
let counter = 0;
/** Every test posts distinct text, so the duplicate rule only fires where a test wants it. */
const unique = (label: string) => `${label} #${++counter} ${Date.now()}`;

function poster(options: { timeoutMs?: number } = {}) {
  return new XPoster({ secrets, baseUrl: fx.url, timeoutMs: options.timeoutMs ?? 5_000 });
}

async function failure(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChannelError);
  return error as ChannelError;
}

beforeAll(async () => {
  fx = await startFakeX({ accounts });
  secrets = new StaticSecretStore(
    Object.fromEntries(accounts.map((a) => [xSecretName(a.id), fx.credentials(a.id)])),
  );
});

afterEach(() => {
  fx.faults.reset();
});

afterAll(async () => {
  await fx.close();
});

describe('the X poster against the fake X', () => {
  it('posts from the right account and links the post under its handle', async () => {
    const text = unique('Road closed on Main St');

    const post = await poster().post({ accountId: 'div-11', text });

    expect(post.url).toBe(`https://x.com/SampleDiv11/status/${post.id}`);
    expect(fx.inbox.posts().find((p) => p.id === post.id)).toMatchObject({ account: 'div-11', text });
  });

  it('records a reply chain with each reply pointing at the post before it', async () => {
    const x = poster();
    const first = await x.post({ accountId: 'hq', text: unique('Thread 1/2') });

    const second = await x.post({ accountId: 'hq', text: unique('Thread 2/2'), inReplyTo: first.id });

    const recorded = fx.inbox.posts().find((p) => p.id === second.id);
    expect(recorded).toMatchObject({ account: 'hq', inReplyTo: first.id });
  });

  it('refuses a reply to a post that does not exist, permanently', async () => {
    const error = await failure(poster().post({ accountId: 'hq', text: unique('orphan'), inReplyTo: '123' }));

    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/deleted or not visible/);
  });

  it('is refused 401 when signing with a wrong token secret, and does not retry', async () => {
    const good = fx.credentials('div-14');
    const wrong = new StaticSecretStore({
      [xSecretName('div-14')]: { ...good, accessSecret: 'not-the-secret' },
    });
    const x = new XPoster({ secrets: wrong, baseUrl: fx.url });
    const before = fx.inbox.posts().length;

    const error = await failure(x.post({ accountId: 'div-14', text: unique('forged') }));

    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/revoked or invalid/);
    expect(fx.inbox.posts()).toHaveLength(before);
  });

  it('maps a 429 to a retry at the reset time X announced', async () => {
    const resetAt = Math.floor(Date.now() / 1000) + 600;
    fx.faults.set({ rateLimit: { posts: 1, accountId: 'div-11', resetAt } });

    const error = await failure(poster().post({ accountId: 'div-11', text: unique('limited') }));

    expect(error.retryable).toBe(true);
    expect(error.ambiguous).toBe(false);
    expect(error.retryAt).toBe(resetAt * 1000);
  });

  it('waits for the 24-hour user limit when that is the one that ran out', async () => {
    const resetAt = Math.floor(Date.now() / 1000) + 20 * 3600;
    fx.faults.set({ rateLimit: { posts: 1, scope: 'user-day', resetAt } });

    const error = await failure(poster().post({ accountId: 'hq', text: unique('day limit') }));

    expect(error.retryAt).toBe(resetAt * 1000);
  });

  it('maps a 503 to a retryable, unambiguous failure', async () => {
    fx.faults.set({ errorRate: 1 });

    const error = await failure(poster().post({ accountId: 'hq', text: unique('unavailable') }));

    expect(error.retryable).toBe(true);
    expect(error.ambiguous).toBe(false);
  });

  it('raises DuplicatePostError when the account posts the same text again', async () => {
    const x = poster();
    const text = unique('Shelter in place');
    await x.post({ accountId: 'div-14', text });

    const error = await failure(x.post({ accountId: 'div-14', text }));

    expect(error).toBeInstanceOf(DuplicatePostError);
    expect(error.retryable).toBe(false);
  });

  it('calls a timeout after X accepted the post ambiguous, and finds the post by its marker', async () => {
    const marker = `https://alerts.example.org/b/${Date.now()}`;
    const text = `${unique('Missing person')} ${marker}`;
    await poster().findPosts({ accountId: 'hq', marker }); // learns who-am-I before the fault
    fx.faults.set({ acceptThenTimeout: 1 });
    const x = poster({ timeoutMs: 300 });

    const started = Date.now();
    const error = await failure(x.post({ accountId: 'hq', text }));

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.ambiguous).toBe(true);
    expect(error.retryable).toBe(true);
    const recorded = fx.inbox.posts().find((p) => p.text === text);
    expect(recorded?.account).toBe('hq');
    fx.faults.reset();
    const found = await x.findPosts({ accountId: 'hq', marker });
    expect(found).toEqual([{ id: recorded?.id, url: `https://x.com/SampleHQ/status/${recorded?.id}` }]);
  });

  it('finds marked posts oldest first, through the t.co wrapping of links', async () => {
    const x = poster();
    const marker = `https://alerts.example.org/b/chain-${Date.now()}`;
    const first = await x.post({ accountId: 'div-11', text: `${unique('Update 1')} ${marker}` });
    await x.post({ accountId: 'div-11', text: unique('unrelated') });
    const second = await x.post({ accountId: 'div-11', text: `${unique('Update 2')} ${marker}` });

    const found = await x.findPosts({ accountId: 'div-11', marker });

    expect(found.map((p) => p.id)).toEqual([first.id, second.id]);
  });

  it('finds a marked post more than a page back by reading every page since the approval', async () => {
    const x = poster();
    const since = new Date();
    const marker = `https://alerts.example.org/b/deep-${Date.now()}`;
    const marked = await x.post({ accountId: 'div-14', text: `${unique('Alert')} ${marker}` });
    // A busy account: 150 newer posts push the marked one off the first page of 100.
    for (let i = 0; i < 150; i++) await x.post({ accountId: 'div-14', text: unique('later') });

    expect(await x.findPosts({ accountId: 'div-14', marker })).toEqual([]);
    const found = await x.findPosts({ accountId: 'div-14', marker, since });
    expect(found.map((p) => p.id)).toEqual([marked.id]);
  });

  it('treats a revoked account as a permanent failure', async () => {
    fx.faults.set({ revoked: ['div-14'] });

    const error = await failure(poster().post({ accountId: 'div-14', text: unique('revoked') }));

    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/div-14/);
  });

  it('treats a suspended account as a permanent failure', async () => {
    fx.faults.set({ suspended: ['div-11'] });

    const error = await failure(poster().post({ accountId: 'div-11', text: unique('suspended') }));

    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/suspended/);
  });

  it('reads the secret again after a 401, so rotated credentials work on the next attempt', async () => {
    const name = xSecretName('div-14');
    const rotating = new StaticSecretStore({
      [name]: { ...fx.credentials('div-14'), accessSecret: 'old-secret' },
    });
    const x = new XPoster({ secrets: rotating, baseUrl: fx.url, credentialsTtlMs: 60 * 60_000 });
    await failure(x.post({ accountId: 'div-14', text: unique('before rotation') }));
    rotating.set(name, fx.credentials('div-14'));

    const post = await x.post({ accountId: 'div-14', text: unique('after rotation') });

    expect(fx.inbox.posts().some((p) => p.id === post.id)).toBe(true);
  });

  it('prepares an account for a warm-up by reading its secret once, without calling X (D40)', async () => {
    const reads: string[] = [];
    const counted = {
      getJson: <T>(name: string) => {
        reads.push(name);
        return secrets.getJson<T>(name);
      },
    };
    const x = new XPoster({ secrets: counted, baseUrl: fx.url, timeoutMs: 5_000 });
    // Every request to X would fail: the preparation must not make one.
    fx.faults.set({ errorRate: 1 });
    await x.prepare('div-14');
    fx.faults.reset();

    const post = await x.post({ accountId: 'div-14', text: unique('After a warm-up') });
    expect(post.url).toContain('/SampleDiv14/status/');
    expect(reads).toEqual([xSecretName('div-14')]);
  });

  it('fails permanently for an account without stored credentials', async () => {
    const error = await failure(poster().post({ accountId: 'div-99', text: unique('nobody') }));

    expect(error.retryable).toBe(false);
  });

  it('reports a post that could not reach X as retryable and not ambiguous', async () => {
    const closed = await startFakeX({ accounts });
    const url = closed.url;
    await closed.close();
    const x = new XPoster({
      secrets: new StaticSecretStore({
        [xSecretName('hq')]: { ...fx.credentials('hq'), userId: '1', handle: 'SampleHQ' },
      }),
      baseUrl: url,
    });

    const error = await failure(x.post({ accountId: 'hq', text: unique('unreachable') }));

    expect(error.retryable).toBe(true);
    expect(error.ambiguous).toBe(false);
  });
});
