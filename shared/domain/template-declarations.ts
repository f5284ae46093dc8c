import type { Category } from './registry.js';
import { templateVariables } from './rendering/template-text.js';
import { TEMPLATE_FIELDS, type TemplateContent, type TemplateVariable } from './template.js';
import type { BroadcastKind } from './vocabulary.js';

/**
 * The variables an edited template declares: the ones it declared before, plus each fact of the
 * category (or the note of a follow-up) its texts now use, declared as the category declares it.
 * Someone writing `{{time}}` into the French SMS means the incident's time: the editor declares it
 * rather than refusing the save. A name that is no fact stays undeclared, for
 * `checkTemplateContent` to refuse with its own sentence.
 */
export function declareUsedFacts(
  texts: Omit<TemplateContent, 'variables'>,
  declared: readonly TemplateVariable[],
  category: Category,
  kind: BroadcastKind,
): TemplateVariable[] {
  const variables = [...declared];
  const known = new Set(declared.map((v) => v.name));
  for (const field of TEMPLATE_FIELDS)
    for (const name of templateVariables(texts[field])) {
      if (known.has(name)) continue;
      const fact = category.facts.find((f) => f.name === name);
      if (fact)
        variables.push({
          name,
          required: fact.required,
          type: 'text',
          maxLength: fact.maxLength,
          example: '',
        });
      else if (name === 'note' && kind !== 'alert')
        variables.push({ name, required: false, type: 'text', maxLength: 140, example: '' });
      else continue;
      known.add(name);
    }
  return variables;
}
