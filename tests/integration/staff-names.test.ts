import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient } from '../support/console-client.js';
import { fileAndApprove, type Herald, startHerald } from '../support/herald.js';
import { textOfId } from '../support/html.js';

/**
 * D36 on a local Herald: the demo users' tokens carry a `name` claim as Cognito id tokens do, the
 * audit entries keep it beside the subject id, and the console shows names, while an entry written
 * before names were kept still reads, by its id.
 */

let herald: Herald;
beforeAll(async () => {
  herald = await startHerald();
}, 60_000);
afterAll(async () => herald?.stop());

async function filedAndApproved() {
  const filed = await fileAndApprove(herald);
  await herald.settled();
  return filed;
}

describe('names in the audit trail', () => {
  it('keeps the display name beside the stable id in each staff entry', async () => {
    const { broadcast } = await filedAndApproved();

    const view = await herald.call('GET', `/broadcasts/${broadcast.id}`, { user: 'comms.chloe' });

    expect(view.body.broadcast.audit).toEqual([
      expect.objectContaining({
        actor: 'inspector.ada',
        actorName: 'Inspector Ada Okafor',
        to: 'PENDING_APPROVAL',
      }),
      expect.objectContaining({ actor: 'inspector.ben', actorName: 'Inspector Ben Hartley', to: 'APPROVED' }),
    ]);
  });

  it('shows names on the incident timeline and the broadcast page, and the id of an entry without one', async () => {
    const { broadcast, incident } = await filedAndApproved();
    // An entry as written before names were kept: an actor id and no name.
    await herald.runtime.context.incidents.close(incident.id, {
      at: new Date().toISOString(),
      actor: 'b1e2c3d4-0000-4000-8000-000000000000',
      from: 'OPEN',
      to: 'CLOSED',
      reason: 'closed before names were kept',
    });
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');

    const page = await chloe.get(`/console/incidents/${incident.id}`);
    const trail = textOfId(page.html, 'audit-trail') ?? '';
    expect(trail).toContain('Inspector Ada Okafor');
    expect(trail).toContain('Inspector Ben Hartley');
    expect(trail).toContain('b1e2c3d4-0000-4000-8000-000000000000');
    expect(trail).not.toContain('inspector.ben');

    const { html } = await chloe.get(`/console/broadcasts/${broadcast.id}`);
    expect(html).toContain('Inspector Ada Okafor at');
    expect(html).toContain('Inspector Ben Hartley at');
    expect(html).not.toContain('inspector.ben at');
  });

  it('still refuses the author as approver: the two-person rule compares ids', async () => {
    const filed = await herald.fileIncident();
    const self = await herald.call('POST', `/broadcasts/${filed.body.broadcast.id}/approve`, {
      user: 'inspector.ada',
      body: { contentHash: filed.body.broadcast.contentHash },
    });
    expect(self.status).toBe(403);
  });
});
