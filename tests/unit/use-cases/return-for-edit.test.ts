import { describe, expect, it } from 'vitest';
import { returnedForEdit } from '../../../shared/domain/approval-policy.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import { fileIncident } from '../../../shared/use-cases/file-incident.js';
import { listAwaitingApproval } from '../../../shared/use-cases/read-models.js';
import { rejectBroadcast } from '../../../shared/use-cases/reject-broadcast.js';
import { commsChloe, inspectorAda, memoryEngine, weaponsCall } from '../../support/memory-engine.js';

async function pendingAlert() {
  const engine = memoryEngine();
  const { broadcast } = await fileIncident(engine, inspectorAda, weaponsCall(engine));
  engine.clock.advance(120_000);
  return { engine, broadcast };
}

const REASON = 'Name the nearest cross street, not the block.';

describe('returning a broadcast for edit', () => {
  it('rejects it with returned: true on the rejection and in its audit entry', async () => {
    const { engine, broadcast } = await pendingAlert();
    const at = engine.clock.now().toISOString();

    const returned = await rejectBroadcast(engine, commsChloe, {
      broadcastId: broadcast.id,
      reason: REASON,
      returnForEdit: true,
    });

    expect(returned.status).toBe('REJECTED');
    expect(returned.rejection).toEqual({ by: commsChloe.id, at, reason: REASON, returned: true });
    expect(returned.history.at(-1)).toEqual({
      at,
      actor: commsChloe.id,
      from: 'PENDING_APPROVAL',
      to: 'REJECTED',
      reason: REASON,
      returned: true,
    });
    expect(returnedForEdit(returned)).toEqual({ by: commsChloe.id, at, reason: REASON });
    expect(await listAwaitingApproval(engine, commsChloe)).toEqual([]);
  });

  it('leaves returned out of a plain rejection and its audit entry', async () => {
    const { engine, broadcast } = await pendingAlert();

    const rejected = await rejectBroadcast(engine, commsChloe, { broadcastId: broadcast.id, reason: REASON });

    expect(rejected.rejection).not.toHaveProperty('returned');
    expect(rejected.history.at(-1)).not.toHaveProperty('returned');
    expect(returnedForEdit(rejected)).toBeUndefined();
  });

  it('still lets the author withdraw their own draft', async () => {
    const { engine, broadcast } = await pendingAlert();

    const withdrawn = await rejectBroadcast(engine, inspectorAda, {
      broadcastId: broadcast.id,
      reason: 'filed twice',
    });

    expect(withdrawn.status).toBe('REJECTED');
    expect(withdrawn.rejection?.by).toBe(inspectorAda.id);
    expect(returnedForEdit(withdrawn)).toBeUndefined();
  });

  it('refuses the author returning their own draft, and leaves it pending', async () => {
    const { engine, broadcast } = await pendingAlert();

    const returning = rejectBroadcast(engine, inspectorAda, {
      broadcastId: broadcast.id,
      reason: REASON,
      returnForEdit: true,
    });

    await expect(returning).rejects.toBeInstanceOf(ValidationError);
    expect((await engine.broadcasts.get(broadcast.id))?.status).toBe('PENDING_APPROVAL');
  });
});
