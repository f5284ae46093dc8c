import type { SubscribeText } from './words.js';
import { subscribeTextEn } from './words-en.js';
import { subscribeTextFr } from './words-fr.js';

export type { ProblemStatus, SubscribeText } from './words.js';

const TEXTS: Record<string, SubscribeText> = { en: subscribeTextEn, fr: subscribeTextFr };

/** The words in `language`, English when the pages have none of their own for it. */
export function subscribeText(language: string): SubscribeText {
  return TEXTS[language] ?? subscribeTextEn;
}
