import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../../shared/domain/errors.js';
import { fileFollowUp } from '../../../shared/use-cases/file-follow-up.js';
import { fileIncident } from '../../../shared/use-cases/file-incident.js';
import { listAwaitingApproval } from '../../../shared/use-cases/read-models.js';
import {
  adminDev,
  commsChloe,
  inspectorAda,
  memoryEngine,
  weaponsCall,
} from '../../support/memory-engine.js';

describe('the broadcasts awaiting approval', () => {
  it('are every pending alert and follow-up, oldest first', async () => {
    const engine = memoryEngine();
    const first = await fileIncident(engine, inspectorAda, weaponsCall(engine));
    engine.clock.advance(60_000);
    const second = await fileIncident(engine, inspectorAda, weaponsCall(engine, { areas: ['22'] }));
    const at = engine.clock.now().toISOString();
    await engine.broadcasts.approve(
      first.broadcast.id,
      { by: 'comms.chloe', at, contentHash: first.broadcast.contentHash },
      { at, actor: 'comms.chloe', from: 'PENDING_APPROVAL', to: 'APPROVED' },
    );
    engine.clock.advance(60_000);
    const update = await fileFollowUp(engine, commsChloe, { incidentId: first.incident.id, kind: 'update' });

    const waiting = await listAwaitingApproval(engine, commsChloe);

    expect(waiting.map((b) => b.id)).toEqual([second.broadcast.id, update.id]);
  });

  it('are readable by an admin, who reads everything and approves nothing', async () => {
    const engine = memoryEngine();
    await fileIncident(engine, inspectorAda, weaponsCall(engine));

    expect(await listAwaitingApproval(engine, adminDev)).toHaveLength(1);
  });

  it('are refused to someone with no staff role', async () => {
    const engine = memoryEngine();

    await expect(listAwaitingApproval(engine, { id: 'visitor', roles: [] })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});
