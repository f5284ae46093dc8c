import type { IssueDetail } from '../errors.js';
import type { Registry } from '../registry.js';
import type { TemplateVersion } from '../template.js';
import type { BroadcastKind } from '../vocabulary.js';

/**
 * Rendering reads no templates itself: the use case looks up the ones `templatesToFind` names
 * through its `TemplateSource` and passes what it found to `renderBroadcast`.
 */

/** Which published template a broadcast of this category and kind needs in one language. */
export interface TemplateKey {
  category: string;
  language: string;
  kind: BroadcastKind;
}

/**
 * The templates `renderBroadcast` will use: the category's, of the kind, in each requested
 * language the registry knows. None for an unknown category, which is refused before any lookup.
 */
export function templatesToFind(
  registry: Registry,
  request: { category: string; kind: BroadcastKind; languages: readonly string[] },
): TemplateKey[] {
  if (!registry.categories.some((c) => c.id === request.category)) return [];
  const known = new Set(registry.languages.map((l) => l.code));
  return [...new Set(request.languages)]
    .filter((language) => known.has(language))
    .map((language) => ({ category: request.category, language, kind: request.kind }));
}

/** The template of each requested language, in the order of the languages; a missing one is an issue. */
export function templatesByLanguage(
  found: ReadonlyMap<string, TemplateVersion>,
  category: string,
  kind: BroadcastKind,
  languages: string[],
  issues: IssueDetail[],
): Map<string, TemplateVersion> {
  const templates = new Map<string, TemplateVersion>();
  for (const language of languages) {
    const template = found.get(language);
    if (template) templates.set(language, template);
    else {
      issues.push({
        path: ['languages'],
        message: `no published ${kind} template for ${category} in ${language}`,
      });
    }
  }
  return templates;
}
