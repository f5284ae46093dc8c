import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors.js';
import { renderTemplateText, templateVariables } from '../../../shared/domain/rendering/template-text.js';

function thrown(action: () => unknown): ValidationError {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('listing template variables', () => {
  it('lists each name once, in order of first use, with or without spaces in the braces', () => {
    expect(templateVariables('{{ location }} at {{time}}, {{location}}')).toEqual(['location', 'time']);
  });
});

describe('rendering template text', () => {
  it('fills placeholders with their values', () => {
    const text = renderTemplateText(
      'Collision at {{ location }}, {{time}}.',
      { location: 'King St', time: '06:15' },
      't',
    );

    expect(text).toBe('Collision at King St, 06:15.');
  });

  it('names every missing variable in one error, each with its fact path', () => {
    const error = thrown(() =>
      renderTemplateText('{{location}} {{time}} {{name}}', { name: 'Alex' }, 'template t'),
    );

    expect(error.issues.map((i) => i.path)).toEqual([
      ['facts', 'location'],
      ['facts', 'time'],
    ]);
    expect(error.message).toContain('location, time');
  });

  it('refuses a malformed placeholder rather than sending braces', () => {
    const error = thrown(() => renderTemplateText('At {{ location', { location: 'King St' }, 'template t'));

    expect(error.issues[0]?.path).toEqual(['template']);
  });

  it('does not read placeholders inside a value', () => {
    expect(renderTemplateText('Note: {{note}}', { note: '{{link}}' }, 't')).toBe('Note: {{link}}');
  });

  it('drops a line whose placeholders are all empty, with its label', () => {
    const text = renderTemplateText(
      'Collision.\nClosures: {{closures}}\nUse another route.',
      { closures: '' },
      't',
    );

    expect(text).toBe('Collision.\nUse another route.');
  });

  it('tidies the spaces and punctuation an empty optional fact leaves behind', () => {
    const text = renderTemplateText(
      'At {{location}}, {{time}}. {{reason}} Use another route ({{areas}}).',
      { location: 'King St', time: '', reason: '', areas: '' },
      't',
    );

    expect(text).toBe('At King St. Use another route.');
  });

  it('collapses the blank lines an empty paragraph leaves', () => {
    const text = renderTemplateText('First.\n\n{{description}}\n\nLast.', { description: '' }, 't');

    expect(text).toBe('First.\n\nLast.');
  });

  it('keeps the space French typography puts before a colon', () => {
    expect(renderTemplateText('Fermeture : {{location}}', { location: 'rue King' }, 't')).toBe(
      'Fermeture : rue King',
    );
  });

  it('does not double the period after a fact that ends a sentence', () => {
    expect(renderTemplateText('Warning: {{hazard}}.', { hazard: 'Flooding.' }, 't')).toBe(
      'Warning: Flooding.',
    );
  });
});
