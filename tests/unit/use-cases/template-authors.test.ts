import { describe, expect, it } from 'vitest';
import { builtinTemplates } from '../../../shared/adapters/templates/builtin-templates.js';
import type { AuditEntry } from '../../../shared/domain/audit.js';
import type { Principal } from '../../../shared/domain/principal.js';
import {
  type TemplateDraft,
  type TemplateRecord,
  type TemplateVersion,
  templateContentOf,
} from '../../../shared/domain/template.js';
import type { TemplateRepository } from '../../../shared/ports/templates.js';
import { publishTemplate } from '../../../shared/use-cases/publish-template.js';
import { saveTemplateDraft } from '../../../shared/use-cases/save-template-draft.js';
import { commsChloe, memoryEngine } from '../../support/memory-engine.js';

const ID = 'weapons-call.en.alert';
/** Chloe as she signs in on AWS: a Cognito `sub`, and her `name` claim beside it. */
const chloeOnAws: Principal = {
  id: '3f2a9c1e-7b4d-4e8a-9c61-2d5f0b7e8a14',
  name: 'Chloe Martin',
  roles: ['comms'],
};

/** One template in memory; its writes keep what the use case gave them, conditional on the revision. */
class MemoryTemplates implements TemplateRepository {
  constructor(public record: TemplateRecord) {}
  async find() {
    return this.record.published;
  }
  async get(id: string) {
    return id === this.record.id ? this.record : undefined;
  }
  async list() {
    return [this.record];
  }
  async getVersion(_id: string, version: number) {
    return this.record.published?.version === version ? this.record.published : undefined;
  }
  async listVersions() {
    return this.record.published ? [this.record.published] : [];
  }
  async saveDraft(seen: TemplateRecord, draft: TemplateDraft, audit: AuditEntry) {
    expect(seen.revision).toBe(this.record.revision);
    this.record = { ...seen, revision: seen.revision + 1, draft, history: [...seen.history, audit] };
    return this.record;
  }
  async publish(seen: TemplateRecord, version: TemplateVersion, audit: AuditEntry) {
    expect(seen.revision).toBe(this.record.revision);
    const { draft: _draft, ...rest } = seen;
    this.record = {
      ...rest,
      revision: seen.revision + 1,
      published: version,
      latestVersion: version.version,
      builtin: false,
      history: [...seen.history, audit],
    };
    return this.record;
  }
}

async function setup() {
  const engine = memoryEngine();
  const shipped = await builtinTemplates.find({ category: 'weapons-call', language: 'en', kind: 'alert' });
  if (!shipped) throw new Error('the shipped weapons-call alert template is missing');
  const templates = new MemoryTemplates({
    id: ID,
    category: 'weapons-call',
    language: 'en',
    kind: 'alert',
    revision: 0,
    published: shipped,
    latestVersion: shipped.version,
    builtin: true,
    history: [],
  });
  const deps = { ...engine, templates };
  const content = { ...templateContentOf(shipped), headline: 'Police operation: stay indoors' };
  return { deps, templates, content };
}

describe('who saved a template draft and who published it', () => {
  it('keeps the saver’s display name beside the subject id on the draft and its audit entry', async () => {
    const { deps, content } = await setup();
    const saved = await saveTemplateDraft(deps, chloeOnAws, { id: ID, revision: 0, content });
    expect(saved.draft).toMatchObject({ updatedBy: chloeOnAws.id, updatedByName: 'Chloe Martin' });
    expect(saved.history.at(-1)).toMatchObject({ actor: chloeOnAws.id, actorName: 'Chloe Martin' });
  });

  it('keeps the publisher’s display name beside the subject id on the new version', async () => {
    const { deps, content } = await setup();
    await saveTemplateDraft(deps, commsChloe, { id: ID, revision: 0, content });
    const published = await publishTemplate(deps, chloeOnAws, { id: ID, revision: 1 });
    expect(published.published).toMatchObject({
      version: 2,
      publishedBy: chloeOnAws.id,
      publishedByName: 'Chloe Martin',
      headline: 'Police operation: stay indoors',
    });
    expect(published.history.at(-1)).toMatchObject({ actor: chloeOnAws.id, actorName: 'Chloe Martin' });
  });

  it('keeps a rollback’s publisher name too', async () => {
    const { deps, content } = await setup();
    await saveTemplateDraft(deps, chloeOnAws, { id: ID, revision: 0, content });
    await publishTemplate(deps, chloeOnAws, { id: ID, revision: 1 });
    const rolledBack = await publishTemplate(
      deps,
      { ...chloeOnAws, name: 'C. Martin' },
      {
        id: ID,
        revision: 2,
        rollbackTo: 2,
      },
    );
    expect(rolledBack.published).toMatchObject({
      version: 3,
      rolledBackFrom: 2,
      publishedByName: 'C. Martin',
    });
  });

  it('writes no name field for a principal that has no name (a local id is its own label)', async () => {
    const { deps, content } = await setup();
    const saved = await saveTemplateDraft(deps, commsChloe, { id: ID, revision: 0, content });
    expect(saved.draft?.updatedBy).toBe('comms.chloe');
    expect(saved.draft && 'updatedByName' in saved.draft).toBe(false);
    const published = await publishTemplate(deps, commsChloe, { id: ID, revision: 1 });
    expect(published.published?.publishedBy).toBe('comms.chloe');
    expect(published.published && 'publishedByName' in published.published).toBe(false);
  });
});
