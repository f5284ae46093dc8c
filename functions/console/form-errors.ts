import type { IssueDetail } from '../../shared/domain/errors.js';

/**
 * The API's validation issues (zod's and the use cases' ValidationError) as the console form's
 * fields: `['facts', 'location']` is the field `fact.location`. The sentence is the issue's own:
 * the domain writes its 4xx messages for people. An issue with no field still reaches the summary.
 */
export function fieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  options: { firstLanguage: string },
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path, options.firstLanguage);
    errors[field] ??= sentence(field, issue.message);
  }
  return errors;
}

const CHOICES: Record<string, string> = {
  severity: 'Choose the severity',
  urgency: 'Choose the urgency',
  certainty: 'Choose the certainty',
  languages: 'Choose at least one language',
};

function sentence(field: string, message: string): string {
  if (CHOICES[field] && /invalid|expected|required/i.test(message)) return CHOICES[field] as string;
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function fieldOf(path: readonly PropertyKey[], firstLanguage: string): string {
  const [head, second, third] = path.map(String);
  if (head === 'facts' && second) return third ? `fact.${second}.${third}` : `fact.${second}`;
  if (head === 'expiresAt') return 'expiresInHours';
  if (head === 'note') return second === 'fr' ? 'noteFr' : 'note';
  if (head === undefined) return 'form';
  void firstLanguage;
  return head;
}

export type { IssueDetail };
