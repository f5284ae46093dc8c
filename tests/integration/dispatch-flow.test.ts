import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postsOf, publishesOf, threadsPerAccount } from '../support/delivered.js';
import { fileAndApprove, type Herald, startHerald } from '../support/herald.js';

let herald: Herald;
beforeAll(async () => {
  herald = await startHerald();
});
afterAll(async () => herald.stop());

describe('dispatching an approved two-division broadcast', () => {
  it('posts one thread per relevant account and publishes once per area-and-language topic, nowhere else', async () => {
    const { broadcast } = await fileAndApprove(herald);
    await herald.settled();

    const registry = herald.runtime.registry;
    const category = registry.categories.find((c) => c.id === 'weapons-call');
    const expectedAccounts = [
      'div-14',
      'div-51',
      ...(category?.units ?? []).map((u) => `unit-${u}`),
      registry.headquarters.accountId,
    ].sort();
    const posts = postsOf(herald, broadcast.preview.link);
    const threads = threadsPerAccount(posts);
    expect([...threads.keys()].sort()).toEqual(expectedAccounts);
    expect([...threads.values()].every((count) => count === 1)).toBe(true);
    expect(posts).toHaveLength(expectedAccounts.length * broadcast.preview.xThread.length);

    const topics = publishesOf(herald, broadcast.preview.link)
      .map((p) => p.topic)
      .sort();
    expect(topics).toEqual(['area-14-en', 'area-14-fr', 'area-51-en', 'area-51-fr']);

    const view = await herald.call('GET', `/broadcasts/${broadcast.id}`, { user: 'comms.chloe' });
    expect(view.body.broadcast.status).toBe('DELIVERED');
    expect(view.body.broadcast.delivery.counts.SENT).toBe(expectedAccounts.length + 4);
    const deliveries = await herald.call('GET', `/broadcasts/${broadcast.id}/deliveries`, {
      user: 'comms.chloe',
    });
    expect(deliveries.body).toHaveLength(expectedAccounts.length + 4);
    expect(
      deliveries.body.every(
        (d: { status: string; providerId?: string }) => d.status === 'SENT' && d.providerId,
      ),
    ).toBe(true);
  });

  it('sends French text to the French topics and English text to the English ones', async () => {
    const { broadcast } = await fileAndApprove(herald);
    await herald.settled();
    const french = publishesOf(herald, broadcast.preview.link).find((p) => p.topic === 'area-14-fr');
    const english = publishesOf(herald, broadcast.preview.link).find((p) => p.topic === 'area-14-en');
    expect(french?.sms).toBe(broadcast.preview.languages.fr.sms.text);
    expect(english?.email).toBe(broadcast.preview.languages.en.email.body);
  });

  it('sends an Exercise only to sandbox accounts and exercise topics, marked as an exercise', async () => {
    const { broadcast } = await fileAndApprove(herald, { status: 'Exercise' });
    await herald.settled();
    const sandboxAccounts = herald.runtime.registry.accounts
      .filter((a) => a.kind === 'sandbox')
      .map((a) => a.id);
    const posts = postsOf(herald, broadcast.preview.link);
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((p) => sandboxAccounts.includes(p.account))).toBe(true);
    expect(posts.every((p) => p.text.startsWith('EXERCISE') || p.text.startsWith('EXERCICE'))).toBe(true);
    const topics = publishesOf(herald, broadcast.preview.link).map((p) => p.topic);
    expect(topics.length).toBe(4);
    expect(topics.every((t) => t.startsWith('exercise-'))).toBe(true);
  });
});

describe('approving', () => {
  it('posts once when the same broadcast is approved twice', async () => {
    const { broadcast } = await fileAndApprove(herald);
    const again = await herald.call('POST', `/broadcasts/${broadcast.id}/approve`, {
      user: 'comms.chloe',
      body: { contentHash: broadcast.contentHash },
    });
    expect(again.status).toBe(409);
    await herald.settled();
    expect(threadsPerAccount(postsOf(herald, broadcast.preview.link)).get('div-14')).toBe(1);
  });

  it('lets exactly one of two simultaneous approvers win', async () => {
    const { body } = await herald.fileIncident();
    const approve = (user: string) =>
      herald.call('POST', `/broadcasts/${body.broadcast.id}/approve`, {
        user,
        body: { contentHash: body.broadcast.contentHash },
      });
    const results = await Promise.all([approve('inspector.ben'), approve('comms.chloe')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    await herald.settled();
    expect(threadsPerAccount(postsOf(herald, body.broadcast.preview.link)).get('div-51')).toBe(1);
  });

  it('lets the author break the glass for an Extreme and Immediate incident, and flags it in the audit', async () => {
    const { body } = await herald.fileIncident({ severity: 'Extreme', urgency: 'Immediate' });
    const approved = await herald.call('POST', `/broadcasts/${body.broadcast.id}/approve`, {
      user: 'inspector.ada',
      body: {
        contentHash: body.broadcast.contentHash,
        breakGlassReason: 'Active shooter, no second inspector reachable',
      },
    });
    expect(approved.status).toBe(200);
    const audit = approved.body.broadcast.audit.at(-1);
    expect(audit).toMatchObject({
      actor: 'inspector.ada',
      from: 'PENDING_APPROVAL',
      to: 'APPROVED',
      breakGlass: true,
    });
    await herald.settled();
  });

  it('records who filed and who approved, with times, in the audit trail', async () => {
    const { broadcast } = await fileAndApprove(herald);
    const view = await herald.call('GET', `/broadcasts/${broadcast.id}`, { user: 'inspector.ada' });
    expect(view.body.broadcast.audit).toEqual([
      expect.objectContaining({
        actor: 'inspector.ada',
        from: null,
        to: 'PENDING_APPROVAL',
        at: expect.any(String),
      }),
      expect.objectContaining({
        actor: 'inspector.ben',
        from: 'PENDING_APPROVAL',
        to: 'APPROVED',
        at: expect.any(String),
      }),
    ]);
    await herald.settled();
  });
});

describe('following up', () => {
  it('replies to the original post in every account with an update awaiting its own approval', async () => {
    const { incident, broadcast } = await fileAndApprove(herald);
    await herald.settled();
    const filed = await herald.call('POST', `/incidents/${incident.id}/follow-ups`, {
      user: 'comms.chloe',
      body: { kind: 'update', facts: { location: 'King St W and Bathurst St' } },
    });
    expect(filed.status).toBe(201);
    expect(filed.body.broadcast).toMatchObject({
      status: 'PENDING_APPROVAL',
      follows: broadcast.id,
      msgType: 'Update',
    });
    await herald.call('POST', `/broadcasts/${filed.body.broadcast.id}/approve`, {
      user: 'inspector.ben',
      body: { contentHash: filed.body.broadcast.contentHash },
    });
    await herald.settled();

    const originals = postsOf(herald, broadcast.preview.link);
    const updates = postsOf(herald, filed.body.broadcast.preview.link);
    const accounts = [...new Set(originals.map((p) => p.account))];
    expect(new Set(updates.map((p) => p.account))).toEqual(new Set(accounts));
    for (const account of accounts) {
      const originalFirst = originals.find((p) => p.account === account);
      const updateFirst = updates.find((p) => p.account === account);
      expect(updateFirst?.inReplyTo).toBe(originalFirst?.id);
    }
  });

  it('closes the incident on an approved all-clear and then accepts only a correction', async () => {
    const { incident } = await fileAndApprove(herald);
    await herald.settled();
    const allClear = await herald.call('POST', `/incidents/${incident.id}/follow-ups`, {
      user: 'inspector.ada',
      body: {
        kind: 'all-clear',
        note: { en: 'The suspect is in custody.', fr: 'Le suspect est sous garde.' },
      },
    });
    expect(allClear.status).toBe(201);
    await herald.call('POST', `/broadcasts/${allClear.body.broadcast.id}/approve`, {
      user: 'inspector.ben',
      body: { contentHash: allClear.body.broadcast.contentHash },
    });
    const closed = await herald.call('GET', `/incidents/${incident.id}`, { user: 'inspector.ada' });
    expect(closed.body.incident.state).toBe('CLOSED');
    const update = await herald.call('POST', `/incidents/${incident.id}/follow-ups`, {
      user: 'inspector.ada',
      body: { kind: 'update' },
    });
    expect(update.status).toBe(409);
    const correction = await herald.call('POST', `/incidents/${incident.id}/follow-ups`, {
      user: 'inspector.ada',
      body: { kind: 'correction', facts: { time: '21:45' } },
    });
    expect(correction.status).toBe(201);
    await herald.settled();
  });
});

describe('recovering', () => {
  it('posts nothing more when every job of a delivered broadcast is delivered again', async () => {
    const { broadcast } = await fileAndApprove(herald);
    await herald.settled();
    const before = postsOf(herald, broadcast.preview.link).length;
    const deliveries = await herald.call('GET', `/broadcasts/${broadcast.id}/deliveries`, {
      user: 'inspector.ada',
    });
    for (const d of deliveries.body) {
      herald.runtime.queues.send(d.channel === 'x' ? 'x-deliveries' : 'sns-deliveries', [
        { broadcastId: broadcast.id, channel: d.channel, target: d.target },
      ]);
    }
    await herald.settled();
    expect(postsOf(herald, broadcast.preview.link)).toHaveLength(before);
    expect(publishesOf(herald, broadcast.preview.link)).toHaveLength(4);
  });
});
