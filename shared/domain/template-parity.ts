import { templateVariables } from './rendering/template-text.js';
import { BUILTIN_VARIABLES, TEMPLATE_FIELDS, type TemplateField } from './template.js';

/** The channel texts of one language's template: what is compared, not the declarations. */
export type TemplateTexts = Pick<Record<TemplateField, string>, TemplateField>;

/** A fact one language's template says and another's does not. */
export interface ParityGap {
  variable: string;
  /** The languages whose texts use it. */
  usedIn: string[];
  /** The languages whose texts never mention it. */
  missingIn: string[];
}

/**
 * The facts each language's template carries, compared: a subscriber reading French must learn
 * the same things (where, when, what to do) as one reading English. A fact used anywhere in one
 * language's texts but nowhere in another's is a gap. Herald's own variables (link, areas, ...)
 * are left out: the renderer adds what they carry in every language.
 */
export function factParity(texts: Readonly<Record<string, TemplateTexts>>): ParityGap[] {
  const languages = Object.keys(texts);
  const used = new Map<string, Set<string>>();
  for (const language of languages) {
    const content = texts[language] as TemplateTexts;
    const names = new Set<string>();
    for (const field of TEMPLATE_FIELDS)
      for (const name of templateVariables(content[field])) names.add(name);
    used.set(language, names);
  }
  const every = new Set([...used.values()].flatMap((names) => [...names]));
  const gaps: ParityGap[] = [];
  for (const variable of [...every].sort()) {
    if ((BUILTIN_VARIABLES as readonly string[]).includes(variable)) continue;
    const usedIn = languages.filter((l) => used.get(l)?.has(variable));
    const missingIn = languages.filter((l) => !used.get(l)?.has(variable));
    if (missingIn.length > 0) gaps.push({ variable, usedIn, missingIn });
  }
  return gaps;
}
