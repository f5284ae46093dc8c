import { escapeHtml } from './resource-text.js';

/**
 * The public page's article as the approver saw it: the headline, the text as escaped paragraphs,
 * then the resources section. The public page shows the headline and text as approved and renders
 * the resources from the library in full (a correction to a phone number must reach the page), so
 * the two halves are composed and split here, in one place.
 */
export function composeArticle(
  language: string,
  headline: string,
  bodyHtml: string,
  resourcesHtml: string,
): string {
  return [
    `<article lang="${language}">`,
    `<h1>${escapeHtml(headline)}</h1>`,
    bodyHtml,
    resourcesHtml,
    '</article>',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The escaped paragraphs of an article, without its headline and resources. */
export function articleBody(article: string): string {
  const start = article.indexOf('</h1>\n');
  if (start < 0) return '';
  const rest = article.slice(start + '</h1>\n'.length);
  // Text is escaped, so `<section>` can only be the resources section and `</article>` the end.
  const end = [rest.indexOf('<section>'), rest.indexOf('</article>')].filter((i) => i >= 0);
  return rest.slice(0, Math.min(...end, rest.length)).trim();
}
