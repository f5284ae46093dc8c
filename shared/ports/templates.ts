import type { BroadcastKind } from '../domain/vocabulary.js';

/**
 * A message template for one category, language and broadcast kind. Texts use `{{fact}}`
 * placeholders (logic-less: no code, no conditionals); the renderer fills them from the
 * incident's facts plus the built-in variables it documents.
 */
export interface Template {
  id: string;
  version: number;
  category: string;
  language: string;
  kind: BroadcastKind;
  headline: string;
  x: string;
  sms: string;
  emailSubject: string;
  emailBody: string;
}

/** Where templates come from: built in now, a repository of comms-edited versions later. */
export interface TemplateSource {
  /** The published template, or undefined when there is none. */
  find(query: { category: string; language: string; kind: BroadcastKind }): Promise<Template | undefined>;
}
