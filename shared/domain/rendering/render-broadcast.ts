import type { RenderedContent, RenderedLanguage } from '../broadcast.js';
import { type IssueDetail, ValidationError } from '../errors.js';
import type { Facts } from '../incident.js';
import type { Registry } from '../registry.js';
import type { AttachedResource } from '../resource.js';
import { unknownDivision } from '../targeting.js';
import type { TemplateField, TemplateVersion } from '../template.js';
import type { BroadcastKind, CapMsgType, CapStatus } from '../vocabulary.js';
import { composeArticle } from './article.js';
import { checkTemplateVariables, factTexts } from './facts.js';
import { paragraphsHtml, resourcesHtml, resourcesText } from './resource-text.js';
import { measureSms, preferGsm7 } from './sms-text.js';
import { renderTemplateText } from './template-text.js';
import { templatesByLanguage } from './templates-needed.js';
import { numberThread, splitForX } from './x-text.js';

export interface RenderBroadcastInput {
  registry: Registry;
  /**
   * The published template of each language, as the caller found the ones `templatesToFind`
   * names; a requested language without one is an error for the author.
   */
  templates: ReadonlyMap<string, TemplateVersion>;
  category: string;
  kind: BroadcastKind;
  status: CapStatus;
  msgType: CapMsgType;
  /** In the order the X thread and the previews show them. */
  languages: string[];
  facts: Facts;
  /** The broadcast's public page; every post, SMS and e-mail carries it. */
  link: string;
  /** Division ids; empty exactly when `citywide` is true. */
  areaIds: string[];
  citywide: boolean;
  /** The library entries for this category and area (see `matchResources`). */
  resources: readonly AttachedResource[];
}

/**
 * Put in front of the headline, every X post, the SMS and the e-mail subject and body of
 * exercises and tests, by the renderer rather than the templates so no template can forget it.
 * Languages without their own label get the English one: an unlabelled drill is the failure
 * this exists to prevent.
 */
const STATUS_LABELS: Record<CapStatus, Record<string, string>> = {
  Actual: { en: '' },
  Exercise: { en: 'EXERCISE - ', fr: 'EXERCICE - ' },
  Test: { en: 'TEST - ', fr: 'TEST - ' },
};

const CITYWIDE: Record<string, string> = { en: 'city-wide', fr: 'toute la ville' };

export function statusLabel(status: CapStatus, language: string): string {
  return inLanguage(STATUS_LABELS[status], language);
}

/**
 * Renders a broadcast from the category's published templates: every language, every channel,
 * exactly as it will be sent. Pure: the caller looks the templates up first (`./templates-needed.ts`).
 *
 * 1. Checks the category, languages, areas and facts against the registry.
 * 2. Takes the template of each language for the category and kind.
 * 3. Fills each template field, adds the status label and the link, splits X text into posts and
 *    numbers the whole thread, measures each SMS against `registry.sms.maxParts`.
 *
 * The facts are checked as `./facts.ts` describes. Nothing is ever cut to fit: an SMS over budget
 * is an error for the author.
 *
 * @throws ValidationError listing every problem found, each with its path.
 */
export function renderBroadcast(input: RenderBroadcastInput): RenderedContent {
  const { registry, kind, status, msgType, languages, link } = input;
  const category = registry.categories.find((c) => c.id === input.category);
  if (!category) {
    const known = registry.categories.map((c) => c.id).join(', ');
    throw invalid([
      { path: ['category'], message: `unknown category ${input.category}; the categories are ${known}` },
    ]);
  }

  const issues: IssueDetail[] = [];
  const requested = checkLanguages(registry, languages, issues);
  const areas = areaText(registry, input.areaIds, input.citywide, issues);
  const facts = factTexts(category, kind, input.facts, requested, issues);
  const templates = templatesByLanguage(input.templates, category.id, kind, requested, issues);
  for (const template of templates.values()) checkTemplateVariables(template, facts, issues);
  if (issues.length > 0) throw invalid(issues);

  const rendered = new Map<string, RenderedLanguage>();
  for (const [language, template] of templates) {
    const variables: Record<string, string> = {
      ...Object.fromEntries([...facts].map(([name, texts]) => [name, texts[language] ?? ''])),
      link,
      areas: areas(language),
      category: inLanguage(category.name, language),
      service: inLanguage(registry.service.name, language),
    };
    const label = statusLabel(status, language);
    const field = (name: TemplateField) =>
      collect(issues, () => renderTemplateText(template[name], variables, `template ${template.id}`));

    const smsText = preferGsm7(`${label}${field('sms')} ${link}`);
    const sms = { text: smsText, ...measureSms(smsText) };
    if (sms.parts > registry.sms.maxParts) {
      const units = sms.encoding === 'GSM-7' ? 'characters' : 'UCS-2 units';
      issues.push({
        path: ['sms', language],
        message: `the ${language} SMS is ${sms.parts} parts (${sms.encoding}, ${sms.units} ${units}); at most ${registry.sms.maxParts} allowed: shorten the text or the facts it uses`,
      });
    }
    const body = `${label}${field('emailBody')}`;
    const support = resourcesText(input.resources, language);
    const headline = `${label}${field('headline')}`;
    rendered.set(language, {
      headline,
      x: splitForX(field('x'), link, { prefix: label }),
      sms,
      email: {
        subject: `${label}${field('emailSubject')}`,
        body: [body.endsWith(link) ? body : `${body}\n\n${link}`, support].filter(Boolean).join('\n\n'),
      },
      cap: { description: `${label}${field('capDescription')}`, instruction: field('capInstruction') },
      // Every character of the page text is escaped: facts can never become markup.
      web: composeArticle(
        language,
        headline,
        paragraphsHtml(`${label}${field('web')}`),
        resourcesHtml(input.resources, language),
      ),
    });
  }
  if (issues.length > 0) throw invalid(issues);

  const xThread = numberThread([...rendered.values()].flatMap((r) => r.x));
  let next = 0;
  for (const r of rendered.values()) {
    r.x = xThread.slice(next, next + r.x.length);
    next += r.x.length;
  }

  return {
    status,
    msgType,
    kind,
    link,
    languages: Object.fromEntries(rendered),
    xThread,
    templates: [...templates].map(([language, t]) => ({ language, id: t.id, version: t.version })),
    resources: input.resources.map(({ resource, stale }) => ({
      id: resource.id,
      revision: resource.revision,
      stale,
    })),
  };
}

function invalid(issues: IssueDetail[]): ValidationError {
  const unique = [...new Map(issues.map((i) => [JSON.stringify([i.path, i.message]), i])).values()];
  const summary = unique.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  return new ValidationError(`the broadcast cannot be rendered: ${summary}`, unique);
}

/** Runs `render`, turning a ValidationError into issues so every field's problems are reported at once. */
function collect(issues: IssueDetail[], render: () => string): string {
  try {
    return render();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues);
    return '';
  }
}

function inLanguage(texts: Record<string, string>, language: string): string {
  return texts[language] ?? texts.en ?? Object.values(texts)[0] ?? '';
}

function checkLanguages(registry: Registry, languages: string[], issues: IssueDetail[]): string[] {
  const known = new Set(registry.languages.map((l) => l.code));
  if (languages.length === 0) issues.push({ path: ['languages'], message: 'at least one language' });
  if (new Set(languages).size !== languages.length) {
    issues.push({ path: ['languages'], message: 'a language is listed twice' });
  }
  for (const language of languages) {
    if (!known.has(language))
      issues.push({
        path: ['languages'],
        message: `unknown language ${language}; the languages are ${[...known].join(', ')}`,
      });
  }
  return [...new Set(languages)].filter((l) => known.has(l));
}

/** Fails closed: no division and no city-wide flag is an error, never "everywhere". */
function areaText(
  registry: Registry,
  areaIds: string[],
  citywide: boolean,
  issues: IssueDetail[],
): (language: string) => string {
  if (citywide && areaIds.length > 0) {
    issues.push({ path: ['areaIds'], message: 'a city-wide broadcast names no divisions' });
  }
  if (!citywide && areaIds.length === 0) {
    issues.push({ path: ['areaIds'], message: 'name at least one division or mark the broadcast city-wide' });
  }
  areaIds.forEach((id, i) => {
    if (!registry.divisions.some((d) => d.id === id)) {
      issues.push({ path: ['areaIds', i], message: unknownDivision(registry, id) });
    }
  });
  // Registry order, so the same audience always reads (and hashes) the same.
  const divisions = registry.divisions.filter((d) => areaIds.includes(d.id));
  return (language) =>
    citywide
      ? inLanguage(CITYWIDE, language)
      : new Intl.ListFormat(language, { type: 'conjunction' }).format(
          divisions.map((d) => inLanguage(d.name, language)),
        );
}
