import type { IssueDetail } from '../errors.js';
import type { Facts } from '../incident.js';
import type { Category, FactDeclaration } from '../registry.js';
import { BUILTIN_VARIABLES, type TemplateVersion } from '../template.js';
import type { BroadcastKind } from '../vocabulary.js';

/**
 * The facts an author gave, checked against their category (and, see `checkTemplateVariables`,
 * against each template) before anything is rendered. Problems are added to the caller's list
 * rather than thrown, so the author sees every problem of a broadcast at once.
 *
 * A `localized` fact needs a text for every requested language; any other fact is one text for
 * all languages, or (for e.g. a time written differently per language) a text for every requested
 * language.
 */

/** Each fact's text per language, '' for an optional fact that was not given. */
export type FactTexts = Map<string, Record<string, string>>;

/**
 * `note` is a fact, not a built-in: follow-ups accept it (free text, one per language) and it
 * renders empty when absent.
 */
const NOTE: FactDeclaration = { name: 'note', required: false, localized: true, maxLength: 140, example: '' };

/** Each declared fact's text in every language of `languages`; unknown facts are issues. */
export function factTexts(
  category: Category,
  kind: BroadcastKind,
  facts: Facts,
  languages: string[],
  issues: IssueDetail[],
): FactTexts {
  const declarations = kind === 'alert' ? category.facts : [...category.facts, NOTE];
  const declared = new Set(declarations.map((d) => d.name));
  for (const name of Object.keys(facts)) {
    if (declared.has(name)) continue;
    const message = (BUILTIN_VARIABLES as readonly string[]).includes(name)
      ? `${name} is filled in by Herald, not given as a fact`
      : name === NOTE.name && kind === 'alert'
        ? 'a note is for follow-ups (update, correction, cancel, all-clear) only'
        : 'not a fact of this category';
    issues.push({ path: ['facts', name], message });
  }

  const texts: FactTexts = new Map();
  for (const declaration of declarations) {
    const value = Object.hasOwn(facts, declaration.name) ? facts[declaration.name] : undefined;
    const perLanguage = factInLanguages(declaration, value, languages, issues);
    const oneText = typeof value === 'string' && !declaration.localized;
    for (const [language, text] of Object.entries(oneText ? { '': value.trim() } : perLanguage)) {
      const length = [...text].length;
      if (length > declaration.maxLength) {
        issues.push({
          path: ['facts', declaration.name],
          message: `${language ? `the ${language} text is` : 'is'} ${length} characters; at most ${declaration.maxLength}`,
        });
      }
    }
    texts.set(declaration.name, perLanguage);
  }
  return texts;
}

/**
 * A template may be stricter than its category: a variable it declares required must be given,
 * and within the template's maximum length.
 */
export function checkTemplateVariables(
  template: TemplateVersion,
  facts: FactTexts,
  issues: IssueDetail[],
): void {
  for (const variable of template.variables) {
    const text = facts.get(variable.name)?.[template.language] ?? '';
    if (variable.required && text === '') {
      issues.push({ path: ['facts', variable.name], message: `required by template ${template.id}` });
    } else if ([...text].length > variable.maxLength) {
      issues.push({
        path: ['facts', variable.name],
        message: `at most ${variable.maxLength} characters in template ${template.id}`,
      });
    }
  }
}

function factInLanguages(
  declaration: FactDeclaration,
  value: unknown,
  languages: string[],
  issues: IssueDetail[],
): Record<string, string> {
  const { name, localized, required } = declaration;
  const every = (text: string) => Object.fromEntries(languages.map((l) => [l, text]));
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
    if (required) issues.push({ path: ['facts', name], message: 'required' });
    return every('');
  }
  if (typeof value === 'string') {
    if (!localized) return every(value.trim());
    for (const language of languages) {
      issues.push({
        path: ['facts', name, language],
        message: `write the ${language} text: this fact is written per language`,
      });
    }
    return every('');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.push({ path: ['facts', name], message: 'a text, or one text per language' });
    return every('');
  }
  const byLanguage = value as Record<string, unknown>;
  const result: Record<string, string> = {};
  for (const language of languages) {
    const text = byLanguage[language];
    if (typeof text === 'string' && text.trim() !== '') result[language] = text.trim();
    else {
      issues.push({ path: ['facts', name, language], message: `missing the ${language} text` });
      result[language] = '';
    }
  }
  return result;
}
