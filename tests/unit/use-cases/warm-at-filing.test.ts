import { describe, expect, it } from 'vitest';
import type { Broadcast } from '../../../shared/domain/broadcast.js';
import { fileFollowUp } from '../../../shared/use-cases/file-follow-up.js';
import { fileIncident } from '../../../shared/use-cases/file-incident.js';
import { inspectorAda, memoryEngine, weaponsCall } from '../../support/memory-engine.js';

const shapeOf = (broadcast: Broadcast) => ({
  broadcastId: broadcast.id,
  accounts: broadcast.audience.accounts,
  topics: broadcast.audience.topics.length,
});

describe('filing warms the delivery workers (D40)', () => {
  it('asks for the broadcast that awaits approval, with its accounts and topic count', async () => {
    const engine = memoryEngine();
    const { broadcast } = await fileIncident(engine, inspectorAda, weaponsCall(engine));

    expect(broadcast.audience.accounts.length).toBeGreaterThan(0);
    expect(engine.warmer.warmed).toEqual([shapeOf(broadcast)]);
  });

  it('warms again for a follow-up, which awaits its own approval', async () => {
    const engine = memoryEngine();
    const { incident, broadcast } = await fileIncident(engine, inspectorAda, weaponsCall(engine));
    const at = engine.clock.now().toISOString();
    await engine.broadcasts.approve(
      broadcast.id,
      { by: 'inspector.ben', at, contentHash: broadcast.contentHash },
      { at, actor: 'inspector.ben', from: 'PENDING_APPROVAL', to: 'APPROVED' },
    );
    const update = await fileFollowUp(engine, inspectorAda, {
      incidentId: incident.id,
      kind: 'update',
      facts: { location: 'King St W and Spadina Ave' },
    });

    expect(engine.warmer.warmed.at(-1)).toEqual(shapeOf(update));
    expect(engine.warmer.warmed).toHaveLength(2);
  });

  it('still files when the warm-up is refused, and logs why without failing the filer', async () => {
    const engine = memoryEngine();
    engine.warmer.failWith = new Error(
      '3 of 24 warm-up invocations were not accepted: TooManyRequestsException',
    );
    const { incident, broadcast } = await fileIncident(engine, inspectorAda, weaponsCall(engine));

    expect(await engine.broadcasts.get(broadcast.id)).toMatchObject({ status: 'PENDING_APPROVAL' });
    expect(await engine.incidents.get(incident.id)).toBeDefined();
    const warning = engine.lines.find((line) => line.level === 'warn');
    expect(warning).toMatchObject({ broadcastId: broadcast.id, errorName: 'Error' });
    expect(String(warning?.message)).toContain('could not be warmed');
  });

  it('warms nothing when the filing is refused before anything is written', async () => {
    const engine = memoryEngine();
    const past = new Date(engine.clock.now().getTime() - 60_000).toISOString();
    await expect(
      fileIncident(engine, inspectorAda, weaponsCall(engine, { expiresAt: past })),
    ).rejects.toThrow('bad expiry');
    expect(engine.warmer.warmed).toEqual([]);
  });
});
