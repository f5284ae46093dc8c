// Over 250 lines: one describe per behaviour of the renderer, all sharing one input builder.
import { describe, expect, it } from 'vitest';
import { builtinTemplates } from '../../../shared/adapters/templates/builtin-templates.js';
import { loadRegistry } from '../../../shared/config/load-registry.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import type { Facts } from '../../../shared/domain/incident.js';
import {
  type RenderBroadcastInput,
  renderBroadcast,
} from '../../../shared/domain/rendering/render-broadcast.js';
import { templatesToFind } from '../../../shared/domain/rendering/templates-needed.js';
import { X_MAX_WEIGHTED, xWeightedLength } from '../../../shared/domain/rendering/x-text.js';
import type { TemplateVersion } from '../../../shared/domain/template.js';
import { BroadcastKind, type CapStatus } from '../../../shared/domain/vocabulary.js';

const registry = loadRegistry(new URL('../../../config/registry.json', import.meta.url).pathname);
// The shape composeBroadcast builds: `bc_` + a 26-character id (shared/runtime/system.ts).
const link = `${registry.service.publicBaseUrl}/b/bc_01jf8zk3qw5nxa7d2m4r6t8v0b`;

function exampleFacts(categoryId: string): Facts {
  const category = registry.categories.find((c) => c.id === categoryId);
  if (!category) throw new Error(`no category ${categoryId}`);
  return Object.fromEntries(category.facts.map((f) => [f.name, f.example]));
}

/** The renderer's input, with the built-in templates looked up first as composeBroadcast does. */
async function input(overrides: Partial<RenderBroadcastInput> = {}): Promise<RenderBroadcastInput> {
  const request: RenderBroadcastInput = {
    registry,
    templates: new Map(),
    category: 'collision',
    kind: 'alert',
    status: 'Actual',
    msgType: 'Alert',
    languages: ['en', 'fr'],
    facts: exampleFacts('collision'),
    link,
    areaIds: ['14'],
    citywide: false,
    resources: [],
    ...overrides,
  };
  if (overrides.templates) return request;
  const templates = new Map<string, TemplateVersion>();
  for (const key of templatesToFind(registry, request)) {
    const template = await builtinTemplates.find(key);
    if (template) templates.set(key.language, template);
  }
  return { ...request, templates };
}

async function render(overrides: Partial<RenderBroadcastInput> = {}) {
  return renderBroadcast(await input(overrides));
}

async function rejection(overrides: Partial<RenderBroadcastInput>): Promise<ValidationError> {
  const request = await input(overrides);
  try {
    renderBroadcast(request);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError, got a rendering');
}

const paths = (error: ValidationError) => error.issues.map((i) => i.path);

describe('rendering a broadcast', () => {
  it('renders every channel of every language from the templates and facts', async () => {
    const content = await render();

    expect(content.languages.en?.headline).toBe('Serious collision: Lake Shore Blvd W and Parklawn Rd');
    expect(content.languages.fr?.sms.text).toContain('Voies en direction est fermées.');
    expect(content.languages.fr?.email.body.endsWith(link)).toBe(true);
    expect(content.templates).toEqual([
      { language: 'en', id: 'collision.en.alert', version: 1 },
      { language: 'fr', id: 'collision.fr.alert', version: 1 },
    ]);
  });

  it('ends every SMS and every X post with the link', async () => {
    const content = await render();

    for (const rendered of Object.values(content.languages)) {
      expect(rendered.sms.text.endsWith(` ${link}`)).toBe(true);
    }
    for (const post of content.xThread) expect(post).toContain(` ${link}`);
  });

  it('numbers the thread across languages in the order they were asked for', async () => {
    const content = await render({ languages: ['fr', 'en'] });

    expect(content.xThread).toHaveLength(2);
    expect(content.xThread[0]).toMatch(/^Collision grave.* \(1\/2\)$/s);
    expect(content.xThread[1]).toMatch(/^Serious collision.* \(2\/2\)$/s);
    expect([...(content.languages.fr?.x ?? []), ...(content.languages.en?.x ?? [])]).toEqual(content.xThread);
  });

  it('does not number a thread of a single post', async () => {
    const content = await render({ languages: ['en'] });

    expect(content.xThread).toHaveLength(1);
    expect(content.xThread[0]).not.toMatch(/\(1\/1\)/);
  });

  it('names the divisions in each language, joined naturally', async () => {
    const content = await render({ areaIds: ['52', '14'] });

    expect(content.languages.en?.email.body).toContain('(14 Division and 52 Division)');
    expect(content.languages.fr?.email.body).toContain('(14e Division et 52e Division)');
  });

  it('says city-wide in each language for a city-wide broadcast', async () => {
    const content = await render({ areaIds: [], citywide: true });

    expect(content.languages.en?.email.body).toContain('(city-wide)');
    expect(content.languages.fr?.email.body).toContain('(toute la ville)');
  });

  it('leaves out an optional fact that was not given, without a trace', async () => {
    const { closures: _, ...facts } = exampleFacts('collision');

    const content = await render({ facts });

    expect(content.languages.en?.sms.text).toBe(
      `Serious collision at Lake Shore Blvd W and Parklawn Rd. Use another route. ${link}`,
    );
    expect(content.languages.en?.email.body).not.toMatch(/\n{3}/);
  });
});

describe('checking facts before rendering', () => {
  it('refuses an unknown category', async () => {
    const error = await rejection({ category: 'alien-landing' });

    expect(paths(error)).toEqual([['category']]);
  });

  it('reports every fact problem at once, each with its path', async () => {
    const facts: Facts = {
      location: 'x'.repeat(81),
      closures: 'Eastbound lanes closed.',
      colour: 'red',
    };

    const error = await rejection({ facts });

    expect(paths(error)).toEqual(
      expect.arrayContaining([
        ['facts', 'colour'],
        ['facts', 'time'],
        ['facts', 'location'],
        ['facts', 'closures', 'en'],
        ['facts', 'closures', 'fr'],
      ]),
    );
    expect(error.issues).toHaveLength(5);
  });

  it('asks for the missing language of a localized fact', async () => {
    const facts = { ...exampleFacts('collision'), closures: { en: 'Eastbound lanes closed.' } };

    const error = await rejection({ facts });

    expect(paths(error)).toEqual([['facts', 'closures', 'fr']]);
  });

  it('accepts one text per language for a fact that is not localized', async () => {
    const facts = { ...exampleFacts('collision'), time: { en: '6:15 a.m.', fr: '6 h 15' } };

    const content = await render({ facts });

    expect(content.languages.en?.email.body).toContain('reported at 6:15 a.m.');
    expect(content.languages.fr?.email.body).toContain('signalée à 6 h 15');
  });

  it('refuses a note on a first alert but renders it on a follow-up', async () => {
    const note = { en: 'All lanes have reopened.', fr: 'Toutes les voies sont rouvertes.' };
    const facts = { ...exampleFacts('collision'), note };

    const error = await rejection({ facts });
    const content = await render({ facts, kind: 'all-clear', msgType: 'Cancel' });

    expect(paths(error)).toEqual([['facts', 'note']]);
    expect(content.languages.en?.sms.text).toContain(
      'ALL CLEAR: Collision, Lake Shore Blvd W and Parklawn Rd.',
    );
    expect(content.languages.fr?.x[0]).toContain('Toutes les voies sont rouvertes.');
  });

  it('fails closed when the broadcast names no division and is not city-wide', async () => {
    const error = await rejection({ areaIds: [] });

    expect(paths(error)).toEqual([['areaIds']]);
  });

  it('names the language that has no template', async () => {
    const { templates: found } = await input();
    const templates = new Map([...found].filter(([language]) => language !== 'fr'));

    const error = await rejection({ templates });

    expect(paths(error)).toEqual([['languages']]);
    expect(error.issues[0]?.message).toContain('fr');
  });
});

describe('labelling exercises and tests', () => {
  it.each([
    ['Exercise', 'EXERCISE - ', 'EXERCICE - '],
    ['Test', 'TEST - ', 'TEST - '],
  ] as const)('starts every %s channel with its label', async (status, en, fr) => {
    const content = await render({ status, category: 'weapons-call', facts: exampleFacts('weapons-call') });

    for (const [language, label] of [
      ['en', en],
      ['fr', fr],
    ] as const) {
      const rendered = content.languages[language];
      expect(rendered?.headline.startsWith(label)).toBe(true);
      expect(rendered?.sms.text.startsWith(label)).toBe(true);
      expect(rendered?.email.subject.startsWith(label)).toBe(true);
      expect(rendered?.email.body.startsWith(label)).toBe(true);
      for (const post of rendered?.x ?? []) expect(post.startsWith(label)).toBe(true);
    }
    expect(content.xThread.length).toBeGreaterThan(0);
  });
});

describe('keeping the SMS within budget', () => {
  it('refuses an SMS over the part budget instead of cutting it', async () => {
    const facts = {
      ...exampleFacts('collision'),
      location: 'Lake Shore Blvd W and Parklawn Rd, near the Humber Bay Shores entrance',
      closures: {
        en: 'All lanes closed in both directions between Parklawn Rd and Park Lawn Cres.',
        fr: 'Toutes les voies sont fermées dans les deux directions, côté lac et côté ville.',
      },
    };

    const error = await rejection({ facts });

    expect(paths(error)).toEqual([['sms', 'fr']]);
    expect(error.issues[0]?.message).toMatch(/fr SMS is [3-9] parts \(UCS-2, \d+ UCS-2 units\); at most 2/);
  });
});

describe('the built-in templates with the registry examples', () => {
  const cases = registry.categories.flatMap((category) =>
    BroadcastKind.options.flatMap((kind) =>
      (['Actual', 'Exercise'] as CapStatus[]).map((status) => [category.id, kind, status] as const),
    ),
  );

  it.each(cases)('render %s %s (%s) within 2 SMS parts and 280 per post', async (category, kind, status) => {
    const facts: Facts = { ...exampleFacts(category) };
    if (kind !== 'alert')
      facts.note = { en: 'Officers have left the scene.', fr: 'Les policiers ont quitté les lieux.' };

    const content = await render({
      category,
      kind,
      status,
      facts,
      msgType: kind === 'alert' ? 'Alert' : 'Update',
      areaIds: ['14', '52'],
    });

    for (const language of ['en', 'fr']) {
      const rendered = content.languages[language];
      expect(rendered?.sms.parts).toBeGreaterThan(0);
      expect(rendered?.sms.parts).toBeLessThanOrEqual(2);
      for (const post of rendered?.x ?? []) expect(xWeightedLength(post)).toBeLessThanOrEqual(X_MAX_WEIGHTED);
    }
    for (const post of content.xThread) expect(xWeightedLength(post)).toBeLessThanOrEqual(X_MAX_WEIGHTED);
  });
});
