import { ValidationError } from '../errors.js';

/**
 * A logic-less template language: `{{name}}` (spaces inside the braces allowed) and nothing else.
 * No helpers, no conditionals, no code, so a template can never do more than fill in text.
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** The variable names a template text uses, each once, in order of first use. */
export function templateVariables(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[1] as string))];
}

/** True when the text has `{{` or `}}` that is not part of a well-formed `{{name}}`. */
export function hasMalformedPlaceholder(text: string): boolean {
  return /\{\{|\}\}/.test(text.replace(PLACEHOLDER, ''));
}

/**
 * Fills `{{name}}` placeholders from `variables`. A name with no entry in `variables` is an error
 * (every such name is reported, path `['facts', name]`); a name whose value is empty (an optional
 * fact that was not given) renders as nothing, and the text is tidied so the gap does not show:
 *
 * - a line whose placeholders all rendered empty is dropped, with its label (`Closures: {{closures}}`);
 * - runs of spaces collapse to one, lines are trimmed, spaces before `,` and `.` go;
 * - dangling separators go: `, ,` -> `,`, `,.` -> `.`, `..` -> `.` (not `...`), `()` -> nothing,
 *   a comma or semicolon at the start of a line, a comma at its end;
 * - blank lines collapse to one and none are left at the start or end.
 *
 * Spaces before `:`, `;`, `!` and `?` are kept: French typography needs them.
 *
 * @param where what is being rendered, for error messages (e.g. `template collision.fr.alert`)
 */
export function renderTemplateText(
  text: string,
  variables: Readonly<Record<string, string>>,
  where: string,
): string {
  if (hasMalformedPlaceholder(text)) {
    throw new ValidationError(`${where}: a placeholder is malformed; write {{name}}`, [
      { path: ['template'], message: `${where}: malformed placeholder` },
    ]);
  }
  const missing = templateVariables(text).filter((name) => !Object.hasOwn(variables, name));
  if (missing.length > 0) {
    throw new ValidationError(
      `${where} needs ${missing.join(', ')}`,
      missing.map((name) => ({ path: ['facts', name], message: `${where} needs ${name}` })),
    );
  }

  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const names = Array.from(line.matchAll(PLACEHOLDER), (m) => m[1] as string);
    const value = (name: string) => (variables[name] ?? '').trim();
    if (names.length > 0 && names.every((name) => value(name) === '')) continue;
    const filled = line.replace(PLACEHOLDER, (_, name: string) => value(name));
    lines.push(...filled.split('\n').map(tidyLine));
  }
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function tidyLine(line: string): string {
  return line
    .replace(/[ \t]+/g, ' ')
    .replace(/\(\s*\)/g, '')
    .replace(/ +([,.])/g, '$1')
    .replace(/,(\s*,)+/g, ',')
    .replace(/,\./g, '.')
    .replace(/(?<!\.)([.!?])\.(?!\.)/g, '$1')
    .replace(/ {2,}/g, ' ')
    .trim()
    .replace(/^[,;]\s*/, '')
    .replace(/\s*,$/, '');
}
