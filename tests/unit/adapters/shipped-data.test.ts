import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DynamoResourceRepository } from '../../../shared/adapters/dynamo/resource-repository.js';
import { DynamoTemplateRepository } from '../../../shared/adapters/dynamo/template-repository.js';
import { loadSampleLibrary, sampleLibraryFrom } from '../../../shared/adapters/resources/sample-library.js';
import {
  builtinTemplatesFrom,
  loadBuiltinTemplates,
} from '../../../shared/adapters/templates/builtin-templates.js';

const shippedTemplates = () =>
  JSON.parse(readFileSync(new URL('../../../config/templates.json', import.meta.url), 'utf8'));
const shippedResources = () =>
  JSON.parse(readFileSync(new URL('../../../config/resources.json', import.meta.url), 'utf8'));

const dynamo = mockClient(DynamoDBDocumentClient);
const db = () => DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
afterEach(() => {
  dynamo.reset();
});

describe('the shipped template wording (config/templates.json)', () => {
  it('is valid and gives every category an alert and four follow-ups per language', async () => {
    const templates = await loadBuiltinTemplates();

    const alerts = templates.filter((t) => t.kind === 'alert');
    expect(templates).toHaveLength(alerts.length * 5);
    expect(new Set(templates.map((t) => t.language))).toEqual(new Set(['en', 'fr']));
  });

  it('wraps the category in each follow-up label, and closes with the closing line', async () => {
    const cancel = (await loadBuiltinTemplates()).find((t) => t.id === 'collision.fr.cancel');

    expect(cancel).toMatchObject({
      headline: 'ANNULÉ : Collision grave, {{location}}',
      sms: 'ANNULÉ : Collision, {{location}}. {{note}}',
      capInstruction: 'Cette alerte est annulée. Aucune action n’est requise.',
      publishedBy: 'system:builtin',
      version: 1,
    });
  });

  it('refuses a file with a bad field, naming the path of each one', () => {
    const raw = shippedTemplates();
    delete raw.languages.fr.categories.collision.alert.sms;
    raw.languages.en.followUps.cancel.label = 'CANCELLED: {{note}';

    expect(() => builtinTemplatesFrom(raw)).toThrow(
      /config\/templates\.json is invalid:\n {2}languages\.en\.followUps\.cancel\.label: a placeholder is malformed.*\n {2}languages\.fr\.categories\.collision\.alert\.sms: /,
    );
  });

  it('refuses a language without the wording of every follow-up kind', () => {
    const raw = shippedTemplates();
    delete raw.languages.fr.followUps['all-clear'];

    expect(() => builtinTemplatesFrom(raw)).toThrow('languages.fr.followUps.all-clear');
  });
});

describe('the shipped sample resource library (config/resources.json)', () => {
  it('is valid, every entry at revision 0', async () => {
    const samples = await loadSampleLibrary();

    expect(samples.length).toBeGreaterThan(0);
    expect(samples.every((r) => r.revision === 0)).toBe(true);
  });

  it('refuses a file with a bad field, naming its path', () => {
    const raw = shippedResources();
    raw.resources[1].id = 'Not An Id';

    expect(() => sampleLibraryFrom(raw)).toThrow(
      /config\/resources\.json is invalid:\n {2}resources\.1\.id: /,
    );
  });
});

describe('repositories over the shipped data', () => {
  it('read the built-in templates only when a read needs one, and only once', async () => {
    const builtins = vi.fn(loadBuiltinTemplates);
    const templates = new DynamoTemplateRepository(db(), 'herald', builtins);
    const stored = { pk: 'x', sk: 'y', id: 'collision.en.alert', revision: 3, history: [] };
    dynamo.on(GetCommand).resolvesOnce({ Item: stored }).resolves({});
    dynamo.on(QueryCommand).resolves({ Items: [] });

    expect((await templates.get('collision.en.alert'))?.revision).toBe(3);
    expect(builtins).not.toHaveBeenCalled();

    expect((await templates.get('collision.fr.alert'))?.revision).toBe(0);
    expect((await templates.list()).length).toBeGreaterThan(0);
    expect(builtins).toHaveBeenCalledTimes(1);
  });

  it('read the sample resources only when a read needs them, and only once', async () => {
    const samples = vi.fn(loadSampleLibrary);
    const resources = new DynamoResourceRepository(db(), 'herald', samples);
    const first = (await loadSampleLibrary())[0]!;
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: { ...first, revision: 2 } })
      .resolves({});
    dynamo.on(QueryCommand).resolves({ Items: [] });

    expect((await resources.get(first.id))?.revision).toBe(2);
    expect(samples).not.toHaveBeenCalled();

    expect((await resources.get(first.id))?.revision).toBe(0);
    expect(await resources.list()).toHaveLength((await loadSampleLibrary()).length);
    expect(samples).toHaveBeenCalledTimes(1);
  });
});
