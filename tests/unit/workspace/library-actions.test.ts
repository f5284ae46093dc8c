import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError } from '../../../shared/domain/errors.js';
import type { Resource, ResourceContent } from '../../../shared/domain/resource.js';
import type { ResourceRepository } from '../../../shared/ports/resources.js';
import { setResourceActive, verifyResource } from '../../../shared/use-cases/resource-actions.js';
import { saveResource } from '../../../shared/use-cases/save-resource.js';
import { commsChloe, inspectorAda, registry } from '../../support/memory-engine.js';
import { ManualClock, RecordingQueue } from '../../support/recording-ports.js';

/** The library in memory, its writes conditional on the revision read, as DynamoDB's are. */
class MemoryResources implements ResourceRepository {
  readonly entries = new Map<string, Resource>();
  writes = 0;
  async list() {
    return [...this.entries.values()];
  }
  async get(id: string) {
    return this.entries.get(id);
  }
  async save(
    seen: Resource | { id: string; revision: 0 },
    content: ResourceContent,
    change: { at: string; actor: string; actorName?: string },
    audit: Resource['history'][number],
  ) {
    const now = this.entries.get(seen.id);
    if ((now?.revision ?? 0) !== seen.revision) throw new ConflictError('changed meanwhile');
    const saved: Resource = {
      ...content,
      id: seen.id,
      revision: seen.revision + 1,
      updatedAt: change.at,
      updatedBy: change.actor,
      ...(change.actorName ? { updatedByName: change.actorName } : {}),
      history: [...(now?.history ?? []), audit],
    };
    this.entries.set(seen.id, saved);
    this.writes++;
    return saved;
  }
}

const CONTENT: ResourceContent = {
  name: { en: 'Harbour Line' },
  description: { en: 'Support.' },
  hours: { en: '24 hours' },
  eligibility: { en: 'Anyone' },
  languagesServed: ['en'],
  areas: ['citywide'],
  categories: ['weapons-call'],
  lastVerifiedAt: '2025-01-10',
  verifiedBy: 'someone.else',
  active: true,
  sample: false,
};

/** 23:30 in Toronto on 3 December is 04:30 on the 4th in UTC. */
function setup(at = '2026-12-04T04:30:00Z') {
  const resources = new MemoryResources();
  const deps = { resources, clock: new ManualClock(Date.parse(at)), queue: new RecordingQueue(), registry };
  return { resources, deps };
}

async function saved(resources: MemoryResources, content: Partial<ResourceContent> = {}) {
  return resources.save(
    { id: 'harbour', revision: 0 },
    { ...CONTENT, ...content },
    { at: 'then', actor: 'x' },
    {
      at: 'then',
      actor: 'x',
      from: null,
      to: 'r1',
    },
  );
}

describe('marking an entry verified', () => {
  it('records the service’s calendar day and who pressed, in one audited conditional write', async () => {
    const { resources, deps } = setup();
    await saved(resources);
    const after = await verifyResource(deps, commsChloe, { id: 'harbour', revision: 1 });
    expect(after).toMatchObject({ revision: 2, lastVerifiedAt: '2026-12-03', verifiedBy: 'comms.chloe' });
    expect(after.history.at(-1)).toMatchObject({ actor: 'comms.chloe', from: 'r1', to: 'r2' });
    expect(after.name).toEqual(CONTENT.name);
  });

  it('writes nothing when pressed again after it is done', async () => {
    const { resources, deps } = setup();
    await saved(resources);
    await verifyResource(deps, commsChloe, { id: 'harbour', revision: 1 });
    const again = await verifyResource(deps, commsChloe, { id: 'harbour', revision: 1 });
    expect(again.revision).toBe(2);
    expect(resources.writes).toBe(2);
  });

  it('refuses a page older than the entry with a conflict', async () => {
    const { resources, deps } = setup();
    await saved(resources);
    await setResourceActive(deps, commsChloe, { id: 'harbour', revision: 1, active: false });
    await expect(verifyResource(deps, commsChloe, { id: 'harbour', revision: 1 })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await resources.get('harbour'))?.lastVerifiedAt).toBe('2025-01-10');
  });

  it('refuses an inspector even when the entry is already verified today', async () => {
    const { resources, deps } = setup();
    await saved(resources, { lastVerifiedAt: '2026-12-03', verifiedBy: 'inspector.ada' });
    await expect(verifyResource(deps, inspectorAda, { id: 'harbour', revision: 1 })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(resources.writes).toBe(1);
  });
});

describe('retiring and restoring an entry', () => {
  it('retires and restores, each a new revision, and a second retire writes nothing', async () => {
    const { resources, deps } = setup();
    await saved(resources);
    expect(
      await setResourceActive(deps, commsChloe, { id: 'harbour', revision: 1, active: false }),
    ).toMatchObject({
      revision: 2,
      active: false,
    });
    await setResourceActive(deps, commsChloe, { id: 'harbour', revision: 1, active: false });
    expect(resources.writes).toBe(2);
    expect(
      await setResourceActive(deps, commsChloe, { id: 'harbour', revision: 2, active: true }),
    ).toMatchObject({
      revision: 3,
      active: true,
    });
  });
});

describe('who saved an entry', () => {
  /** Chloe as she signs in on AWS: a Cognito `sub`, and her `name` claim beside it. */
  const chloeOnAws = {
    id: '3f2a9c1e-7b4d-4e8a-9c61-2d5f0b7e8a14',
    name: 'Chloe Martin',
    roles: ['comms' as const],
  };

  it('keeps the saver’s display name beside the subject id on the entry and its audit entry', async () => {
    const { resources, deps } = setup();
    const created = await saveResource(deps, chloeOnAws, { id: 'harbour', revision: 0, content: CONTENT });
    expect(created).toMatchObject({ updatedBy: chloeOnAws.id, updatedByName: 'Chloe Martin' });
    expect(created.history.at(-1)).toMatchObject({ actor: chloeOnAws.id, actorName: 'Chloe Martin' });
    const retired = await setResourceActive(deps, chloeOnAws, { id: 'harbour', revision: 1, active: false });
    expect(retired).toMatchObject({ revision: 2, updatedBy: chloeOnAws.id, updatedByName: 'Chloe Martin' });
    expect(await resources.get('harbour')).toMatchObject({ updatedByName: 'Chloe Martin' });
  });

  it('writes no name for a principal without one, and drops the previous saver’s name', async () => {
    const { deps } = setup();
    await saveResource(deps, chloeOnAws, { id: 'harbour', revision: 0, content: CONTENT });
    const after = await setResourceActive(deps, commsChloe, { id: 'harbour', revision: 1, active: false });
    expect(after.updatedBy).toBe('comms.chloe');
    expect('updatedByName' in after).toBe(false);
  });
});
