import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { LanguageContent } from '../../../web/console/preview.js';
import { TemplatePreview } from '../../../web/workspace/templates/editor-preview.js';

describe('the resources listed in a template preview', () => {
  it('shows a verification date as the calendar day it is, not the evening before in Toronto', () => {
    const html = renderToString(
      h(TemplatePreview, {
        previews: [
          {
            language: 'en',
            languageName: 'English',
            content: { languages: {} } as never,
            resources: [{ id: 'res_1', name: 'Victim services', lastVerifiedAt: '2026-12-04', stale: false }],
            warnings: [],
          },
        ],
        parity: [],
        languageNames: { en: 'English' },
        timeZone: 'America/Toronto',
      }),
    );

    expect(html).toContain('Victim services, last checked 4 Dec 2026');
    expect(html).not.toContain('3 Dec');
  });
});

describe('a language shown in an English page', () => {
  it('marks the e-mail subject of a French text as French', () => {
    const html = renderToString(
      h(LanguageContent, {
        language: 'fr',
        heading: 'Français',
        rendered: {
          headline: 'Alerte',
          sms: { text: 'Alerte', encoding: 'GSM-7', parts: 1 },
          x: [],
          email: { subject: 'Alerte à Main St', body: 'Texte' },
        } as never,
        xLengths: [],
      }),
    );

    expect(html).toContain('E-mail: <span lang="fr">Alerte à Main St</span>');
  });
});
