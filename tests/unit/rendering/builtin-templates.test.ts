import { describe, expect, it } from 'vitest';
import {
  builtinTemplates,
  loadBuiltinTemplates,
} from '../../../shared/adapters/templates/builtin-templates.js';
import { loadRegistry } from '../../../shared/config/load-registry.js';
import { templateVariables } from '../../../shared/domain/rendering/template-text.js';
import { BUILTIN_VARIABLES } from '../../../shared/domain/template.js';
import { BroadcastKind } from '../../../shared/domain/vocabulary.js';

const registry = loadRegistry(new URL('../../../config/registry.json', import.meta.url).pathname);
const fields = ['headline', 'x', 'sms', 'emailSubject', 'emailBody'] as const;

describe('the built-in templates', () => {
  const cases = registry.categories.flatMap((c) =>
    ['en', 'fr'].flatMap((language) => BroadcastKind.options.map((kind) => [c.id, language, kind] as const)),
  );

  it.each(cases)('have a %s template in %s for %s', async (category, language, kind) => {
    const template = await builtinTemplates.find({ category, language, kind });

    expect(template).toMatchObject({
      id: `${category}.${language}.${kind}`,
      version: 1,
      category,
      language,
      kind,
    });
  });

  it('use only the facts their category declares and the built-in variables', async () => {
    const unknown: string[] = [];
    for (const template of await loadBuiltinTemplates()) {
      const category = registry.categories.find((c) => c.id === template.category);
      const allowed = new Set<string>([
        ...(category?.facts.map((f) => f.name) ?? []),
        ...BUILTIN_VARIABLES,
        ...(template.kind === 'alert' ? [] : ['note']),
      ]);
      for (const field of fields) {
        for (const name of templateVariables(template[field])) {
          if (!allowed.has(name)) unknown.push(`${template.id} ${field}: ${name}`);
        }
      }
    }

    expect(unknown).toEqual([]);
  });

  it('leave the link and the exercise label to the renderer', async () => {
    for (const template of await loadBuiltinTemplates()) {
      for (const field of fields) {
        expect(template[field]).not.toMatch(/\{\{\s*link\s*\}\}|EXERCI[SC]E|TEST -/);
      }
    }
  });
});
