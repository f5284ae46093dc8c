import { describe, expect, it } from 'vitest';
import type { Broadcast } from '../../../shared/domain/broadcast.js';
import { ForbiddenError, ValidationError } from '../../../shared/domain/errors.js';
import type { Ids } from '../../../shared/ports/system.js';
import { fileFollowUp, previewFollowUp } from '../../../shared/use-cases/file-follow-up.js';
import { fileIncident, previewIncident } from '../../../shared/use-cases/file-incident.js';
import {
  adminDev,
  commsChloe,
  inspectorAda,
  type MemoryEngine,
  memoryEngine,
  weaponsCall,
} from '../../support/memory-engine.js';

/** The same id for every call of a prefix, so a preview and the filing after it can be compared. */
const sameIds: Ids = { next: (prefix) => `${prefix}_0000000000aaaaaaaaaaaaaaaa` };

function engineWithSameIds(): MemoryEngine {
  return { ...memoryEngine(), ids: sameIds };
}

/** The error a call throws (fails the test when it throws none). */
async function errorOf(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

async function approve(engine: MemoryEngine, broadcast: Broadcast, by = 'inspector.ben') {
  const at = engine.clock.now().toISOString();
  return engine.broadcasts.approve(
    broadcast.id,
    { by, at, contentHash: broadcast.contentHash },
    { at, actor: by, from: 'PENDING_APPROVAL', to: 'APPROVED' },
  );
}

function stored(engine: MemoryEngine) {
  return { incidents: engine.incidents.items.size, broadcasts: engine.broadcasts.items.size };
}

describe('previewing an incident', () => {
  it('returns exactly the broadcast filing then stores', async () => {
    const engine = engineWithSameIds();

    const preview = await previewIncident(engine, inspectorAda, weaponsCall(engine));
    const { broadcast } = await fileIncident(engine, inspectorAda, weaponsCall(engine));

    expect(preview).toEqual(broadcast);
    expect(await engine.broadcasts.get(broadcast.id)).toEqual(preview);
    expect(preview.status).toBe('PENDING_APPROVAL');
    expect(preview.xSchedule).toBeDefined();
  });

  it('writes neither the incident nor the broadcast', async () => {
    const engine = memoryEngine();

    await previewIncident(engine, inspectorAda, weaponsCall(engine));

    expect(stored(engine)).toEqual({ incidents: 0, broadcasts: 0 });
  });

  it('shows the personal-data warnings filing would keep', async () => {
    const engine = engineWithSameIds();
    const command = weaponsCall(engine, {
      facts: { ...weaponsCall(engine).facts, location: 'outside 123 Queen St W' },
    });

    const preview = await previewIncident(engine, inspectorAda, command);

    expect(preview.warnings).toEqual((await fileIncident(engine, inspectorAda, command)).broadcast.warnings);
    expect(preview.warnings?.length).toBeGreaterThan(0);
  });

  it.each([
    ['an expiry in the past', { expiresAt: '2020-01-01T00:00:00.000Z' }],
    ['an unknown division', { areas: ['14 Division'] }],
    ['a missing required fact', { facts: { time: '21:40' } }],
    ['an unknown category', { category: 'parade' }],
  ])('refuses %s with the same issues and paths as filing', async (_case, overrides) => {
    const engine = memoryEngine();
    const command = weaponsCall(engine, overrides);

    const previewing = await errorOf(() => previewIncident(engine, inspectorAda, command));
    const filing = await errorOf(() => fileIncident(engine, inspectorAda, command));

    expect(previewing).toBeInstanceOf(ValidationError);
    expect(previewing).toEqual(filing);
    expect((previewing as ValidationError).issues).toEqual((filing as ValidationError).issues);
    expect((previewing as ValidationError).issues.length).toBeGreaterThan(0);
    expect(stored(engine)).toEqual({ incidents: 0, broadcasts: 0 });
  });

  it('refuses a comms officer, who may not file an incident either', async () => {
    const engine = memoryEngine();

    await expect(previewIncident(engine, commsChloe, weaponsCall(engine))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});

describe('previewing a follow-up', () => {
  async function approvedAlert(engine: MemoryEngine) {
    const { incident, broadcast } = await fileIncident(engine, inspectorAda, weaponsCall(engine));
    await approve(engine, broadcast);
    engine.clock.advance(60_000);
    return { incident, alert: broadcast };
  }

  it('returns exactly the follow-up filing then stores', async () => {
    const engine = engineWithSameIds();
    const { incident } = await approvedAlert(engine);
    // The follow-up's id must differ from the alert's, yet be the same for preview and filing.
    engine.ids = { next: (prefix) => `${prefix}_0000000000bbbbbbbbbbbbbbbb` };
    const command = { incidentId: incident.id, kind: 'update' as const, facts: { location: 'King St W' } };

    const preview = await previewFollowUp(engine, commsChloe, command);
    const filed = await fileFollowUp(engine, commsChloe, command);

    expect(preview).toEqual(filed);
    expect(preview.follows).toBe('bc_0000000000aaaaaaaaaaaaaaaa');
    expect(preview.content.languages.en?.headline).toContain('King St W');
  });

  it('needs only to read the incident and its broadcasts, and stores nothing', async () => {
    const engine = memoryEngine();
    const { incident } = await approvedAlert(engine);
    const before = stored(engine);
    const readOnly = {
      ...engine,
      incidents: { get: engine.incidents.get.bind(engine.incidents) },
      broadcasts: { listByIncident: engine.broadcasts.listByIncident.bind(engine.broadcasts) },
    };

    const preview = await previewFollowUp(readOnly, commsChloe, { incidentId: incident.id, kind: 'cancel' });

    expect(preview.kind).toBe('cancel');
    expect(stored(engine)).toEqual(before);
  });

  it('refuses an unknown fact with the same issues and paths as filing', async () => {
    const engine = memoryEngine();
    const { incident } = await approvedAlert(engine);
    const command = { incidentId: incident.id, kind: 'update' as const, facts: { weather: 'rain' } };

    const previewing = await errorOf(() => previewFollowUp(engine, commsChloe, command));
    const filing = await errorOf(() => fileFollowUp(engine, commsChloe, command));

    expect(previewing).toBeInstanceOf(ValidationError);
    expect((previewing as ValidationError).issues).toEqual([
      { path: ['facts', 'weather'], message: 'not a fact of this category' },
    ]);
    expect((filing as ValidationError).issues).toEqual((previewing as ValidationError).issues);
  });

  it('refuses a follow-up of an incident with nothing approved, as filing does', async () => {
    const engine = memoryEngine();
    const { incident } = await fileIncident(engine, inspectorAda, weaponsCall(engine));
    const command = { incidentId: incident.id, kind: 'update' as const };

    const previewing = await errorOf(() => previewFollowUp(engine, commsChloe, command));

    expect(previewing).toEqual(await errorOf(() => fileFollowUp(engine, commsChloe, command)));
    expect((previewing as Error).message).toMatch(/no approved broadcast/);
  });

  it('refuses a reader without a filing role', async () => {
    const engine = memoryEngine();
    const { incident } = await approvedAlert(engine);
    await expect(
      previewFollowUp(engine, adminDev, { incidentId: incident.id, kind: 'update' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});
