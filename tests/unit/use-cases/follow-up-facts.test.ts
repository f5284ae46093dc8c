import { describe, expect, it } from 'vitest';
import type { Broadcast } from '../../../shared/domain/broadcast.js';
import { fileFollowUp } from '../../../shared/use-cases/file-follow-up.js';
import { fileIncident } from '../../../shared/use-cases/file-incident.js';
import {
  commsChloe,
  inspectorAda,
  type MemoryEngine,
  memoryEngine,
  weaponsCall,
} from '../../support/memory-engine.js';

async function approve(engine: MemoryEngine, broadcast: Broadcast): Promise<Broadcast> {
  const at = engine.clock.now().toISOString();
  const approved = await engine.broadcasts.approve(
    broadcast.id,
    { by: 'inspector.ben', at, contentHash: broadcast.contentHash },
    { at, actor: 'inspector.ben', from: 'PENDING_APPROVAL', to: 'APPROVED' },
  );
  engine.clock.advance(60_000);
  return approved;
}

const LOCATION_A = 'Queen St W and Bathurst St';
const LOCATION_B = 'King St W and Spadina Ave';

/** The English headline and SMS, where the location shows. */
const english = (b: Broadcast) => `${b.content.languages.en?.headline} / ${b.content.languages.en?.sms.text}`;

describe('the facts a follow-up is rendered from', () => {
  async function alertThenUpdate(engine: MemoryEngine) {
    const filed = await fileIncident(
      engine,
      inspectorAda,
      weaponsCall(engine, { facts: { ...weaponsCall(engine).facts, location: LOCATION_A } }),
    );
    const alert = await approve(engine, filed.broadcast);
    const update = await approve(
      engine,
      await fileFollowUp(engine, commsChloe, {
        incidentId: filed.incident.id,
        kind: 'update',
        facts: { location: LOCATION_B },
      }),
    );
    return { incident: filed.incident, alert, update };
  }

  it('keeps the location an approved update changed when a correction changes only the note', async () => {
    const engine = memoryEngine();
    const { incident, update } = await alertThenUpdate(engine);

    const correction = await fileFollowUp(engine, commsChloe, {
      incidentId: incident.id,
      kind: 'correction',
      note: { en: 'The suspect was last seen on foot.', fr: 'Le suspect a été vu à pied.' },
    });

    expect(correction.follows).toBe(update.id);
    expect(english(correction)).toContain(LOCATION_B);
    expect(english(correction)).not.toContain(LOCATION_A);
    expect(correction.facts?.location).toBe(LOCATION_B);
  });

  it('keeps the location an approved update changed when a correction changes another fact', async () => {
    const engine = memoryEngine();
    const { incident } = await alertThenUpdate(engine);

    const correction = await fileFollowUp(engine, commsChloe, {
      incidentId: incident.id,
      kind: 'correction',
      facts: { time: '21:45' },
    });

    expect(english(correction)).toContain(LOCATION_B);
    expect(correction.facts).toMatchObject({ location: LOCATION_B, time: '21:45' });
  });

  it('overlays the broadcast named in follows, not the latest approved one', async () => {
    const engine = memoryEngine();
    const { incident, alert } = await alertThenUpdate(engine);

    const correction = await fileFollowUp(engine, commsChloe, {
      incidentId: incident.id,
      kind: 'correction',
      follows: alert.id,
      facts: { time: '21:45' },
    });

    expect(correction.facts?.location).toBe(LOCATION_A);
  });

  it("falls back to the incident's facts for a broadcast stored before broadcasts kept theirs", async () => {
    const engine = memoryEngine();
    const filed = await fileIncident(engine, inspectorAda, weaponsCall(engine));
    const stored = engine.broadcasts.items.get(filed.broadcast.id);
    delete stored?.facts;
    await approve(engine, filed.broadcast);

    const update = await fileFollowUp(engine, commsChloe, {
      incidentId: filed.incident.id,
      kind: 'update',
      facts: { time: '22:05' },
    });

    expect(update.facts).toEqual({ ...filed.incident.facts, time: '22:05' });
  });

  it('remembers on every broadcast the facts it was rendered from', async () => {
    const engine = memoryEngine();
    const { incident, alert, update } = await alertThenUpdate(engine);

    expect(alert.facts).toEqual(incident.facts);
    expect(update.facts).toEqual({ ...incident.facts, location: LOCATION_B });
  });
});
