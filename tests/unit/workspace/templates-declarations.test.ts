import { describe, expect, it } from 'vitest';
import type { Category } from '../../../shared/domain/registry.js';
import type { TemplateContent, TemplateVariable } from '../../../shared/domain/template.js';
import { declareUsedFacts } from '../../../shared/domain/template-declarations.js';

const category = {
  id: 'collision',
  facts: [
    { name: 'location', required: true, localized: false, maxLength: 80, example: 'King St' },
    {
      name: 'closures',
      required: false,
      localized: true,
      maxLength: 120,
      example: { en: 'Closed', fr: 'Fermé' },
    },
  ],
} as unknown as Category;

const texts = (sms: string): Omit<TemplateContent, 'variables'> => ({
  headline: 'Collision',
  x: 'Collision',
  sms,
  emailSubject: 'Collision',
  emailBody: 'Collision',
  capDescription: 'Collision',
  capInstruction: '',
  web: 'Collision',
});

const location: TemplateVariable = {
  name: 'location',
  required: true,
  type: 'place',
  maxLength: 80,
  example: 'Bay St',
};

describe('the variables an edited template declares', () => {
  it('keeps what was declared, as it was declared', () => {
    expect(declareUsedFacts(texts('At {{location}}'), [location], category, 'alert')).toEqual([location]);
  });

  it('declares a fact of the category newly used in a text, as the category declares it', () => {
    const declared = declareUsedFacts(texts('At {{location}}: {{closures}}'), [location], category, 'alert');
    expect(declared).toEqual([
      location,
      { name: 'closures', required: false, type: 'text', maxLength: 120, example: '' },
    ]);
  });

  it('leaves a name that is no fact undeclared, for the save to refuse with its own sentence', () => {
    expect(declareUsedFacts(texts('{{nonsense}} at {{location}}'), [location], category, 'alert')).toEqual([
      location,
    ]);
  });

  it('declares the note in a follow-up, and not in an alert', () => {
    expect(declareUsedFacts(texts('{{note}}'), [], category, 'update').map((v) => v.name)).toEqual(['note']);
    expect(declareUsedFacts(texts('{{note}}'), [], category, 'alert')).toEqual([]);
  });
});
