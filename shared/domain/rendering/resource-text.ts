import type { AttachedResource, Resource } from '../resource.js';

/**
 * The resources of a broadcast as the e-mail and the public page show them: in full, in the
 * reader's language. SMS and X carry the broadcast's link, whose page lists them.
 */

const HEADINGS: Record<string, string> = { en: 'Help and support', fr: 'Aide et soutien' };
const LABELS: Record<string, { phone: string; text: string; hours: string; who: string }> = {
  en: { phone: 'Call', text: 'Text', hours: 'Hours', who: 'For' },
  fr: { phone: 'Appel', text: 'Texto', hours: 'Heures', who: 'Pour' },
};
/** French puts a space before a colon. */
const COLON: Record<string, string> = { en: ':', fr: ' :' };

function inLanguage(texts: Record<string, string>, language: string): string {
  return texts[language] ?? texts.en ?? Object.values(texts)[0] ?? '';
}

/** `+14165550101` -> `416-555-0101`; short numbers and other countries as they are. */
export function displayPhone(number: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
  return nanp ? `${nanp[1]}-${nanp[2]}-${nanp[3]}` : number;
}

interface ResourceLines {
  name: string;
  lines: string[];
  url?: string;
}

function describe(resource: Resource, language: string): ResourceLines {
  const label = LABELS[language] ?? (LABELS.en as (typeof LABELS)['en']);
  const colon = COLON[language] ?? ':';
  const contact = [
    resource.phone ? `${label.phone}${colon} ${displayPhone(resource.phone)}` : '',
    resource.textNumber ? `${label.text}${colon} ${displayPhone(resource.textNumber)}` : '',
  ].filter(Boolean);
  return {
    name: inLanguage(resource.name, language),
    lines: [
      inLanguage(resource.description, language),
      ...(contact.length > 0 ? [contact.join(' · ')] : []),
      `${label.hours}${colon} ${inLanguage(resource.hours, language)}`,
      `${label.who}${colon} ${inLanguage(resource.eligibility, language)}`,
    ],
    ...(resource.url ? { url: resource.url } : {}),
  };
}

/** The plain-text block appended to the e-mail body; empty when nothing is attached. */
export function resourcesText(attached: readonly AttachedResource[], language: string): string {
  if (attached.length === 0) return '';
  const colon = COLON[language] ?? ':';
  const entries = attached.map(({ resource }) => {
    const { name, lines, url } = describe(resource, language);
    return [`- ${name}`, ...lines.map((l) => `  ${l}`), ...(url ? [`  ${url}`] : [])].join('\n');
  });
  return `${inLanguage(HEADINGS, language)}${colon}\n\n${entries.join('\n\n')}`;
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Plain text as HTML paragraphs: every character escaped, blank lines split paragraphs. */
export function paragraphsHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`)
    .join('\n');
}

/** The resources section of the public page. */
export function resourcesHtml(attached: readonly AttachedResource[], language: string): string {
  if (attached.length === 0) return '';
  const items = attached.map(({ resource }) => {
    const { name, lines, url } = describe(resource, language);
    const link = url ? `<br><a href="${escapeHtml(url)}">${escapeHtml(url)}</a>` : '';
    return `<li><strong>${escapeHtml(name)}</strong><br>${lines.map(escapeHtml).join('<br>')}${link}</li>`;
  });
  return `<section><h2>${escapeHtml(inLanguage(HEADINGS, language))}</h2>\n<ul>\n${items.join('\n')}\n</ul></section>`;
}
