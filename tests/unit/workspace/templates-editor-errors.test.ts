import { describe, expect, it } from 'vitest';
import { renderTemplateEditor } from '../../../web/workspace/templates/editor.js';
import { inspectorAda, registry } from '../../support/memory-engine.js';

function firstCategory() {
  const category = registry.categories[0];
  if (!category) throw new Error('the registry has a category');
  return category;
}

function editorPage(canEdit: boolean): string {
  return renderTemplateEditor({
    frame: { stylesheet: '/s.css', script: '/s.js', timeZone: 'America/Toronto' },
    session: {
      key: 'k',
      principal: { ...inspectorAda, name: 'Ada' },
      csrfToken: 'csrf',
      createdAt: '2026-12-04T10:00:00.000Z',
      lastActiveAt: '2026-12-04T10:00:00.000Z',
      idleExpiresAt: '2026-12-04T11:00:00.000Z',
      expiresAt: '2026-12-04T22:00:00.000Z',
    },
    registry,
    category: firstCategory(),
    kind: 'alert',
    languages: [],
    canEdit,
    facts: {},
    errors: { 'en-headline': 'English: the headline uses {{nope}}, which this category does not supply' },
    previews: [],
    parity: [],
  });
}

describe('the error summary of the template editor', () => {
  it('names a problem without a link on the read-only page, which has no field to go to', () => {
    const html = editorPage(false);
    expect(html).toContain('the headline uses {{nope}}');
    expect(html).not.toContain('href="#en-headline"');
  });

  it('links each problem to its field on the form of comms staff', () => {
    expect(editorPage(true)).toContain('href="#en-headline"');
  });
});
