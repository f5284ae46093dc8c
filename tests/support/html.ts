/**
 * Just enough HTML reading for tests of Herald's own pages (no parser dependency): the pages are
 * rendered by preact, which quotes every attribute with `"` and escapes `"` inside values, so a
 * start tag's attributes can be read with a regular expression.
 */

export type Attributes = Record<string, string>;

/** Every start tag `<tag ...>` with its attributes (a valueless attribute reads as ''). */
export function startTags(html: string, tag: string): Attributes[] {
  const tags: Attributes[] = [];
  for (const match of html.matchAll(new RegExp(`<${tag}\\b((?:[^>"]|"[^"]*")*)>`, 'g'))) {
    const attributes: Attributes = {};
    for (const [, name, value] of (match[1] ?? '').matchAll(/([\w:-]+)(?:="([^"]*)")?/g))
      attributes[name as string] = decode(value ?? '');
    tags.push(attributes);
  }
  return tags;
}

/** The one element with this id, or undefined. */
export function byId(html: string, id: string): Attributes | undefined {
  for (const tag of ['input', 'a', 'form', 'div', 'p', 'button', 'dl', 'section'])
    for (const attributes of startTags(html, tag)) if (attributes.id === id) return { tag, ...attributes };
  return undefined;
}

export const titleOf = (html: string) => decode(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '');
export const langOf = (html: string) => /<html lang="([^"]+)"/.exec(html)?.[1];

/** The text of the element whose start tag has this id (its first closing tag ends it). */
export function textOfId(html: string, id: string): string | undefined {
  const match = new RegExp(`<(\\w+)[^>]* id="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return match ? decode((match[2] ?? '').replace(/<[^>]+>/g, '')) : undefined;
}

/** The form's action and hidden anti-forgery token, as a browser would send them. */
export function formOf(html: string, formId: string): { action: string; csrf: string } {
  const form = startTags(html, 'form').find((f) => f.id === formId);
  if (!form?.action) throw new Error(`no form #${formId} in the page`);
  const start = html.indexOf(`id="${formId}"`);
  const csrf = startTags(html.slice(start, html.indexOf('</form>', start)), 'input').find(
    (i) => i.name === 'csrf',
  )?.value;
  if (!csrf) throw new Error(`form #${formId} has no csrf field`);
  return { action: form.action, csrf };
}

function decode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
