import { describe, expect, it } from 'vitest';
import { incidentTimeline } from '../../../shared/domain/timeline.js';
import type { DeliveryLedger } from '../../../shared/ports/repositories.js';
import { fileFollowUp } from '../../../shared/use-cases/file-follow-up.js';
import { fileIncident } from '../../../shared/use-cases/file-incident.js';
import { getIncident } from '../../../shared/use-cases/read-models.js';
import { rejectBroadcast } from '../../../shared/use-cases/reject-broadcast.js';
import {
  commsChloe,
  inspectorAda,
  type MemoryEngine,
  memoryEngine,
  weaponsCall,
} from '../../support/memory-engine.js';

/** No broadcast here is dispatched: the read model finds no deliveries. */
const emptyLedger = { listForBroadcast: async () => [] } as unknown as DeliveryLedger;

async function approve(engine: MemoryEngine, id: string, contentHash: string) {
  const at = engine.clock.now().toISOString();
  return engine.broadcasts.approve(
    id,
    { by: 'inspector.ben', at, contentHash },
    { at, actor: 'inspector.ben', from: 'PENDING_APPROVAL', to: 'APPROVED' },
  );
}

describe("an incident's timeline from what the read model returns", () => {
  it('tells the whole life of an incident: filed, approved, an update returned for edit, cancelled, closed', async () => {
    const engine = memoryEngine();
    const minute = () => engine.clock.advance(60_000);
    const { incident, broadcast: alert } = await fileIncident(engine, inspectorAda, weaponsCall(engine));
    minute();
    await approve(engine, alert.id, alert.contentHash);
    minute();
    const update = await fileFollowUp(engine, commsChloe, {
      incidentId: incident.id,
      kind: 'update',
      facts: { time: '21:50' },
    });
    minute();
    await rejectBroadcast(engine, inspectorAda, {
      broadcastId: update.id,
      reason: 'give the cross street',
      returnForEdit: true,
    });
    minute();
    const cancel = await fileFollowUp(engine, commsChloe, { incidentId: incident.id, kind: 'cancel' });
    minute();
    await approve(engine, cancel.id, cancel.contentHash);
    await engine.incidents.close(incident.id, {
      at: engine.clock.now().toISOString(),
      actor: 'inspector.ben',
      from: 'OPEN',
      to: 'CLOSED',
      reason: 'cancel',
    });

    const read = await getIncident({ ...engine, ledger: emptyLedger }, commsChloe, incident.id);
    const timeline = incidentTimeline(
      read.incident,
      read.broadcasts.map((b) => b.broadcast),
    );

    expect(timeline.map((e) => [e.broadcast?.kind ?? 'incident', e.actor, e.from, e.to])).toEqual([
      ['incident', 'inspector.ada', null, 'OPEN'],
      ['alert', 'inspector.ada', null, 'PENDING_APPROVAL'],
      ['alert', 'inspector.ben', 'PENDING_APPROVAL', 'APPROVED'],
      ['update', 'comms.chloe', null, 'PENDING_APPROVAL'],
      ['update', 'inspector.ada', 'PENDING_APPROVAL', 'REJECTED'],
      ['cancel', 'comms.chloe', null, 'PENDING_APPROVAL'],
      ['cancel', 'inspector.ben', 'PENDING_APPROVAL', 'APPROVED'],
      ['incident', 'inspector.ben', 'OPEN', 'CLOSED'],
    ]);
    expect(timeline[4]).toMatchObject({
      broadcast: { id: update.id, kind: 'update' },
      reason: 'give the cross street',
      returned: true,
    });
  });
});
