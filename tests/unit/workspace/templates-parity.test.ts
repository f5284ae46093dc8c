import { describe, expect, it } from 'vitest';
import { charactersForcingUcs2 } from '../../../shared/domain/rendering/sms-text.js';
import { factParity, type TemplateTexts } from '../../../shared/domain/template-parity.js';

const texts = (overrides: Partial<TemplateTexts> = {}): TemplateTexts => ({
  headline: 'Police activity',
  x: 'Police at {{location}}. {{link}}',
  sms: 'Avoid {{location}}.',
  emailSubject: 'Police activity',
  emailBody: 'Police at {{location}} since {{time}}.',
  capDescription: 'Police at {{location}}.',
  capInstruction: '',
  web: 'Police at {{location}}.',
  ...overrides,
});

describe('the fact parity of a template across languages', () => {
  it('finds no gap when both languages use the same facts, in different fields', () => {
    const fr = texts({ emailBody: 'Police à {{location}}.', web: 'Depuis {{time}}.' });
    expect(factParity({ en: texts(), fr })).toEqual([]);
  });

  it('names a fact used in English but nowhere in French', () => {
    const fr = texts({ emailBody: 'Police à {{location}}.' });
    expect(factParity({ en: texts(), fr })).toEqual([
      { variable: 'time', usedIn: ['en'], missingIn: ['fr'] },
    ]);
  });

  it('names a fact used in French but nowhere in English, as well', () => {
    const fr = texts({ sms: 'Évitez {{location}}. {{description}}' });
    expect(factParity({ en: texts(), fr })).toEqual([
      { variable: 'description', usedIn: ['fr'], missingIn: ['en'] },
    ]);
  });

  it("leaves Herald's own variables out: the renderer adds the link and areas in every language", () => {
    const en = texts({ sms: 'Avoid {{location}} in {{areas}}. {{link}}' });
    const fr = texts({ x: 'Police à {{location}}.' });
    expect(factParity({ en, fr })).toEqual([]);
  });

  it('counts a placeholder written with spaces inside the braces as the same fact', () => {
    const fr = texts({ emailBody: 'Police à {{ location }} depuis {{ time }}.' });
    expect(factParity({ en: texts(), fr })).toEqual([]);
  });
});

describe('the characters that make an SMS travel as UCS-2', () => {
  it('names each character outside GSM-7 once, in the order they appear', () => {
    expect(charactersForcingUcs2('Évitez la forêt près du garçon, la forêt est fermée.')).toEqual(['ê', 'ç']);
  });

  it('is empty for a GSM-7 message, even with extension characters and the accents GSM-7 has', () => {
    expect(charactersForcingUcs2('Avoid the area [now], costs €5, fermé à Montréal')).toEqual([]);
  });

  it('names a typographic dash, which looks harmless but halves the part size', () => {
    expect(charactersForcingUcs2('Avoid the area — now')).toEqual(['—']);
  });
});
